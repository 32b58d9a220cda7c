package io.github.steeldefects.model.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.TensorFlowRuntime.Precision;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.ModelInfo;

/** model.json records the training precision; classify uses it by default; bf16 and fp32 probabilities agree closely. */
@Tag("tensorflow")
class PrecisionModelTest {

	private static final int H = 71, W = 96;

	@TempDir
	static Path tmp;

	static Path bf16Model;
	static List<RgbImage> images = new ArrayList<>();

	@BeforeAll
	static void exportOnce() throws IOException {
		// as train precision=bf16 does: the exporter gets the bf16 runtime and writes the bf16 signature too
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.BF16, System.out::println);
		XceptionWeights base = XceptionWeights.random(5);
		Random r = new Random(4);
		for (int i = 0; i < 6; i++) {
			float[] px = new float[H * W * 3];
			for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
				float v = 90 + (x * 5 + y * (i + 1)) % 50 + r.nextInt(20);
				for (int c = 0; c < 3; c++) px[(y * W + x) * 3 + c] = v;
			}
			images.add(new RgbImage(H, W, px));
		}
		float[][] features;
		try (FeatureExtractor fx = new FeatureExtractor(base, H, W, runtime)) {
			features = fx.extract(images);
		}
		int f = features[0].length;
		float[] mean = new float[f], var = new float[f], gamma = new float[f], kernel = new float[f];
		for (int j = 0; j < f; j++) {
			double s = 0, ss = 0;
			for (float[] x : features) { s += x[j]; ss += x[j] * x[j]; }
			mean[j] = (float) (s / features.length);
			var[j] = 1; // a head that does not blow up tiny feature differences between near-identical test images
			gamma[j] = 1;
			kernel[j] = (float) (r.nextGaussian() * 0.05);
		}
		// scale the kernel so that the logits spread about +-1 over the test images: probabilities stay off 0 and 1
		double ls = 0;
		for (float[] x : features) {
			double logit = 0;
			for (int j = 0; j < f; j++) logit += kernel[j] * (x[j] - mean[j]);
			ls += logit * logit;
		}
		double norm = Math.sqrt(ls / features.length) + 1e-12;
		for (int j = 0; j < f; j++) kernel[j] = (float) (kernel[j] / norm);
		HeadWeights head = new HeadWeights(f, 1, 1e-3f, gamma, new float[f], mean, var, kernel, new float[1]);
		bf16Model = tmp.resolve("bf16-model");
		try (ModelExporter exporter = new ModelExporter(base, head, H, W, runtime)) {
			exporter.export(bf16Model, new ExportDetails(List.of("defect"), new double[] { 0.5 }, null, 0, List.of())
				.withPrecision(Precision.BF16));
		}
	}

	@Test
	void modelJsonRecordsThePrecisionAndOldFilesReadAsFp32() throws IOException {
		ModelInfo info = ModelInfo.read(bf16Model.resolve(ModelInfo.FILE_NAME));
		assertEquals("bf16", info.precision());
		assertEquals(Precision.BF16, info.trainingPrecision());
		assertTrue(new String(Files.readAllBytes(bf16Model.resolve("saved_model.pb")), StandardCharsets.ISO_8859_1)
			.contains(ModelExporter.SIGNATURE_BF16), "the SavedModel carries the bf16 graph as a second signature");

		// a model.json written before precision existed: no such key
		String json = Files.readString(bf16Model.resolve(ModelInfo.FILE_NAME), StandardCharsets.UTF_8);
		String old = json.replaceAll(",\\s*\"precision\":\\s*\"bf16\"", "");
		assertTrue(!old.contains("precision") && old.contains("\"created\""), old);
		Path oldFile = tmp.resolve("old-model.json");
		Files.writeString(oldFile, old, StandardCharsets.UTF_8);
		ModelInfo read = ModelInfo.read(oldFile);
		assertNull(read.precision());
		assertEquals(Precision.FP32, read.trainingPrecision());
		assertEquals(info.weightsSha256(), read.weightsSha256());
	}

	@Test
	void classifyUsesTheModelsPrecisionUnlessToldAndAgreesWithFp32() throws IOException {
		Precision expected = TensorFlowRuntime.choosePrecision(Precision.AUTO, false, TensorFlowRuntime.cpuFlags()).precision();
		float[][] byDefault, exact, bf16;
		Classifier.Options cpu = Classifier.Options.defaults().withDevice(TensorFlowRuntime.Device.CPU);
		try (Classifier c = Classifier.open(bf16Model, cpu, s -> { })) {
			assertEquals(expected, c.precision(), "a bf16-trained model classifies in bf16 where the CPU runs it natively");
			byDefault = c.predict(images);
		}
		try (Classifier c = Classifier.open(bf16Model, cpu.withPrecision(Precision.FP32), s -> { })) {
			assertEquals(Precision.FP32, c.precision());
			exact = c.predict(images);
		}
		try (Classifier c = Classifier.open(bf16Model, cpu.withPrecision(Precision.BF16), s -> { })) {
			assertEquals(Precision.BF16, c.precision());
			bf16 = c.predict(images);
		}
		boolean differs = false;
		for (int i = 0; i < images.size(); i++) {
			assertEquals(exact[i][0], bf16[i][0], 0.05, "image " + i);
			differs |= exact[i][0] != bf16[i][0];
			if (expected == Precision.FP32) assertEquals(exact[i][0], byDefault[i][0], 0f);
			else assertEquals(bf16[i][0], byDefault[i][0], 0f);
		}
		// TensorFlow applies its bf16 rewrite only where oneDNN runs bf16 natively
		if (expected == Precision.BF16) assertTrue(differs, "the session option reached TensorFlow through DJL");
	}

	@Test
	void bf16SignatureCarriesHeatmapsWhoseMeanIsTheLogit() throws IOException {
		Classifier.Options bf16 = Classifier.Options.defaults().withDevice(TensorFlowRuntime.Device.CPU)
			.withPrecision(Precision.BF16);
		try (Classifier c = Classifier.open(bf16Model, bf16, s -> { })) {
			assertTrue(c.hasHeatmaps(), "the bf16 signature has the heatmaps output too");
			List<Classifier.Prediction> predictions = c.predictWithHeatmaps(images);
			float[][] plain = c.predict(images);
			for (int i = 0; i < images.size(); i++) {
				Classifier.Prediction p = predictions.get(i);
				double prob = p.probabilities()[0];
				assertEquals(plain[i][0], prob, 0f, "image " + i + ": the same forward pass gives both outputs");
				assertEquals(Math.log(prob / (1 - prob)), p.heatmap().mean(0), 1e-3 * (1 + Math.abs(p.heatmap().mean(0))),
					"image " + i + ": the mean of its bf16 heatmap is its logit");
			}
		}
	}
}
