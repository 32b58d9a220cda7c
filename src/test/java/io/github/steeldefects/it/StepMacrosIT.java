package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The recorder-style macros {@code macros/01_generate.ijm} .. {@code 07_evaluate.ijm}, one after
 * the other in one ImageJ under Xvfb, exactly as written except that their example folder
 * {@code /tmp/steel} becomes a folder of the test's own.
 */
class StepMacrosIT {

	static final List<String> STEPS = List.of("01_generate.ijm", "02_import.ijm", "03_split.ijm", "04_augment_preview.ijm",
		"05_train.ijm", "06_classify.ijm", "07_evaluate.ijm");

	@OnDesktop
	void everyStepMacroRunsInOrder() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("steps").withDisplay()) {
			Path work = ij.root.resolve("steel");
			StringBuilder all = new StringBuilder();
			for (String step : STEPS) {
				String text = Files.readString(Paths.get("macros", step), StandardCharsets.UTF_8);
				assertTrue(text.contains("/tmp/steel"), step + " names its example folder");
				all.append(text.replace("/tmp/steel", work.toString())).append("\nprint(\"done ").append(step).append("\");\n");
			}
			Path macro = ij.root.resolve("steps.ijm");
			Files.writeString(macro, all.toString());
			ImageJFolder.Result r = ij.runBatch(macro, null, 300);
			assertTrue(r.finished, "ImageJ did not finish:\n" + r.output);
			for (String step : STEPS) assertTrue(r.output.contains("done " + step), step + " did not finish:\n" + r.output);
			assertTrue(Files.isRegularFile(work.resolve("model/model.json")));
			List<String> f1 = Files.readAllLines(work.resolve("f1.csv"), StandardCharsets.UTF_8);
			assertEquals("split,images,tp,fp,fn,tn,precision,recall,f1,accuracy,auc,threshold", f1.get(0));
			assertEquals(4, f1.size());
		}
	}
}
