package io.github.steeldefects.model.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.LabeledImages;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TestLabels;
import io.github.steeldefects.model.train.TrainingSettings;

/** finetune=1: block14 trains with the head, from images; checkpoints and resume work as for the head alone. */
@Tag("tensorflow")
class FineTuneTest {

	private static final int H = TrainExportClassifyTest.H, W = TrainExportClassifyTest.W;

	@TempDir
	Path tmp;

	@Test
	void lastBlockTrainsResumesExactlyAndExports() throws Exception {
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		XceptionWeights base = TrainExportClassifyTest.healthyRandomBase(7);
		Random r = new Random(5);
		List<RgbImage> trainImages = new ArrayList<>(), valImages = new ArrayList<>();
		LabeledImages train = TestLabels.images(trainImages, TrainExportClassifyTest.paint(trainImages, 24, r));
		LabeledImages val = TestLabels.images(valImages, TrainExportClassifyTest.paint(valImages, 12, r));
		TrainingSettings settings = TrainingSettings.builder().finetune(1).epochs(3).batchSize(8).learningRate(1e-3f)
			.batchNormMomentum(0.5f).patience(0).seed(3).build();

		TrainingResult whole = new HeadTrainer(settings).fineTune(train, val, base, H, W, tmp.resolve("whole"), null, null);
		assertEquals(3, whole.history().size());
		XceptionWeights tuned = whole.fineTunedBase();
		assertNotNull(tuned);
		String changed = "block14_sepconv2/pointwise_kernel", kept = "block13_sepconv2/pointwise_kernel";
		assertFalse(Arrays.equals(base.get(changed), tuned.get(changed)), "block14 was trained");
		assertArrayEquals(base.get(kept), tuned.get(kept), "block13 stayed frozen");

		Path out = tmp.resolve("interrupted");
		assertThrows(IllegalStateException.class, () -> new HeadTrainer(settings).fineTune(train, val, base, H, W, out,
			p -> {
				if (p.latest().epoch() == 1) throw new IllegalStateException("simulated crash after epoch 1");
			}, null));
		TrainingResult resumed = new HeadTrainer(settings.toBuilder().resume(true).build()).fineTune(train, val, base, H,
			W, out, null, null);
		assertEquals(1, resumed.resumedAfterEpoch());
		for (int e = 0; e < 3; e++) {
			assertEquals(whole.history().get(e).trainLoss(), resumed.history().get(e).trainLoss(), 0, "epoch " + (e + 1));
			assertEquals(whole.history().get(e).valLoss(), resumed.history().get(e).valLoss(), 0, "epoch " + (e + 1));
		}
		assertArrayEquals(tuned.get(changed), resumed.fineTunedBase().get(changed));

		// the exported model carries the fine-tuned block and reproduces the training-time validation probabilities
		Path model = tmp.resolve("model");
		try (ModelExporter exporter = new ModelExporter(tuned, whole.bestWeights(), H, W, runtime)) {
			exporter.export(model, ExportDetails.of(whole, settings));
		}
		try (Classifier c = Classifier.open(model)) {
			float[][] p = c.predict(valImages);
			for (int i = 0; i < p.length; i++) assertArrayEquals(whole.validationProbabilities()[i], p[i], 1e-5f);
		}
		assertTrue(tuned.id().contains("finetune1"), tuned.id());
	}
}
