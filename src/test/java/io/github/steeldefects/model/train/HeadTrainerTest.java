package io.github.steeldefects.model.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.github.steeldefects.metrics.BinaryMetrics;
import io.github.steeldefects.metrics.MultiLabelMetrics;
import org.junit.jupiter.api.io.TempDir;

@Tag("tensorflow")
class HeadTrainerTest {

	private static final int FEATURES = 2048;

	@TempDir
	Path tmp;

	private static TrainingSettings.Builder base() {
		return TrainingSettings.builder().epochs(6).batchSize(32).learningRate(1e-3f).dropout(0.5f).seed(7).patience(0);
	}

	@Test
	void separableFeaturesReachHighValidationF1() throws Exception {
		LabeledFeatures train = SyntheticFeatures.make(400, FEATURES, 1, 2.0, 1);
		LabeledFeatures val = SyntheticFeatures.make(120, FEATURES, 1, 2.0, 2);
		List<String> lines = new ArrayList<>();
		TrainingResult r = new HeadTrainer(base().epochs(10).learningRate(3e-3f).weighting("balanced").build()).train(train, val, tmp, p -> lines.add(
			p.latest().toString() + " eta " + p.etaSeconds()), () -> false);
		lines.forEach(System.out::println);
		assertEquals(10, r.history().size());
		assertEquals(10, lines.size());
		double bestF1 = r.history().get(r.bestEpoch() - 1).valF1();
		assertTrue(bestF1 >= 0.9, "validation F1 " + bestF1);
		assertEquals(TrainingResult.StopReason.COMPLETED, r.stopReason());
		// the Java re-implementation of the head (HeadWeights.predict) agrees with the graph's inference path
		float[][] p = r.validationProbabilities();
		assertEquals(val.size(), p.length);
		BinaryMetrics javaSide = BinaryMetrics.of(MultiLabelMetrics.column(p, 0), MultiLabelMetrics.column(val.labels(), 0), 0.5);
		assertEquals(bestF1, javaSide.f1(), 1e-12);
		assertTrue(r.thresholds()[0] > 0 && r.thresholds()[0] < 1);
		try (Stream<Path> s = Files.list(tmp.resolve("checkpoints"))) {
			assertEquals(List.of("epoch-0010"), s.map(q -> q.getFileName().toString()).toList());
		}
	}

	@Test
	void fourClassHeadLearnsEachClass() throws Exception {
		LabeledFeatures train = SyntheticFeatures.make(400, FEATURES, 4, 3.0, 3);
		LabeledFeatures val = SyntheticFeatures.make(120, FEATURES, 4, 3.0, 4);
		TrainingResult r = new HeadTrainer(base().outputs(4).epochs(10).learningRate(3e-3f).weighting("balanced").build())
			.train(train, val, tmp, EpochListener.NONE, null);
		assertTrue(r.history().get(r.bestEpoch() - 1).valF1() >= 0.9, r.history().toString());
		assertEquals(4, r.thresholds().length);
	}

	@Test
	void resumeAfterInterruptionEqualsUninterruptedRun() throws Exception {
		LabeledFeatures train = SyntheticFeatures.make(300, FEATURES, 1, 0.6, 5);
		LabeledFeatures val = SyntheticFeatures.make(100, FEATURES, 1, 0.6, 6);
		TrainingSettings settings = base().epochs(5).weighting("oversample").build();
		TrainingResult whole = new HeadTrainer(settings).train(train, val, tmp.resolve("whole"), null, null);

		Path out = tmp.resolve("interrupted");
		RuntimeException crash = assertThrows(RuntimeException.class, () -> new HeadTrainer(settings).train(train, val,
			out, p -> {
				if (p.latest().epoch() == 2) throw new RuntimeException("simulated crash after epoch 2");
			}, null));
		assertEquals("simulated crash after epoch 2", crash.getMessage());

		AtomicInteger firstEpochSeen = new AtomicInteger();
		TrainingResult resumed = new HeadTrainer(settings.toBuilder().resume(true).build()).train(train, val, out,
			p -> firstEpochSeen.compareAndSet(0, p.latest().epoch()), null);
		assertEquals(2, resumed.resumedAfterEpoch());
		assertEquals(3, firstEpochSeen.get());
		assertEquals(5, resumed.history().size());
		for (int e = 0; e < 5; e++) {
			EpochMetrics a = whole.history().get(e), b = resumed.history().get(e);
			assertEquals(a.trainLoss(), b.trainLoss(), 0, "train loss epoch " + (e + 1));
			assertEquals(a.valLoss(), b.valLoss(), 0, "val loss epoch " + (e + 1));
			assertEquals(a.valF1(), b.valF1(), 0);
		}
		assertEquals(whole.bestEpoch(), resumed.bestEpoch());
		assertArrayEquals(whole.bestWeights().kernel(), resumed.bestWeights().kernel());
		assertArrayEquals(whole.thresholds(), resumed.thresholds());
	}

	@Test
	void cancellingKeepsLastCompleteEpoch() throws Exception {
		LabeledFeatures train = SyntheticFeatures.make(200, 64, 1, 1.0, 8);
		LabeledFeatures val = SyntheticFeatures.make(50, 64, 1, 1.0, 9);
		AtomicInteger epochs = new AtomicInteger();
		TrainingResult r = new HeadTrainer(base().epochs(10).build()).train(train, val, tmp, p -> epochs.incrementAndGet(),
			() -> epochs.get() >= 3);
		assertEquals(TrainingResult.StopReason.CANCELLED, r.stopReason());
		assertEquals(3, r.history().size());
		assertTrue(Files.isDirectory(tmp.resolve("checkpoints/epoch-0003")));
	}

	@Test
	void earlyStoppingEndsAfterPatienceEpochsWithoutBetterF1() throws Exception {
		// labels independent of features: validation F1 cannot keep improving
		LabeledFeatures train = SyntheticFeatures.make(200, 64, 1, 0.0, 10);
		LabeledFeatures val = SyntheticFeatures.make(60, 64, 1, 0.0, 11);
		TrainingResult r = new HeadTrainer(base().epochs(40).patience(2).build()).train(train, val, tmp, null, null);
		assertEquals(TrainingResult.StopReason.EARLY_STOPPED, r.stopReason());
		assertEquals(r.bestEpoch() + 2, r.history().size());
	}

	@Test
	void finetuneOnCachedFeaturesIsRefusedClearly() {
		LabeledFeatures train = SyntheticFeatures.make(10, 8, 1, 1.0, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new HeadTrainer(base().finetune(2).build()).train(train, train, tmp, null, null));
		assertTrue(e.getMessage().contains("not from cached features"), e.getMessage());
	}

	@Test
	void nonFiniteFeatureNamesTheImage() {
		LabeledFeatures train = SyntheticFeatures.make(10, 8, 1, 1.0, 1);
		train.features()[3][5] = Float.NaN;
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> new HeadTrainer(base().build()).train(train, SyntheticFeatures.make(4, 8, 1, 1.0, 2), tmp, null, null));
		assertTrue(e.getMessage().startsWith("Image img00003.jpg of the training set has a non-finite feature"),
			e.getMessage());
	}

	@Test
	void badSettingsAreRejectedWithTheirName() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> base().outputs(3).build());
		assertTrue(e.getMessage().startsWith("outputs must be 1"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> base().outputs(4).weighting("oversample").build());
		assertTrue(e.getMessage().contains("oversample"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> base().weighting("sometimes"));
		assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
	}
}
