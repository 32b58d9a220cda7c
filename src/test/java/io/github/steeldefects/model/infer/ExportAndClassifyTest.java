package io.github.steeldefects.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.Preprocessing;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.EpochMetrics;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.ModelInfo;
import io.github.steeldefects.model.train.TrainingSettings;

/** Full model export (small input, random Xception weights) and reload through DJL. */
@Tag("tensorflow")
class ExportAndClassifyTest {

	private static final int H = 75, W = 100;

	@TempDir
	static Path tmp;

	static TensorFlowRuntime runtime;
	static XceptionWeights base;
	static List<RgbImage> images;
	static HeadWeights head;
	static float[][] sessionProbabilities;
	static float[][] javaProbabilities;
	static Path modelFolder;
	static ModelInfo info;

	@BeforeAll
	static void exportOnce() throws IOException {
		runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		base = XceptionWeights.random(3);
		images = new ArrayList<>();
		Random r = new Random(1);
		for (int i = 0; i < 5; i++) images.add(stripes(H + 10 * i, W + 20 * i, r)); // sizes differ: resized to H x W
		float[][] features;
		try (FeatureExtractor fx = new FeatureExtractor(base, H, W, runtime)) {
			List<RgbImage> resized = images.stream().map(im -> im.resized(H, W)).toList();
			features = fx.extract(resized);
		}
		head = TestModels.headFittedTo(features, 2, new Random(2));
		javaProbabilities = head.predict(features);
		try (ModelExporter exporter = new ModelExporter(base, head, H, W, runtime)) {
			sessionProbabilities = exporter.predict(images);
			modelFolder = tmp.resolve("model");
			TrainingSettings settings = TrainingSettings.builder().outputs(4).epochs(3).build();
			info = exporter.export(modelFolder, new ExportDetails(List.of("a", "b"), new double[] { 0.4, 0.6 }, settings, 3,
				List.of(new EpochMetrics(1, 0.5, 0.5, 0.5, 0.5, 0.6, Double.NaN, 0.0, Double.NaN, 1.0))));
		}
	}

	@AfterAll
	static void release() {
		base = null;
	}

	@Test
	void exportedFolderHoldsSavedModelAndDescription() throws IOException {
		assertTrue(Files.isRegularFile(modelFolder.resolve("saved_model.pb")));
		assertTrue(Files.isDirectory(modelFolder.resolve("variables")));
		ModelInfo read = ModelInfo.read(modelFolder.resolve("model.json"));
		assertEquals("inside", read.preprocessing());
		assertEquals(H, read.inputHeight());
		assertEquals(W, read.inputWidth());
		assertEquals(List.of("a", "b"), read.classNames());
		assertArrayEquals(new double[] { 0.4, 0.6 }, read.thresholds());
		assertEquals(64, read.weightsSha256().length());
		assertEquals(info.weightsSha256(), read.weightsSha256());
		assertTrue(Double.isNaN(read.history().get(0).valF1()));
		assertTrue(read.versions().containsKey("djl") && read.versions().containsKey("tensorflow"));
		assertEquals(3, read.training().epochs());
	}

	@Test
	void exportGraphAgreesWithFeatureExtractorPlusHead() {
		for (int i = 0; i < images.size(); i++) {
			for (int o = 0; o < 2; o++) assertEquals(javaProbabilities[i][o], sessionProbabilities[i][o], 1e-4);
		}
		// not saturated: the comparison means something
		boolean middling = false;
		for (float[] p : sessionProbabilities) for (float v : p) middling |= v > 0.05 && v < 0.95;
		assertTrue(middling);
	}

	@Test
	void djlReloadGivesTheTrainingSessionOutputs() throws IOException {
		try (Classifier c = Classifier.open(modelFolder, Classifier.Options.defaults().withBatchSize(2)
			.withDevice(TensorFlowRuntime.Device.CPU)))
		{
			assertEquals(ModelExporter.INPUT, c.inputName());
			assertEquals(H, c.inputHeight());
			assertEquals(W, c.inputWidth());
			assertEquals(2, c.outputs());
			assertEquals(Preprocessing.INSIDE, c.preprocessing());
			float[][] p = c.predict(images);
			for (int i = 0; i < images.size(); i++) assertArrayEquals(sessionProbabilities[i], p[i], 1e-5f);

			// streaming over files gives the same numbers (PNG is lossless)
			List<Path> files = new ArrayList<>();
			for (int i = 0; i < images.size(); i++) files.add(writePng(images.get(i), tmp.resolve("img" + i + ".png")));
			List<Classifier.Prediction> out = new ArrayList<>();
			c.classifyFiles(files, out::add);
			assertEquals(images.size(), out.size());
			for (int i = 0; i < images.size(); i++) {
				assertEquals("img" + i + ".png", out.get(i).imageId());
				assertArrayEquals(sessionProbabilities[i], out.get(i).probabilities(), 1e-5f);
			}
		}
	}

	@Test
	void exportRefusesToOverwriteAForeignFolder() throws IOException {
		Path foreign = tmp.resolve("foreign-data");
		Files.createDirectories(foreign);
		Files.writeString(foreign.resolve("notes.txt"), "keep me");
		try (ModelExporter exporter = new ModelExporter(base, head, H, W, runtime)) {
			IOException e = assertThrows(IOException.class, () -> exporter.export(foreign, new ExportDetails(List.of("a", "b"),
				new double[] { 0.5, 0.5 }, null, 0, List.of())));
			assertTrue(e.getMessage().contains("holds no Steel Defects model"), e.getMessage());
			// a previous model is replaced as a whole
			Path again = tmp.resolve("model-again");
			ExportDetails details = new ExportDetails(List.of("a", "b"), new double[] { 0.5, 0.5 }, null, 0, List.of());
			ModelInfo first = exporter.export(again, details);
			ModelInfo second = exporter.export(again, details);
			assertEquals(first.weightsSha256(), second.weightsSha256());
			assertEquals(second.created(), ModelInfo.read(again.resolve("model.json")).created());
		}
		assertTrue(Files.exists(foreign.resolve("notes.txt")));
	}

