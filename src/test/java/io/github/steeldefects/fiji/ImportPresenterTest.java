package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.measure.ResultsTable;

import io.github.steeldefects.data.TestData;

/** A headless macro: call("io.github.steeldefects.fiji.MacroBridge.run", "import", "csv=... images=..."). */
class ImportPresenterTest {

	@TempDir
	Path dir;

	@Test
	void headlessMacroImportFillsTheResultsTable() throws Exception {
		TestData.write(dir);
		Path table = dir.resolve("my table.csv");
		String summary = MacroBridge.run("import", "csv=" + dir.resolve("train_old.csv") + " images=" +
			dir.resolve("train_images") + " table=[" + table + "]");
		assertTrue(summary.contains("Imported 6 images"), summary);
		assertTrue(Files.exists(table));
		ResultsTable rt = ResultsTable.getResultsTable();
		assertEquals(6, rt.size());
		assertEquals("e.jpg", rt.getStringValue("image_id", 4));
		assertEquals("1_2_4", rt.getStringValue("stratify", 4));
		assertEquals(1, rt.getValue("defect_4", 4));
	}
}
