package io.github.steeldefects.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.LabeledFeatures;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * The heatmap contract a user relies on: for every image and output of a trained, exported model,
 * the mean of its heatmap over the cells is the logit {@code log(p / (1 - p))} of its probability,
 * to float precision; for a 1-output and a 4-output model at a small input size (random base).
 */
@Tag("tensorflow")
class HeatmapContractTest {

	static final int H = TrainExportClassifyTest.H, W = TrainExportClassifyTest.W;

	@TempDir
	Path tmp;

	@Test
	void oneOutputModelHeatmapsAverageToTheLogit() throws Exception {
		checkContract(1);
	}

	@Test
	void fourOutputModelHeatmapsAverageToTheLogits() throws Exception {
		checkContract(4);
	}

	/**
	 * A model exported before the heatmaps output (signature with probabilities only) still
	 * classifies, and gets its heatmaps from the feature map and head in its graph: the same
	 * heatmaps (to float rounding) as the model exported now.
	 */
	@Test
	void modelsExportedBeforeHeatmapsGetThemFromTheirSavedHead() throws Exception {
		Path current = checkContract(1);
		Path legacy = tmp.resolve("legacy");
		try (Classifier now = Classifier.open(current)) {
			// re-export the same weights in the old layout
			List<RgbImage> images = lastTestImages;
			try (ModelExporter exporter = new ModelExporter(lastBase, lastHead, H, W,
				TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println)))
			{
				exporter.exportWithoutHeatmapsOutput(legacy, ExportDetails.of(lastResult, lastSettings));
			}
			try (Classifier old = Classifier.open(legacy)) {
				assertTrue(old.hasHeatmaps(), old.noHeatmapsMessage());
				// classifying alone runs through DJL as before, with the same probabilities
				float[][] plain = old.predict(images), fromNow = now.predict(images);
				for (int i = 0; i < images.size(); i++) assertArrayEquals(fromNow[i], plain[i]);
				List<Classifier.Prediction> a = now.predictWithHeatmaps(images), b = old.predictWithHeatmaps(images);
				for (int i = 0; i < images.size(); i++) {
					assertEquals(a.get(i).probabilities()[0], b.get(i).probabilities()[0], 1e-5);
					float[] x = a.get(i).heatmap().values(), y = b.get(i).heatmap().values();
					for (int c = 0; c < x.length; c++) assertEquals(x[c], y[c], 1e-4 * (1 + Math.abs(x[c])), "image " + i + " cell " + c);
				}
				checkPredictions(old, images, 1);
			}
		}
	}

	static XceptionWeights lastBase;
	static io.github.steeldefects.model.train.HeadWeights lastHead;
	static TrainingResult lastResult;
	static TrainingSettings lastSettings;
	static List<RgbImage> lastTestImages;

	private Path checkContract(int outputs) throws Exception {
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		XceptionWeights base = XceptionWeights.random(5);
		Random r = new Random(11 + outputs);
		List<RgbImage> trainImages = new ArrayList<>(), valImages = new ArrayList<>(), testImages = new ArrayList<>();
		boolean[] trainTruth = TrainExportClassifyTest.paint(trainImages, 16, r);
		boolean[] valTruth = TrainExportClassifyTest.paint(valImages, 8, r);
		TrainExportClassifyTest.paint(testImages, 6, r);
		LabeledFeatures train, val;
		try (FeatureExtractor fx = new FeatureExtractor(base, H, W, runtime)) {
			train = labelled(fx.extract(trainImages), trainTruth, outputs);
			val = labelled(fx.extract(valImages), valTruth, outputs);
		}
		// one batch per epoch and momentum 0: the moving statistics are those of the training images,
		// so the logits stay in the range where the probability's logit is finite
		TrainingSettings settings = TrainingSettings.builder().outputs(outputs).epochs(3).batchSize(16).learningRate(1e-3f)
			.seed(1).batchNormMomentum(0f).build();
		TrainingResult result = new HeadTrainer(settings).train(train, val, tmp.resolve("run"), null, null);
		Path model = tmp.resolve("model");
		lastBase = base;
		lastHead = result.bestWeights();
		lastResult = result;
		lastSettings = settings;
		lastTestImages = testImages;
		try (ModelExporter exporter = new ModelExporter(base, result.bestWeights(), H, W, runtime)) {
			exporter.export(model, ExportDetails.of(result, settings));
		}

		try (Classifier c = Classifier.open(model)) {
			checkPredictions(c, testImages, outputs);
		}
		return model;
	}

	/** The contract on these images. */
	private static void checkPredictions(Classifier c, List<RgbImage> testImages, int outputs) {
		{
			assertTrue(c.hasHeatmaps());
			int[] cells = Xception.featureMapSize(H, W);
			assertArrayEquals(cells, c.heatmapSize());
			List<Classifier.Prediction> predictions = c.predictWithHeatmaps(testImages);
			// the same probabilities as the plain path
			float[][] plain = c.predict(testImages);
			assertEquals(testImages.size(), predictions.size());
			boolean cellsDiffer = false;
			int finite = 0;
			for (int i = 0; i < predictions.size(); i++) {
				Classifier.Prediction p = predictions.get(i);
				Heatmap map = p.heatmap();
				assertEquals(outputs, map.outputs());
				assertEquals(cells[0], map.height());
				assertEquals(cells[1], map.width());
				assertArrayEquals(plain[i], p.probabilities());
				for (int k = 0; k < outputs; k++) {
					float prob = p.probabilities()[k];
					double mean = map.mean(k);
					float maxCell = 0;
					for (float v : map.slice(k)) maxCell = Math.max(maxCell, Math.abs(v));
					for (float v : map.slice(k)) cellsDiffer |= v != map.value(k, 0, 0);
					String what = "image " + i + " output " + k + " (p = " + prob + ", heatmap mean " + mean + ")";
					// float precision of a logit summed from these cells (TensorFlow sums in float)
					double logitTolerance = 1e-6 * (1 + maxCell);
					// every probability is the sigmoid of its heatmap's mean, saturated ones (p = 0 or 1 in float) too
					assertEquals(prob, 1 / (1 + Math.exp(-mean)), 2 * Math.ulp(prob) + prob * (1.0 - prob) * logitTolerance, what);
					if (prob == 0 || prob == 1) continue; // log(p / (1 - p)) is infinite in float: nothing more to compare
					finite++;
					double logit = Math.log(prob / (1.0 - prob));
					// plus the float rounding of p propagated to its logit
					assertEquals(logit, mean, logitTolerance + 4 * Math.ulp(prob) / (prob * (1.0 - prob)), what);
				}
			}
			assertTrue(finite >= outputs * predictions.size() / 2, finite + " of " + outputs * predictions.size()
				+ " probabilities have a finite logit in float; too few to test the contract");
			assertTrue(cellsDiffer, "every cell of every heatmap is the same: no localisation at all");
		}
	}

	/** Output 1 is the painted defect; outputs 2..4 (4-output model) are fixed patterns so each class has both labels. */
	static LabeledFeatures labelled(float[][] features, boolean[] truth, int outputs) {
		String[] ids = new String[truth.length];
		float[][] labels = new float[truth.length][outputs];
		for (int i = 0; i < truth.length; i++) {
			ids[i] = "img" + i;
			labels[i][0] = truth[i] ? 1 : 0;
			for (int k = 1; k < outputs; k++) labels[i][k] = (i / k) % 2;
		}
		return new LabeledFeatures(ids, features, labels);
	}
}
