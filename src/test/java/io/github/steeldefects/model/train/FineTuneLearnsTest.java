package io.github.steeldefects.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.ImageSource;

/**
 * Fine-tuning the whole network from random weights (weights=none, finetune=all) with batch norm in
 * training mode learns a defect that a frozen random base does not separate well: every image carries one
 * thin faint line of the same length and brightness on a grainy strip with streaks along the rows; on
 * defect images it runs across the strip (a scratch), on the others along it (like the strip's own
 * streaks). At 71 x 96.
 */
@Tag("tensorflow")
class FineTuneLearnsTest {

	static final int H = 71, W = 96;

	@TempDir
	Path tmp;

	@Test
	void fineTuningFromRandomWeightsBeatsTheFrozenRandomBase() throws Exception {
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		XceptionWeights base = XceptionWeights.random(3);
		Random r = new Random(21);
		List<RgbImage> trainImages = new ArrayList<>(), valImages = new ArrayList<>();
		boolean[] trainTruth = paint(trainImages, 64, r), valTruth = paint(valImages, 32, r);

		TrainingSettings frozenSettings = TrainingSettings.builder().epochs(8).batchSize(8).patience(0).seed(1)
			.batchNormMomentum(0.5f).build();
		LabeledFeatures trainFeatures, valFeatures;
		try (FeatureExtractor fx = new FeatureExtractor(base, H, W, runtime)) {
			trainFeatures = TestLabels.features(fx.extract(trainImages), trainTruth);
			valFeatures = TestLabels.features(fx.extract(valImages), valTruth);
		}
		TrainingResult frozen = new HeadTrainer(frozenSettings).train(trainFeatures, valFeatures, tmp.resolve("frozen"),
			null, null);
		double frozenF1 = best(frozen);

		TrainingSettings tuneSettings = frozenSettings.toBuilder().finetune(14).epochs(6).build();
		assertEquals(TrainingSettings.BatchNormMode.TRAIN, tuneSettings.batchNorm(true), "auto: training mode for random weights");
		TrainingResult tuned = new HeadTrainer(tuneSettings).fineTune(TestLabels.images(trainImages, trainTruth),
			TestLabels.images(valImages, valTruth), base, H, W, tmp.resolve("tuned"), null, null);
		double tunedF1 = best(tuned);
		List<EpochMetrics> h = tuned.history();
		String report = "frozen " + frozen.history() + "\nfine-tuned " + h;
		System.out.println(report);
		assertTrue(tunedF1 >= 0.75, report);
		assertTrue(tunedF1 > frozenF1 + 0.1, "fine-tuning beats the frozen random base: " + report);
		double last = h.get(h.size() - 1).valF1();
		assertTrue(last >= tunedF1 - 0.1, "no forgetting at the end: " + report);
		assertTrue(last > h.get(0).valF1() + 0.1, "validation F1 improves: " + report);
	}

	private static double best(TrainingResult r) {
		return r.history().get(r.bestEpoch() - 1).valF1();
	}

	/** Half the images carry a thin faint line across the strip, the others one along it. */
	static boolean[] paint(List<RgbImage> out, int n, Random r) {
		boolean[] truth = new boolean[n];
		for (int k = 0; k < n; k++) {
			truth[k] = k % 2 == 0;
			float[] p = new float[H * W * 3];
			int len = 40, x0 = truth[k] ? 10 + r.nextInt(W - 20) : r.nextInt(W - len), y0 = truth[k] ? r.nextInt(H - len)
				: 5 + r.nextInt(H - 10);
			float[] rowOffset = new float[H];
			for (int y = 0; y < H; y++) rowOffset[y] = (float) (r.nextGaussian() * 8);
			for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) {
				float v = 120 + rowOffset[y] + (float) r.nextGaussian() * 8;
				boolean line = truth[k] ? x == x0 && y >= y0 && y < y0 + len : y == y0 && x >= x0 && x < x0 + len;
				if (line) v += 60;
				for (int c = 0; c < 3; c++) p[(y * W + x) * 3 + c] = v;
			}
			out.add(new RgbImage(H, W, p));
		}
		return truth;
	}
}