	@Test
	void missingFolderIsNamed() {
		Path missing = tmp.resolve("no-such-model");
		IOException e = assertThrows(IOException.class, () -> Classifier.open(missing));
		assertTrue(e.getMessage().startsWith("Model folder ") && e.getMessage().contains("does not exist"), e.getMessage());
	}

	@Test
	void folderWithoutSavedModelIsNamed() throws IOException {
		Path empty = Files.createDirectories(tmp.resolve("empty-folder"));
		IOException e = assertThrows(IOException.class, () -> Classifier.open(empty));
		assertTrue(e.getMessage().contains("is not a TensorFlow SavedModel"), e.getMessage());
	}

	@Test
	void foreignSavedModelNeedsPreprocessingAndThenWorks() throws IOException {
		Path folder = tinySavedModel("foreign-rgb", -1, 8, 8, 3);
		IOException e = assertThrows(IOException.class, () -> Classifier.open(folder));
		assertTrue(e.getMessage().contains("preprocessing=xception, unit or none"), e.getMessage());
		try (Classifier c = Classifier.open(folder, Classifier.Options.defaults().withPreprocessing(Preprocessing.UNIT))) {
			assertEquals(8, c.inputHeight());
			float[] grey = new float[64];
			java.util.Arrays.fill(grey, 255f);
			float[][] p = c.predict(List.of(RgbImage.ofGrey(8, 8, grey), RgbImage.ofGrey(8, 8, new float[64])));
			// sigmoid(2 * (mean - 0.5)) with the mean of x/255: 1 for white, 0 for black
			assertEquals(1 / (1 + Math.exp(-1)), p[0][0], 1e-6);
			assertEquals(1 / (1 + Math.exp(1)), p[1][0], 1e-6);
		}
	}

	@Test
	void wrongChannelCountIsExplained() throws IOException {
		Path folder = tinySavedModel("foreign-grey", -1, 8, 8, 1);
		IOException e = assertThrows(IOException.class,
			() -> Classifier.open(folder, Classifier.Options.defaults().withPreprocessing(Preprocessing.NONE)));
		assertTrue(e.getMessage().contains("expects 1-channel images") && e.getMessage().contains("3 channels"),
			e.getMessage());
	}

	@Test
	void wrongRankIsExplained() throws IOException {
		Path folder = tinySavedModel("foreign-vector", -1, 2048);
		IOException e = assertThrows(IOException.class,
			() -> Classifier.open(folder, Classifier.Options.defaults().withPreprocessing(Preprocessing.NONE)));
		assertTrue(e.getMessage().contains("of rank 2"), e.getMessage());
	}

	@Test
	void unreadableImageIsNamed() throws IOException {
		Path broken = tmp.resolve("broken.jpg");
		Files.write(broken, new byte[] { 1, 2, 3, 4, 5 });
		try (Classifier c = Classifier.open(modelFolder)) {
			// a damaged image is bad input (exit 2), named by the one decoder every reader uses
			io.github.steeldefects.InputException e = assertThrows(io.github.steeldefects.InputException.class,
				() -> c.classifyFiles(List.of(broken), p -> { }));
			assertTrue(e.getMessage().startsWith("Image file ") && e.getMessage().contains("broken.jpg"), e.getMessage());
			// a missing one too: the same decoder names it and says what to check
			io.github.steeldefects.InputException missing = assertThrows(io.github.steeldefects.InputException.class,
				() -> c.classifyFiles(List.of(tmp.resolve("gone.jpg")), p -> { }));
			assertTrue(missing.getMessage().contains("gone.jpg") && missing.getMessage().contains("does not exist"),
				missing.getMessage());
		}
	}

	@Test
	void finishedExportLeavesNoTemporaryFolders() throws IOException {
		try (var s = Files.list(tmp)) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")));
		}
	}

	/** TestModels' tiny SavedModel (scale 2, no model.json) for this input shape, in this test's folder. */
	private static Path tinySavedModel(String name, long... inputShape) throws IOException {
		return TestModels.tinySavedModel(tmp.resolve(name), inputShape, new float[] { 2 });
	}

	private static RgbImage stripes(int h, int w, Random r) {
		float[] p = new float[h * w * 3];
		int period = 3 + r.nextInt(8);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			float v = ((x + y) / period) % 2 == 0 ? 40 + r.nextInt(30) : 180 + r.nextInt(60);
			for (int c = 0; c < 3; c++) p[(y * w + x) * 3 + c] = Math.round(v * (0.8f + 0.1f * c));
		}
		return new RgbImage(h, w, p);
	}

	private static Path writePng(RgbImage im, Path file) throws IOException {
		BufferedImage b = new BufferedImage(im.width(), im.height(), BufferedImage.TYPE_INT_RGB);
		float[] p = im.pixels();
		for (int y = 0; y < im.height(); y++) for (int x = 0; x < im.width(); x++) {
			int i = (y * im.width() + x) * 3;
			b.setRGB(x, y, ((int) p[i] << 16) | ((int) p[i + 1] << 8) | (int) p[i + 2]);
		}
		ImageIO.write(b, "png", file.toFile());
		return file;
	}
}
