package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.io.Csv;

/**
 * End to end in ImageJ under Xvfb: {@code macros/classify_open_stack.ijm} classifies an open stack
 * of three sample images with a model exported here (71 x 71), labels each slice, and evaluates
 * the model on a list CSV; the slices' heatmaps are drawn over them and written as TIFFs.
 */
class ClassifyMacroIT {

	@OnDesktop
	void openStackIsClassifiedLabelledAndEvaluated() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("classify").withDisplay()) {
			List<String> ids = TestModels.sampleIds(3);
			Path images = TestModels.copyImages(ij.root.resolve("images"), ids);
			Path list = TestModels.writeList(ij.root.resolve("x_test.csv"), ids);
			Path model = TestModels.exportXception(ij.root.resolve("model"), ids.stream().map(images::resolve).toList(), 71);
			Path out = ij.root.resolve("out");
			ImageJFolder.Result r = ij.runBatch(Paths.get("macros/classify_open_stack.ijm"),
				model + "," + images + "," + list + "," + out, 300);
			assertTrue(r.finished, "ImageJ did not finish:\n" + r.output);
			assertTrue(r.output.contains("classified slices: 3"), r.output);
			// per slice: its label, and its heatmap picture with a colour bar and 4 texts (name, +max, 0, -max)
			assertTrue(r.output.contains("overlay elements: " + (3 + 3 * 6)), r.output);
			assertTrue(r.output.contains("heatmap files: 3"), r.output);
			Csv pred = Csv.read(out.resolve("stack_predictions.csv"));
			assertEquals(3, pred.size());
			assertEquals(ids.get(0).replace(".jpg", ""), pred.get(0, "image_id").replace(".jpg", ""));
			assertTrue(r.output.contains("evaluated: test images 3"), r.output);
			Csv f1 = Csv.read(out.resolve("f1.csv"));
			assertEquals("test", f1.get(0, "split"));

			// the flattened slice carries its label: red (defect) or green (ok) text
			BufferedImage png = ImageIO.read(out.resolve("classify_label.png").toFile());
			boolean defect = pred.get(0, "prediction").equals("1");
			int coloured = 0;
			for (int y = 0; y < Math.min(png.getHeight(), 80); y++)
				for (int x = 0; x < Math.min(png.getWidth(), 600); x++) {
					int p = png.getRGB(x, y), r8 = (p >> 16) & 0xff, g8 = (p >> 8) & 0xff, b8 = p & 0xff;
					if (defect ? r8 > 150 && g8 < 90 && b8 < 90 : g8 > 120 && r8 < 90 && b8 < 120) coloured++;
				}
			assertTrue(coloured > 50, "no " + (defect ? "red" : "green") + " label in the flattened slice (" + coloured + ")");
			ij.screenshot(ij.root.resolve("screen.png"));
		}
	}
}
