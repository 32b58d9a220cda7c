package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.cli.Main;

/** README's main job: the whole pipeline on the bundled sample data, from the command line. */
@Tag("tensorflow")
class PipelineCommandTest {

	@TempDir
	Path dir;

	@Test
	void runsEveryStepOnTheSampleDataAndPrintsTheF1Table() throws IOException {
		Path out = dir.resolve("run");
		ByteArrayOutputStream stdout = new ByteArrayOutputStream(), stderr = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "pipeline", "data=sample-data", "out=" + out, "size=71x142", "epochs=3" },
			new PrintStream(stdout, true), new PrintStream(stderr, true));
		String printed = stdout.toString(StandardCharsets.UTF_8);
		assertEquals(0, code, printed + stderr);
		for (String step : List.of("== import", "== split", "== train", "== classify", "== evaluate"))
			assertTrue(printed.contains(step), step + " missing in:\n" + printed);

		List<String> f1 = Files.readAllLines(out.resolve("f1.csv"), StandardCharsets.UTF_8);
		assertEquals("split,images,tp,fp,fn,tn,precision,recall,f1,accuracy,auc,threshold", f1.get(0));
		assertEquals(4, f1.size(), "one row per split: " + f1);
		long images;
		try (var s = Files.list(Paths.get("sample-data/train_images"))) {
			images = s.count();
		}
		int total = 0;
		for (int i = 1; i < f1.size(); i++) {
			String[] r = f1.get(i).split(",");
			assertEquals(List.of("train", "val", "test").get(i - 1), r[0]);
			int n = Integer.parseInt(r[1]);
			assertEquals(n, Integer.parseInt(r[2]) + Integer.parseInt(r[3]) + Integer.parseInt(r[4]) +
				Integer.parseInt(r[5]), "tp + fp + fn + tn = images: " + f1.get(i));
			total += n;
			assertTrue(printed.contains(r[0] + " "), "the printed table has the " + r[0] + " row");
		}
		assertEquals(images, total, "train + val + test cover every image");
		assertEquals(Files.readAllLines(out.resolve("split/x_test.csv")).size(),
			Files.readAllLines(out.resolve("predictions_test.csv")).size(), "a prediction per test image");

		// running it again into the same folder keeps the first results
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertEquals(2, Main.run(new String[] { "pipeline", "data=sample-data", "out=" + out }, new PrintStream(
			new ByteArrayOutputStream()), new PrintStream(err, true)));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("overwrite=true"), err.toString());
		assertEquals(f1, Files.readAllLines(out.resolve("f1.csv"), StandardCharsets.UTF_8));
	}
}
