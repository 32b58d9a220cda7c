package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.Opener;
import ij.measure.Calibration;

import io.github.steeldefects.classify.HeatmapTiff;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * The heatmap TIFF's calibration as ImageJ reads it back: the cell size is the image region a cell
 * covers, to 4 decimals, also where it is not a whole number (3 cells over 256 pixels: 85.3333,
 * once read back as 85.3315 from a rounded resolution).
 */
class HeatmapTiffCalibrationTest {

	@TempDir
	Path tmp;

	@Test
	void imageJReadsBackTheExactCellSize() throws Exception {
		int[][] cases = { { 3, 19, 256, 1600 }, { 8, 50, 256, 1600 }, { 7, 13, 71, 71 }, { 1, 1, 5, 3 }, { 3, 7, 1000, 9999 } };
		for (int[] c : cases) {
			int h = c[0], w = c[1], imageHeight = c[2], imageWidth = c[3];
			float[] values = new float[w * h];
			for (int i = 0; i < values.length; i++) values[i] = i * 0.25f - 1;
			Path file = tmp.resolve(h + "x" + w + ".tif");
			try (OutputStream out = Files.newOutputStream(file)) {
				HeatmapTiff.write(out, new Heatmap(1, h, w, values), List.of("defect"), imageWidth, imageHeight, "info");
			}
			ImagePlus imp = new Opener().openImage(file.toString());
			assertNotNull(imp, file.toString());
			Calibration cal = imp.getCalibration();
			String what = h + " x " + w + " cells over " + imageHeight + " x " + imageWidth + " pixels";
			assertEquals(imageWidth / (double) w, cal.pixelWidth, 5e-5, what + ": pixel width");
			assertEquals(imageHeight / (double) h, cal.pixelHeight, 5e-5, what + ": pixel height");
			assertEquals(String.format(java.util.Locale.ROOT, "%.4f", imageHeight / (double) h),
				String.format(java.util.Locale.ROOT, "%.4f", cal.pixelHeight), what);
		}
	}
}
