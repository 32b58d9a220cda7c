package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * {@code macros/severstal_pipeline.ijm} in an ImageJ with the plugin installed, under Xvfb: the
 * menus are there, so every step runs as {@code run("...")}, as recorded in Fiji.
 */
class PipelineMacroIT {

	@OnDesktop
	void pipelineMacroRunsThroughTheMenus() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("pipeline").withDisplay()) {
			Path out = ij.root.resolve("out");
			ImageJFolder.Result r = ij.runBatch(Paths.get("macros/severstal_pipeline.ijm"),
				Paths.get("sample-data").toAbsolutePath() + "," + out, 300);
			assertTrue(r.finished, "ImageJ did not finish:\n" + r.output);
			assertTrue(r.output.contains("== Train Classifier..."), r.output);
			assertTrue(r.output.contains("pipeline done"), "the macro ran to its end:\n" + r.output);
			List<String> f1 = Files.readAllLines(out.resolve("f1.csv"), StandardCharsets.UTF_8);
			assertEquals(4, f1.size(), f1.toString());
			for (String split : List.of("train", "val", "test"))
				assertTrue(r.output.contains("F1 " + split + ": "), "the macro read the " + split + " row back:\n" + r.output);
		}
	}
}
