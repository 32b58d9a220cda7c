package io.github.steeldefects.metrics;

import java.util.stream.IntStream;

/**
 * Confusion counts and the scores derived from them for one binary decision (defect / no defect,
 * or one class of a multi-label model), computed over a whole set at once.
 * <p>
 * A sample is predicted positive when its probability is {@code >= threshold}.
 * <p>
 * Undefined scores are {@link Double#NaN}, never 0 and never a guess:
 * <ul>
 * <li>precision = tp / (tp + fp) is NaN when nothing is predicted positive;</li>
 * <li>recall = tp / (tp + fn) is NaN when the set holds no positive sample;</li>
 * <li>F1 = 2 P R / (P + R) is NaN when precision or recall is NaN, or when both are 0;</li>
 * <li>accuracy is NaN for an empty set;</li>
 * <li>ROC AUC is NaN when the set does not hold both classes.</li>
 * </ul>
 * Callers that rank runs by F1 (early stopping, threshold choice) treat NaN as worse than any
 * number; see {@link #isBetter(double, double)}.
 */
public record BinaryMetrics(double threshold, long tp, long fp, long fn, long tn) {

	public BinaryMetrics {
		if (tp < 0 || fp < 0 || fn < 0 || tn < 0) throw new IllegalArgumentException(
			"Confusion counts must not be negative: tp=" + tp + " fp=" + fp + " fn=" + fn + " tn=" + tn + ".");
	}

	/**
	 * Counts over the whole set.
	 *
	 * @param probabilities one probability per sample
	 * @param truth true where the sample is positive
	 * @param threshold a sample is predicted positive when probability &gt;= threshold
	 */
	public static BinaryMetrics of(float[] probabilities, boolean[] truth, double threshold) {
		checkSameLength(probabilities.length, truth.length);
		boolean[] predicted = new boolean[probabilities.length];
		for (int i = 0; i < predicted.length; i++) predicted[i] = probabilities[i] >= threshold;
		return fromDecisions(threshold, predicted, truth);
	}

	/** Counts of decisions made elsewhere; {@code threshold} is recorded as the one they were made at. */
	public static BinaryMetrics fromDecisions(double threshold, boolean[] predicted, boolean[] truth) {
		long tp = 0, fp = 0, fn = 0, tn = 0;
		for (int i = 0; i < predicted.length; i++) {
			if (predicted[i] && truth[i]) tp++;
			else if (predicted[i]) fp++;
			else if (truth[i]) fn++;
			else tn++;
		}
		return new BinaryMetrics(threshold, tp, fp, fn, tn);
	}

	/** As {@link #of(float[], boolean[], double)} with labels given as 0/1 (a label &gt;= 0.5 is positive). */
	public static BinaryMetrics of(float[] probabilities, float[] labels, double threshold) {
		return of(probabilities, toBoolean(labels), threshold);
	}

	public long count() { return tp + fp + fn + tn; }
	public long positives() { return tp + fn; }
	public long predictedPositives() { return tp + fp; }

	/** tp / (tp + fp); NaN when nothing is predicted positive. */
	public double precision() {
		return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
	}

	/** tp / (tp + fn); NaN when there is no positive sample. */
	public double recall() {
		return tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
	}

	/** 2 P R / (P + R); NaN when P or R is NaN or both are 0. */
	public double f1() {
		double p = precision(), r = recall();
		if (Double.isNaN(p) || Double.isNaN(r) || p + r == 0) return Double.NaN;
		return 2 * p * r / (p + r);
	}

	/** (tp + tn) / count; NaN for an empty set. */
	public double accuracy() {
		long n = count();
		return n == 0 ? Double.NaN : (double) (tp + tn) / n;
	}

	/** Adds the counts of two sets scored at the same threshold (micro-averaging). */
	public BinaryMetrics plus(BinaryMetrics other) {
		return new BinaryMetrics(threshold, tp + other.tp, fp + other.fp, fn + other.fn, tn + other.tn);
	}

	/** True when score {@code a} beats {@code b}; NaN loses against any number. */
	public static boolean isBetter(double a, double b) {
		if (Double.isNaN(a)) return false;
		if (Double.isNaN(b)) return true;
		return a > b;
	}

