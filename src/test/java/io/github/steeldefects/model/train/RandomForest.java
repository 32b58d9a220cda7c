package io.github.steeldefects.model.train;

import java.util.Arrays;
import java.util.Random;

/**
 * A plain random forest for binary labels (the benchmark's baseline): bootstrap samples, CART trees
 * grown on Gini impurity to purity (or {@code minLeaf} samples), sqrt(features) candidate features
 * per split, thresholds at midpoints between sorted values; the probability is the mean of the
 * trees' leaf fractions (as scikit-learn's {@code RandomForestClassifier} with default settings).
 */
final class RandomForest {

	private final Node[] trees;

	private record Node(int feature, float threshold, Node left, Node right, float positive) {
		boolean leaf() { return left == null; }
	}

	RandomForest(float[][] x, boolean[] y, int treeCount, int minLeaf, long seed) {
		Random random = new Random(seed);
		int n = x.length, features = x[0].length, tries = Math.max(1, (int) Math.round(Math.sqrt(features)));
		trees = new Node[treeCount];
		for (int t = 0; t < treeCount; t++) {
			int[] sample = new int[n];
			for (int i = 0; i < n; i++) sample[i] = random.nextInt(n);
			trees[t] = grow(x, y, sample, minLeaf, tries, random);
		}
	}

	float probability(float[] row) {
		double sum = 0;
		for (Node t : trees) {
			Node node = t;
			while (!node.leaf()) node = row[node.feature] <= node.threshold ? node.left : node.right;
			sum += node.positive;
		}
		return (float) (sum / trees.length);
	}

	private static Node grow(float[][] x, boolean[] y, int[] idx, int minLeaf, int tries, Random random) {
		int pos = 0;
		for (int i : idx) if (y[i]) pos++;
		float fraction = (float) pos / idx.length;
		if (pos == 0 || pos == idx.length || idx.length < 2 * minLeaf) return new Node(-1, 0, null, null, fraction);
		int features = x[0].length;
		int bestFeature = -1;
		float bestThreshold = 0;
		double bestGini = Double.MAX_VALUE;
		int[] candidates = new int[features];
		for (int i = 0; i < features; i++) candidates[i] = i;
		for (int i = 0; i < tries; i++) { // partial Fisher-Yates: distinct candidate features
			int j = i + random.nextInt(features - i);
			int tmp = candidates[i];
			candidates[i] = candidates[j];
			candidates[j] = tmp;
		}
		Integer[] order = new Integer[idx.length];
		for (int c = 0; c < tries; c++) {
			int f = candidates[c];
			for (int i = 0; i < idx.length; i++) order[i] = idx[i];
			Arrays.sort(order, (a, b) -> Float.compare(x[a][f], x[b][f]));
			int leftPos = 0;
			for (int i = 0; i < order.length - 1; i++) {
				if (y[order[i]]) leftPos++;
				int leftN = i + 1, rightN = order.length - leftN;
				if (leftN < minLeaf || rightN < minLeaf) continue;
				float a = x[order[i]][f], b = x[order[i + 1]][f];
				if (a == b) continue;
				double pl = (double) leftPos / leftN, pr = (double) (pos - leftPos) / rightN;
				double gini = leftN * 2 * pl * (1 - pl) + rightN * 2 * pr * (1 - pr);
				if (gini < bestGini) {
					bestGini = gini;
					bestFeature = f;
					bestThreshold = (a + b) / 2;
				}
			}
		}
		if (bestFeature < 0) return new Node(-1, 0, null, null, fraction);
		int f = bestFeature;
		float th = bestThreshold;
		int[] left = Arrays.stream(idx).filter(i -> x[i][f] <= th).toArray();
		int[] right = Arrays.stream(idx).filter(i -> x[i][f] > th).toArray();
		return new Node(f, th, grow(x, y, left, minLeaf, tries, random), grow(x, y, right, minLeaf, tries, random), fraction);
	}
}
