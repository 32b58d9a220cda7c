package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.steeldefects.Progress;
import io.github.steeldefects.synth.SyntheticDataset;

/**
 * End to end in ImageJ under Xvfb: a macro runs {@code run("Generate Synthetic Data...", ...)}
 * with the plugin in {@code plugins/}; the dataset is the generator's, and the first image opens.
 */
class GenerateMacroIT {

	@OnDesktop
	void generateMacroWritesTheDatasetAndOpensTheFirstImage() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("generate").withDisplay()) {
			Path out = ij.root.resolve("synthetic data");
			Path macro = ij.root.resolve("generate.ijm");
			Files.writeString(macro, String.join("\n",
				"dir = getArgument();",
				"run(\"Generate Synthetic Data...\", \"out=[\" + dir + \"] images=5 seed=2 format=old width=400 height=64\");",
				"files = getFileList(dir + \"/train_images\");",
				"print(\"files: \" + files.length);",
				"print(\"open: \" + nImages);",
				"if (nImages > 0) print(\"first: \" + getTitle() + \" \" + getWidth() + \"x\" + getHeight());",
				""), StandardCharsets.UTF_8);
			ImageJFolder.Result r = ij.runBatch(macro, out.toString(), 120);
			assertTrue(r.finished, "ImageJ did not finish:\n" + r.output);
			assertEquals(0, r.exitCode, r.output);
			assertTrue(r.output.contains("Generated 5 synthetic images"), r.output);
			assertTrue(r.output.contains("files: 5"), r.output);

			// the same files as the generator makes for these options
			Path expected = ij.root.resolve("expected");
			SyntheticDataset d = new SyntheticDataset(2, 5, 400, 64);
			d.write(expected, SyntheticDataset.Format.OLD, false, Progress.NONE);
			assertArrayEquals(Files.readAllBytes(expected.resolve("train.csv")), Files.readAllBytes(out.resolve("train.csv")));

			// the first image (in id order) is open
			String first = d.imageId(d.order()[0]);
			assertTrue(r.output.contains("open: 1"), r.output);
			assertTrue(r.output.contains("first: " + first + " 400x64"), r.output);
			List<String> csv = Files.readAllLines(out.resolve("train.csv"));
			assertEquals("ImageId_ClassId,EncodedPixels", csv.get(0));
		}
	}
}
