package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.fiji.DefectOverlays;

/**
 * End to end in ImageJ under Xvfb: {@code macros/import_sample.ijm} runs
 * {@code run("Import Severstal Data...", ...)} in an ImageJ with the plugin in {@code plugins/},
 * on the bundled sample data, and the flattened image shows the class overlays.
 */
class ImportMacroIT {

	@OnDesktop
	void importMacroShowsOverlaysAndWritesTheTable() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("import").withDisplay()) {
			Path out = ij.root.resolve("out");
			Path data = Paths.get("sample-data").toAbsolutePath();
			ImageJFolder.Result r = ij.runBatch(Paths.get("macros/import_sample.ijm"), data + "," + out, 300);
			assertTrue(r.finished, "ImageJ did not finish:\n" + r.output);
			List<String> expected = Files.readAllLines(Paths.get("sample-data/train.csv"), StandardCharsets.UTF_8);
			assertTrue(expected.size() > 1);
			long images;
			try (var s = Files.list(data.resolve("train_images"))) {
				images = s.count();
			}
			assertTrue(r.output.contains("images in the table: " + images), r.output);
			DefectTable table = DefectTable.read(out.resolve("table.csv"));
			assertEquals(images, table.size());

			// the flattened picture carries class 3's overlay colour (magenta fill over grey steel)
			BufferedImage png = ImageIO.read(out.resolve("import_overlay.png").toFile());
			assertEquals(1600, png.getWidth());
			int tinted = 0;
			int c3 = DefectOverlays.color(3).getRGB();
			for (int y = 0; y < png.getHeight(); y++)
				for (int x = 0; x < png.getWidth(); x++) {
					int p = png.getRGB(x, y);
					int r8 = (p >> 16) & 0xff, g8 = (p >> 8) & 0xff, b8 = p & 0xff;
					// grey steel has r = g = b; magenta pulls red and blue above green
					if ((p & 0xffffff) == (c3 & 0xffffff) || r8 > g8 + 30 && b8 > g8 + 30) tinted++;
				}
			assertTrue(tinted > 500, "the class 3 overlay is not visible in the flattened image (" + tinted + " pixels)");
			ij.screenshot(ij.root.resolve("screen.png"));
		}
	}
}
