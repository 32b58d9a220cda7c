package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.cli.Main;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * classify heatmaps=FOLDER as a Fiji user opens the result: one 32-bit TIFF per image, one slice
 * per output (labelled with the class name), at feature-map size, calibrated so that a cell's size
 * is the image region it covers; the mean of a slice is the logit of the CSV's probability.
 */
@Tag("tensorflow")
class HeatmapTiffTest {

	static final int SIZE = 71;

	@TempDir
	static Path shared;

	static List<String> ids;
	static Path images, one, four;

	@TempDir
	Path tmp;

	@BeforeAll
	static void exportModels() throws Exception {
		ids = TestModels.sampleIds(3);
		images = TestModels.copyImages(shared.resolve("images"), ids);
		List<Path> files = ids.stream().map(images::resolve).toList();
		one = TestModels.exportXception(shared.resolve("one"), files, SIZE, 1);
		four = TestModels.exportXception(shared.resolve("four"), files, SIZE, 4);
	}

	record Run(int code, String out, String err) {}

	static Run cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void oneOutputTiffsOpenInImageJCalibratedWithTheLogitAsMean() throws Exception {
		checkTiffs(one, 1, List.of("defect"));
	}

	@Test
	void fourOutputTiffsHaveOneSlicePerClassInClassOrder() throws Exception {
		checkTiffs(four, 4, List.of("class_1", "class_2", "class_3", "class_4"));
	}

	private void checkTiffs(Path model, int outputs, List<String> classNames) throws Exception {
		Path folder = tmp.resolve("heat"), csv = tmp.resolve("p.csv");
		Run r = cli("classify", "model=" + model, "images=" + images, "out=" + csv, "heatmaps=" + folder, "device=cpu");
		assertEquals(0, r.code(), r.err());
		try (var s = Files.list(folder)) {
			assertEquals(ids.stream().map(id -> id.replace(".jpg", ".tif")).sorted().toList(),
				s.map(p -> p.getFileName().toString()).sorted().toList());
		}
		Csv predictions = Csv.read(csv);
		int[] cells = Xception.featureMapSize(SIZE, SIZE);
		// the heatmaps as the classifier gives them, to compare cell by cell (rows down, columns across)
		List<Heatmap> expected = new java.util.ArrayList<>();
		try (Classifier c = Classifier.open(model)) {
			List<RgbImage> rgb = new java.util.ArrayList<>();
			for (String id : ids) rgb.add(io.github.steeldefects.model.FeatureExtractor.read(images.resolve(id)));
			for (Classifier.Prediction p : c.predictWithHeatmaps(rgb)) expected.add(p.heatmap());
		}
		for (int row = 0; row < ids.size(); row++) {
			String id = ids.get(row);
			ImagePlus imp = new Opener().openImage(folder.resolve(id.replace(".jpg", ".tif")).toString());
			assertNotNull(imp, id);
			assertEquals(ImagePlus.GRAY32, imp.getType());
			assertEquals(cells[1], imp.getWidth());
			assertEquals(cells[0], imp.getHeight());
			assertEquals(outputs, imp.getStackSize());
			Calibration cal = imp.getCalibration();
			// Severstal strips are 1600 x 256: each cell covers 1600 / w x 256 / h image pixels
			assertEquals(1600.0 / cells[1], cal.pixelWidth, 1e-3 * cal.pixelWidth);
			assertEquals(256.0 / cells[0], cal.pixelHeight, 1e-3 * cal.pixelHeight);
			assertEquals(0, cal.xOrigin);
			assertEquals(0, cal.yOrigin);
			Object info = imp.getProperty("Info");
			assertNotNull(info, "no info text");
			assertTrue(info.toString().contains("each cell covers"), info.toString());
			for (int k = 0; k < outputs; k++) {
				assertEquals(classNames.get(k), imp.getStack().getSliceLabel(k + 1));
				ImageProcessor ip = imp.getStack().getProcessor(k + 1);
				for (int y = 0; y < cells[0]; y++) for (int x = 0; x < cells[1]; x++)
					assertEquals(expected.get(row).value(k, y, x), ip.getf(x, y), "cell (" + x + ", " + y + ") of " + id + " slice " + (k + 1));
				double sum = 0;
				for (int i = 0; i < ip.getPixelCount(); i++) sum += ip.getf(i);
				double mean = sum / ip.getPixelCount();
				float p = Float.parseFloat(predictions.get(row, outputs == 1 ? "probability" : "probability_" + (k + 1)));
				double logit = Math.log(p / (1.0 - p));
				assertEquals(logit, mean, 1e-4 * (1 + Math.abs(logit)) + 1e-4 / (p * (1 - p)), id + " slice " + (k + 1));
			}
		}
	}

