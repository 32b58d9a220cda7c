package io.github.steeldefects.model.train;

import java.util.Random;

/** Pooled-feature-like data made in code: non-negative noise, positives lifted on a few features. */
public final class SyntheticFeatures {

	private SyntheticFeatures() {}

	/**
	 * @param n images
	 * @param features values per image
	 * @param outputs 1 (defect) or 4 (classes; each image carries each class with probability 0.3)
	 * @param separation how far positives are lifted on their 16 signal features
	 */
	public static LabeledFeatures make(int n, int features, int outputs, double separation, long seed) {
		Random r = new Random(seed);
		String[] ids = new String[n];
		float[][] x = new float[n][features], y = new float[n][outputs];
		for (int i = 0; i < n; i++) {
			ids[i] = String.format("img%05d.jpg", i);
			for (int f = 0; f < features; f++) x[i][f] = (float) Math.max(0, r.nextGaussian() * 0.5 + 0.3);
			for (int o = 0; o < outputs; o++) {
				boolean positive = outputs == 1 ? r.nextDouble() < 0.47 : r.nextDouble() < 0.3;
				y[i][o] = positive ? 1 : 0;
				if (positive) for (int f = 16 * o; f < Math.min(features, 16 * o + 16); f++) x[i][f] += separation;
			}
		}
		return new LabeledFeatures(ids, x, y);
	}
}
