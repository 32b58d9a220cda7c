package io.github.steeldefects.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

	private static final double EPS = 1e-12;

	@Test
	void countsAndScoresMatchHandComputation() {
		// threshold 0.5: predictions 1 1 1 0 0 0 1 0 ; truth 1 1 0 1 0 0 0 0
		float[] p = { 0.9f, 0.5f, 0.7f, 0.2f, 0.1f, 0.49f, 0.6f, 0.3f };
		boolean[] t = { true, true, false, true, false, false, false, false };
		BinaryMetrics m = BinaryMetrics.of(p, t, 0.5);
		assertEquals(2, m.tp());
		assertEquals(2, m.fp());
		assertEquals(1, m.fn());
		assertEquals(3, m.tn());
		assertEquals(0.5, m.precision(), EPS);
		assertEquals(2.0 / 3, m.recall(), EPS);
		assertEquals(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), m.f1(), EPS); // = 4/7
		assertEquals(4.0 / 7, m.f1(), EPS);
		assertEquals(5.0 / 8, m.accuracy(), EPS);
	}

	@Test
	void probabilityEqualToThresholdIsPositive() {
		BinaryMetrics m = BinaryMetrics.of(new float[] { 0.5f }, new boolean[] { true }, 0.5);
		assertEquals(1, m.tp());
	}

	@Test
	void allNegativeSetHasUndefinedRecallAndF1() {
		float[] p = { 0.1f, 0.8f, 0.3f };
		boolean[] t = { false, false, false };
		BinaryMetrics m = BinaryMetrics.of(p, t, 0.5);
		assertEquals(0, m.tp());
		assertEquals(1, m.fp());
		assertEquals(0, m.fn());
		assertEquals(2, m.tn());
		assertEquals(0.0, m.precision(), EPS);
		assertTrue(Double.isNaN(m.recall()));
		assertTrue(Double.isNaN(m.f1()));
		assertEquals(2.0 / 3, m.accuracy(), EPS);
		assertTrue(Double.isNaN(BinaryMetrics.rocAuc(p, t)));
	}

	@Test
	void allPositiveSetPredictedAllPositiveIsPerfect() {
		float[] p = { 0.6f, 0.8f, 0.99f };
		boolean[] t = { true, true, true };
		BinaryMetrics m = BinaryMetrics.of(p, t, 0.5);
		assertEquals(3, m.tp());
		assertEquals(1.0, m.precision(), EPS);
		assertEquals(1.0, m.recall(), EPS);
		assertEquals(1.0, m.f1(), EPS);
		assertTrue(Double.isNaN(BinaryMetrics.rocAuc(p, t)));
	}

	@Test
	void noPredictedPositivesGivesUndefinedPrecisionAndF1() {
		BinaryMetrics m = BinaryMetrics.of(new float[] { 0.1f, 0.2f }, new boolean[] { true, false }, 0.5);
		assertEquals(1, m.fn());
		assertEquals(1, m.tn());
		assertTrue(Double.isNaN(m.precision()));
		assertEquals(0.0, m.recall(), EPS);
		assertTrue(Double.isNaN(m.f1()));
	}

	@Test
	void precisionAndRecallBothZeroGivesUndefinedF1() {
		BinaryMetrics m = BinaryMetrics.of(new float[] { 0.9f, 0.1f }, new boolean[] { false, true }, 0.5);
		assertEquals(0.0, m.precision(), EPS);
		assertEquals(0.0, m.recall(), EPS);
		assertTrue(Double.isNaN(m.f1()));
	}

	@Test
	void emptySetIsUndefinedEverywhere() {
		BinaryMetrics m = BinaryMetrics.of(new float[0], new boolean[0], 0.5);
		assertTrue(Double.isNaN(m.precision()));
		assertTrue(Double.isNaN(m.recall()));
		assertTrue(Double.isNaN(m.f1()));
		assertTrue(Double.isNaN(m.accuracy()));
	}

	@Test
	void nanLosesAgainstAnyNumber() {
		assertTrue(BinaryMetrics.isBetter(0.0, Double.NaN));
		assertTrue(!BinaryMetrics.isBetter(Double.NaN, 0.0));
		assertTrue(!BinaryMetrics.isBetter(Double.NaN, Double.NaN));
	}

	@Test
	void rocAucCountsTiesAsOneHalf() {
		// positives 0.8, 0.4 ; negatives 0.4, 0.1 -> pairs: (0.8>0.4)=1 (0.8>0.1)=1 (0.4=0.4)=0.5 (0.4>0.1)=1 -> 3.5/4
		float[] p = { 0.8f, 0.4f, 0.4f, 0.1f };
		boolean[] t = { true, true, false, false };
		assertEquals(3.5 / 4, BinaryMetrics.rocAuc(p, t), EPS);
		assertEquals(1.0, BinaryMetrics.rocAuc(new float[] { 0.9f, 0.1f }, new boolean[] { true, false }), EPS);
		assertEquals(0.0, BinaryMetrics.rocAuc(new float[] { 0.1f, 0.9f }, new boolean[] { true, false }), EPS);
		assertEquals(0.5, BinaryMetrics.rocAuc(new float[] { 0.3f, 0.3f }, new boolean[] { true, false }), EPS);
	}

	@Test
	void bestThresholdMaximisesF1() {
		float[] p = { 0.95f, 0.8f, 0.6f, 0.55f, 0.3f, 0.2f };
		boolean[] t = { true, true, false, true, false, false };
		// cut below 0.55: tp=3 fp=1 fn=0 -> F1 = 6/7, better than below 0.8 (tp=2 fn=1 -> 0.8) and below 0.3 (tp=3 fp=2 -> 0.75);
		// the cut lies halfway to the next probability (0.3), so last-bit noise in a recomputed 0.55 cannot flip it
		BinaryMetrics best = BinaryMetrics.bestF1Threshold(p, t);
		assertEquals((0.55f + (double) 0.3f) / 2, best.threshold(), EPS);
		assertEquals(6.0 / 7, BinaryMetrics.of(new float[] { 0.95f, 0.8f, 0.6f, Math.nextDown(0.55f), 0.3f, 0.2f }, t,
			best.threshold()).f1(), EPS, "a probability one ulp lower is still on the same side");
		assertEquals(6.0 / 7, best.f1(), EPS);
		assertEquals(best.f1(), BinaryMetrics.of(p, t, best.threshold()).f1(), EPS);
	}

	@Test
	void bestThresholdWithoutPositivesIsUndefined() {
		BinaryMetrics best = BinaryMetrics.bestF1Threshold(new float[] { 0.2f, 0.7f }, new boolean[] { false, false });
		assertEquals(0.5, best.threshold(), EPS);
		assertTrue(Double.isNaN(best.f1()));
	}

	@Test
	void plotThresholdsArePercentSteps() {
		double[] t = BinaryMetrics.percentThresholds();
		assertEquals(99, t.length);
		assertEquals(0.01, t[0], EPS);
		assertEquals(0.5, t[49], EPS);
		assertEquals(0.99, t[98], EPS);
	}

	@Test
	void mismatchedLengthsAreRejected() {
		assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.of(new float[2], new boolean[3], 0.5));
	}

	@Test
	void multiLabelGivesPerClassAndMicroCounts() {
		float[][] p = { { 0.9f, 0.1f, 0.6f, 0.2f }, { 0.2f, 0.7f, 0.4f, 0.1f }, { 0.8f, 0.3f, 0.1f, 0.1f } };
		float[][] y = { { 1, 0, 1, 0 }, { 0, 1, 1, 0 }, { 0, 0, 0, 0 } };
		MultiLabelMetrics m = MultiLabelMetrics.of(p, y, 0.5);
		assertEquals(4, m.perClass().size());
		assertEquals(1, m.perClass().get(0).tp());
		assertEquals(1, m.perClass().get(0).fp());
		assertEquals(1, m.perClass().get(1).tp());
		assertEquals(1, m.perClass().get(2).tp());
		assertEquals(1, m.perClass().get(2).fn());
		assertTrue(Double.isNaN(m.perClass().get(3).recall()));
		BinaryMetrics micro = m.micro();
		assertEquals(3, micro.tp());
		assertEquals(1, micro.fp());
		assertEquals(1, micro.fn());
		assertEquals(7, micro.tn());
		assertEquals(12, micro.count());
	}
}