	@Test
	void theFolderIsAllOrNothingAndRespectsOverwrite() throws Exception {
		Path folder = tmp.resolve("heat");
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("keep.txt"), "mine");
		Run refused = cli("classify", "model=" + one, "images=" + images, "heatmaps=" + folder, "device=cpu");
		assertEquals(2, refused.code(), refused.err());
		assertTrue(refused.err().contains("overwrite=true"), refused.err());
		assertEquals("mine", Files.readString(folder.resolve("keep.txt")));

		// an image that cannot be read: no folder at all, and no stray temporary one beside it
		Path broken = tmp.resolve("broken");
		TestModels.copyImages(broken, ids);
		Files.writeString(broken.resolve("zz_broken.jpg"), "not a jpeg");
		Path fresh = tmp.resolve("fresh");
		Run failed = cli("classify", "model=" + one, "images=" + broken, "heatmaps=" + fresh, "device=cpu");
		assertEquals(2, failed.code(), failed.err());
		assertFalse(Files.exists(fresh));
		try (var s = Files.list(tmp)) {
			assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".fresh")).toList());
		}

		// overwrite=true never replaces a folder classify did not write: other files, the model, the images
		Run foreign = cli("classify", "model=" + one, "images=" + images, "heatmaps=" + folder, "overwrite=true", "device=cpu");
		assertEquals(2, foreign.code(), foreign.err());
		assertTrue(foreign.err().contains("keep.txt, which is not a heatmap TIFF"), foreign.err());
		assertEquals("mine", Files.readString(folder.resolve("keep.txt")));
		for (Path precious : List.of(one, images)) {
			List<String> before;
			try (var s = Files.list(precious)) {
				before = s.map(p -> p.getFileName().toString()).sorted().toList();
			}
			Run r = cli("classify", "model=" + one, "images=" + images, "heatmaps=" + precious, "overwrite=true", "device=cpu");
			assertEquals(2, r.code(), r.err());
			assertEquals(1, r.err().strip().split("\\R").length, r.err());
			try (var s = Files.list(precious)) {
				assertEquals(before, s.map(p -> p.getFileName().toString()).sorted().toList(), precious + " is untouched");
			}
		}

		// an earlier heatmaps folder is replaced with overwrite=true
		Path earlier = tmp.resolve("heat-earlier");
		assertEquals(0, cli("classify", "model=" + one, "images=" + images, "heatmaps=" + earlier, "device=cpu").code());
		Run replaced = cli("classify", "model=" + one, "images=" + images, "heatmaps=" + earlier, "overwrite=true", "device=cpu");
		assertEquals(0, replaced.code(), replaced.err());
		try (var s = Files.list(earlier)) {
			assertEquals(ids.size(), s.count());
		}
	}

	@Test
	void aModelWithoutHeatmapsSaysSoInOneSentence() throws Exception {
		Path tiny = TestModels.tinySavedModel(tmp.resolve("tiny"), new long[] { -1, 8, 8, 3 }, new float[] { 1 });
		Run r = cli("classify", "model=" + tiny, "images=" + images, "preprocess=unit", "heatmaps=" + tmp.resolve("h"), "device=cpu");
		assertEquals(2, r.code(), r.err());
		assertTrue(r.err().contains("has no 'heatmaps' output"), r.err());
		assertFalse(Files.exists(tmp.resolve("h")));
	}
}