	/**
	 * Area under the ROC curve from ranks (Mann-Whitney U): tied probabilities get the average of
	 * their ranks, so a tie between a positive and a negative counts one half. NaN when the set
	 * lacks positives or negatives.
	 */
	public static double rocAuc(float[] probabilities, boolean[] truth) {
		checkSameLength(probabilities.length, truth.length);
		int n = probabilities.length;
		Integer[] order = IntStream.range(0, n).boxed().sorted((a, b) -> Float.compare(probabilities[a], probabilities[b]))
			.toArray(Integer[]::new);
		long positives = 0;
		double positiveRankSum = 0;
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && probabilities[order[j + 1]] == probabilities[order[i]]) j++;
			double averageRank = (i + 1 + j + 1) / 2.0; // ranks are 1-based
			for (int k = i; k <= j; k++) {
				if (truth[order[k]]) {
					positives++;
					positiveRankSum += averageRank;
				}
			}
			i = j + 1;
		}
		long negatives = n - positives;
		if (positives == 0 || negatives == 0) return Double.NaN;
		return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/** As {@link #rocAuc(float[], boolean[])} with 0/1 labels. */
	public static double rocAuc(float[] probabilities, float[] labels) {
		return rocAuc(probabilities, toBoolean(labels));
	}

	/** Thresholds 0.01, 0.02, ..., 0.99 for plots. */
	public static double[] percentThresholds() {
		return IntStream.rangeClosed(1, 99).mapToDouble(i -> i / 100.0).toArray();
	}

	/**
	 * The threshold that maximises F1 on this set (meant for the validation set). Candidates are
	 * the distinct probabilities themselves, so every reachable split is tried exactly once; among
	 * equal F1 values the largest threshold wins (fewest positive calls). When F1 is undefined at
	 * every candidate (no positive sample) the result has threshold 0.5 and NaN F1.
	 */
	public static BinaryMetrics bestF1Threshold(float[] probabilities, boolean[] truth) {
		checkSameLength(probabilities.length, truth.length);
		int n = probabilities.length;
		long positives = 0;
		for (boolean t : truth) if (t) positives++;
		Integer[] order = IntStream.range(0, n).boxed().sorted((a, b) -> Float.compare(probabilities[b], probabilities[a]))
			.toArray(Integer[]::new);
		BinaryMetrics best = new BinaryMetrics(0.5, 0, 0, positives, n - positives);
		long tp = 0, fp = 0;
		int i = 0;
		while (i < n) {
			float value = probabilities[order[i]];
			while (i < n && probabilities[order[i]] == value) {
				if (truth[order[i]]) tp++;
				else fp++;
				i++;
			}
			// halfway to the next lower probability, not on this one: a probability recomputed by another
			// graph (the exported model, another precision) differs in its last bits and must not flip
			double cut = i < n ? (value + (double) probabilities[order[i]]) / 2 : value / 2.0;
			BinaryMetrics candidate = new BinaryMetrics(cut, tp, fp, positives - tp, n - positives - fp);
			if (isBetter(candidate.f1(), best.f1())) best = candidate;
		}
		if (Double.isNaN(best.f1())) return of(probabilities, truth, 0.5);
		return best;
	}

	@Override
	public String toString() {
		return String.format("threshold=%.4f tp=%d fp=%d fn=%d tn=%d precision=%.4f recall=%.4f f1=%.4f accuracy=%.4f",
			threshold, tp, fp, fn, tn, precision(), recall(), f1(), accuracy());
	}

	/** 0/1 labels as booleans: a label &gt;= 0.5 is positive. */
	public static boolean[] toBoolean(float[] labels) {
		boolean[] b = new boolean[labels.length];
		for (int i = 0; i < labels.length; i++) b[i] = labels[i] >= 0.5f;
		return b;
	}

	private static void checkSameLength(int probabilities, int truth) {
		if (probabilities != truth) throw new IllegalArgumentException(
			"Got " + probabilities + " probabilities but " + truth + " true labels; give one label per probability.");
	}
}
