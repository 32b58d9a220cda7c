package io.github.steeldefects.model.train;

import java.util.Arrays;

/**
 * The 43 block statistics of a grey image that the random-forest baseline of {@link LearningBenchmark}
 * sees. The image is cut into 32 x 32-pixel blocks (a partial last row or column of blocks is
 * dropped; Severstal's 1600 x 256 gives 50 x 8 = 400 blocks) and each block's mean and standard
 * deviation (population) are taken. The 43 values are:
 * <ol>
 * <li>the whole image's mean and standard deviation (2);</li>
 * <li>13 summaries of the block means: mean, standard deviation, minimum, maximum and the 1st, 5th,
 * 10th, 25th, 50th, 75th, 90th, 95th and 99th percentiles;</li>
 * <li>the same 13 summaries of the block standard deviations;</li>
 * <li>the same 13 summaries of each block mean's deviation from the median block mean of its block row
 * (local contrast against the strip, insensitive to a brightness gradient across the strip);</li>
 * <li>the largest and the smallest block standard deviation divided by the median one (2).</li>
 * </ol>
 */
final class BlockStatistics {

	static final int BLOCK = 32, COUNT = 43;

	private BlockStatistics() {}

	static float[] of(float[] grey, int width, int height) {
		int bw = width / BLOCK, bh = height / BLOCK;
		if (bw < 1 || bh < 1) throw new IllegalArgumentException("Images need at least one 32 x 32 block.");
		double[] means = new double[bw * bh], stds = new double[bw * bh], rowDev = new double[bw * bh];
		double sum = 0, sq = 0;
		for (float v : grey) {
			sum += v;
			sq += (double) v * v;
		}
		double n = grey.length, mean = sum / n;
		for (int by = 0; by < bh; by++) {
			for (int bx = 0; bx < bw; bx++) {
				double s = 0, q = 0;
				for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
					for (int x = bx * BLOCK; x < (bx + 1) * BLOCK; x++) {
						double v = grey[y * width + x];
						s += v;
						q += v * v;
					}
				}
				double m = s / (BLOCK * BLOCK);
				means[by * bw + bx] = m;
				stds[by * bw + bx] = Math.sqrt(Math.max(0, q / (BLOCK * BLOCK) - m * m));
			}
			double[] row = Arrays.copyOfRange(means, by * bw, (by + 1) * bw);
			double median = percentile(sorted(row), 50);
			for (int bx = 0; bx < bw; bx++) rowDev[by * bw + bx] = means[by * bw + bx] - median;
		}
		float[] f = new float[COUNT];
		int k = 0;
		f[k++] = (float) mean;
		f[k++] = (float) Math.sqrt(Math.max(0, sq / n - mean * mean));
		k = summaries(means, f, k);
		k = summaries(stds, f, k);
		k = summaries(rowDev, f, k);
		double[] s = sorted(stds);
		double median = Math.max(1e-6, percentile(s, 50));
		f[k++] = (float) (s[s.length - 1] / median);
		f[k++] = (float) (s[0] / median);
		return f;
	}

	private static int summaries(double[] values, float[] f, int k) {
		double[] s = sorted(values);
		double m = Arrays.stream(values).average().orElse(0);
		double var = Arrays.stream(values).map(v -> (v - m) * (v - m)).average().orElse(0);
		f[k++] = (float) m;
		f[k++] = (float) Math.sqrt(var);
		f[k++] = (float) s[0];
		f[k++] = (float) s[s.length - 1];
		for (double p : new double[] { 1, 5, 10, 25, 50, 75, 90, 95, 99 }) f[k++] = (float) percentile(s, p);
		return k;
	}

	private static double[] sorted(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s;
	}

	/** Linear interpolation between closest ranks (NumPy's default). */
	private static double percentile(double[] sorted, double p) {
		double pos = p / 100 * (sorted.length - 1);
		int lo = (int) Math.floor(pos), hi = Math.min(sorted.length - 1, lo + 1);
		return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
	}
}
