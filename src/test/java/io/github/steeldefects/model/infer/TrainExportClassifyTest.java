package io.github.steeldefects.model.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.metrics.BinaryMetrics;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.LabeledFeatures;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TestLabels;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * The whole path a user takes, on painted images at a small input size with random base weights:
 * pooled features -&gt; head training -&gt; export -&gt; classification through DJL -&gt; F1.
 */
@Tag("tensorflow")
class TrainExportClassifyTest {

	static final int H = 71, W = 96;

	@TempDir
	Path tmp;

	@Test
	void paintedDefectsAreFoundAfterTrainingAndExport() throws Exception {
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		XceptionWeights base = healthyRandomBase(5);
		Random r = new Random(11);
		List<RgbImage> trainImages = new ArrayList<>(), valImages = new ArrayList<>(), testImages = new ArrayList<>();
		boolean[] trainTruth = paint(trainImages, 64, r), valTruth = paint(valImages, 32, r),
			testTruth = paint(testImages, 32, r);

		LabeledFeatures train, val;
		try (FeatureExtractor fx = new FeatureExtractor(base, H, W, runtime)) {
			train = TestLabels.features(fx.extract(trainImages), trainTruth);
			val = TestLabels.features(fx.extract(valImages), valTruth);
		}
		// With only 4 batches per epoch the moving batch-norm statistics need a low momentum to catch up.
		TrainingSettings settings = TrainingSettings.builder().epochs(15).batchSize(16).learningRate(3e-3f)
			.patience(5).seed(1).batchNormMomentum(0.5f).build();
		TrainingResult result = new HeadTrainer(settings).train(train, val, tmp.resolve("run"), null, null);
		assertTrue(result.history().get(result.bestEpoch() - 1).valF1() >= 0.9, result.history().toString());

		Path model = tmp.resolve("run/model");
		try (ModelExporter exporter = new ModelExporter(base, result.bestWeights(), H, W, runtime)) {
			exporter.export(model, ExportDetails.of(result, settings));
		}
		List<ImageSource> sources = new ArrayList<>();
		for (int i = 0; i < testImages.size(); i++) sources.add(ImageSource.of("test" + i, testImages.get(i)));
		float[] probabilities = new float[testImages.size()];
		try (Classifier c = Classifier.open(model)) {
			assertEquals(List.of("defect"), c.classNames());
			int[] next = { 0 };
			c.classify(sources, p -> probabilities[next[0]++] = p.probabilities()[0]);
			BinaryMetrics test = BinaryMetrics.of(probabilities, testTruth, c.thresholds()[0]);
			assertTrue(test.f1() >= 0.9, test.toString());
		}
	}

	/** The random base of weights=none (variance-preserving, so features depend on the image). */
	static XceptionWeights healthyRandomBase(long seed) {
		return XceptionWeights.random(seed);
	}

	/** Half the images carry a dark elliptic "defect" on a noisy bright strip texture. */
	static boolean[] paint(List<RgbImage> out, int n, Random r) {
		boolean[] truth = new boolean[n];
		for (int k = 0; k < n; k++) {
			truth[k] = k % 2 == 0;
			float[] p = new float[H * W * 3];
			double cx = 20 + r.nextInt(W - 40), cy = 15 + r.nextInt(H - 30), rx = 10 + r.nextInt(10), ry = 6 + r.nextInt(6);
			for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
				float v = 150 + 20 * (float) Math.sin(x * 0.3) + r.nextInt(30);
				double dx = (x - cx) / rx, dy = (y - cy) / ry;
				if (truth[k] && dx * dx + dy * dy <= 1) v = 30 + r.nextInt(20);
				for (int c = 0; c < 3; c++) p[(y * W + x) * 3 + c] = v;
			}
			out.add(new RgbImage(H, W, p));
		}
		return truth;
	}
}
