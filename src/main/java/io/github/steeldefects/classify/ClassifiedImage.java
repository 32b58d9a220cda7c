package io.github.steeldefects.classify;

import io.github.steeldefects.data.Truth;

/**
 * One classified image: a row of the predictions CSV.
 * <p>
 * For a model with one output, {@code probability} is that output. For a model with several
 * outputs (the four Severstal classes), {@code probability} is the largest class probability and
 * {@code prediction} is 1 when any class is predicted: "this image has some defect".
 *
 * @param imageId file name (or slice label for an open stack)
 * @param probabilities one per model output
 * @param predictions per output, {@code probability >= threshold}
 * @param truth the known labels, {@link Truth#UNKNOWN} when the input had none
 */
public record ClassifiedImage(String imageId, float[] probabilities, boolean[] predictions, Truth truth) {

	/** Classifies one model output row with the given thresholds. */
	public static ClassifiedImage of(String imageId, float[] probabilities, Thresholds thresholds, Truth truth) {
		boolean[] p = new boolean[probabilities.length];
		for (int i = 0; i < p.length; i++) p[i] = thresholds.predicts(i, probabilities[i]);
		return new ClassifiedImage(imageId, probabilities, p, truth == null ? Truth.UNKNOWN : truth);
	}

	/** The defect probability: the only output, or the largest class probability. */
	public float probability() {
		float max = probabilities[0];
		for (float v : probabilities) max = Math.max(max, v);
		return max;
	}

	/** Defect predicted: the only output, or any class. */
	public boolean prediction() {
		for (boolean b : predictions) if (b) return true;
		return false;
	}

	/** True when the truth is known and the prediction agrees with it. */
	public boolean correct() {
		return truth.knowsDefect() && prediction() == (truth.defect() == 1);
	}
}
