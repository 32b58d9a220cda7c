package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.measure.ResultsTable;

/**
 * {@code macros/severstal_pipeline.ijm}, unchanged, in a headless JVM: ImageJ has no menus there,
 * so the macro reaches every step through the macro bridge, and ends with the F1 table in the
 * Results table.
 */
@Tag("tensorflow")
class PipelineMacroHeadlessTest {

	@TempDir
	Path dir;

	@Test
	void pipelineMacroRunsHeadlessThroughTheBridge() throws IOException {
		String macro = Files.readString(Paths.get("macros/severstal_pipeline.ijm"), StandardCharsets.UTF_8);
		Path out = dir.resolve("pipeline");
		IJ.runMacro(macro, Paths.get("sample-data").toAbsolutePath() + "," + out);

		List<String> f1 = Files.readAllLines(out.resolve("f1.csv"), StandardCharsets.UTF_8);
		assertEquals("split,images,tp,fp,fn,tn,precision,recall,f1,accuracy,auc,threshold", f1.get(0));
		ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(3, rt.size(), "the Results table holds the F1 table, one row per split");
		for (int i = 0; i < 3; i++) {
			String[] row = f1.get(i + 1).split(",");
			assertEquals(row[0], rt.getStringValue("split", i));
			assertEquals(Integer.parseInt(row[1]), (int) rt.getValue("images", i));
		}
		assertTrue(Files.isRegularFile(out.resolve("model/model.json")));
	}
}
