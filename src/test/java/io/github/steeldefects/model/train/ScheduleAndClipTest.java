package io.github.steeldefects.model.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The learning-rate schedule, the resolved defaults per mode, and gradient clipping. */
class ScheduleAndClipTest {

	@TempDir
	Path tmp;

	@Test
	void warmUpThenCosineWhenFineTuningConstantForTheHead() {
		TrainingSettings head = TrainingSettings.builder().learningRate(1e-3f).epochs(10).build();
		assertEquals(TrainingSettings.Schedule.CONSTANT, head.effectiveSchedule());
		assertEquals(1e-3f, head.learningRateAt(1, 0, 20));
		assertEquals(1e-3f, head.learningRateAt(10, 19, 20));

		TrainingSettings tune = head.toBuilder().finetune(14).warmupEpochs(1).build();
		assertEquals(TrainingSettings.Schedule.COSINE, tune.effectiveSchedule());
		assertEquals(1e-3f / 20, tune.learningRateAt(1, 0, 20), 1e-9, "warm-up starts above 0");
		assertEquals(1e-3f, tune.learningRateAt(1, 19, 20), 1e-9, "full rate at the end of the warm-up");
		float previous = Float.MAX_VALUE;
		for (int e = 2; e <= 10; e++) for (int s = 0; s < 20; s++) {
			float lr = tune.learningRateAt(e, s, 20);
			assertTrue(lr <= previous, "decays after the warm-up");
			previous = lr;
		}
		assertEquals(1e-5f, tune.learningRateAt(10, 19, 20), 1e-9, "1 % of the rate at the last step");
	}

	@Test
	void defaultsPerMode() {
		assertEquals(1e-3f, TrainingSettings.defaultLearningRate(0, false));
		assertEquals(1e-3f, TrainingSettings.defaultLearningRate(14, true));
		assertEquals(1e-4f, TrainingSettings.defaultLearningRate(2, false), "lower for fine-tuning pretrained weights");
		TrainingSettings s = TrainingSettings.builder().finetune(2).build();
		assertEquals(TrainingSettings.BatchNormMode.TRAIN, s.batchNorm(true));
		assertEquals(TrainingSettings.BatchNormMode.FREEZE, s.batchNorm(false));
		assertEquals(TrainingSettings.BatchNormMode.FREEZE, s.toBuilder().batchNorm("freeze").build().batchNorm(true));
		assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().headEpochs(3).build());
		assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().clipNorm(-1).build());
	}

	@Test
	@Tag("tensorflow") // HeadTrainer runs the head in TensorFlow
	void clippingToATinyNormHoldsTheWeightsAlmostStill() throws Exception {
		LabeledFeatures train = SyntheticFeatures.make(64, 256, 1, 2.0, 1);
		LabeledFeatures val = SyntheticFeatures.make(32, 256, 1, 2.0, 2);
		TrainingSettings s = TrainingSettings.builder().epochs(1).batchSize(16).patience(0).seed(4).build();
		float[] start = new HeadTrainer(s.toBuilder().epochs(1).learningRate(1e-12f).build())
			.train(train, val, tmp.resolve("still"), null, null).bestWeights().kernel();
		float[] free = new HeadTrainer(s).train(train, val, tmp.resolve("free"), null, null).bestWeights().kernel();
		float[] clipped = new HeadTrainer(s.toBuilder().clipNorm(1e-12f).build()).train(train, val, tmp.resolve("clip"),
			null, null).bestWeights().kernel();
		double moved = 0, movedClipped = 0;
		for (int i = 0; i < start.length; i++) {
			moved += Math.abs(free[i] - start[i]);
			movedClipped += Math.abs(clipped[i] - start[i]);
		}
		assertTrue(movedClipped < moved / 100, "clipped " + movedClipped + " vs free " + moved);
	}
}
