package io.github.steeldefects.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-class {@link BinaryMetrics} for a model with several sigmoid outputs (e.g. the four
 * Severstal defect classes), plus the micro average: counts summed over all classes, which is
 * what Keras' Precision/Recall metrics report for multi-label outputs.
 */
public final class MultiLabelMetrics {

	private final List<BinaryMetrics> perClass;

	private MultiLabelMetrics(List<BinaryMetrics> perClass) {
		this.perClass = Collections.unmodifiableList(perClass);
	}

	/**
	 * @param probabilities [sample][class]
	 * @param labels [sample][class], 0/1 (&gt;= 0.5 is positive)
	 * @param threshold the same for every class
	 */
	public static MultiLabelMetrics of(float[][] probabilities, float[][] labels, double threshold) {
		if (probabilities.length != labels.length) throw new IllegalArgumentException(
			"Got " + probabilities.length + " probability rows but " + labels.length + " label rows.");
		int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
		List<BinaryMetrics> perClass = new ArrayList<>(classes);
		for (int c = 0; c < classes; c++) perClass.add(BinaryMetrics.of(column(probabilities, c), column(labels, c), threshold));
		return new MultiLabelMetrics(perClass);
	}

	public List<BinaryMetrics> perClass() { return perClass; }

	/** Counts summed over classes; its threshold is that of the first class. */
	public BinaryMetrics micro() {
		BinaryMetrics sum = new BinaryMetrics(perClass.isEmpty() ? 0.5 : perClass.get(0).threshold(), 0, 0, 0, 0);
		for (BinaryMetrics m : perClass) sum = sum.plus(m);
		return sum;
	}

	/** Column c of a [sample][class] matrix. */
	public static float[] column(float[][] matrix, int c) {
		float[] col = new float[matrix.length];
		for (int i = 0; i < matrix.length; i++) col[i] = matrix[i][c];
		return col;
	}
}
