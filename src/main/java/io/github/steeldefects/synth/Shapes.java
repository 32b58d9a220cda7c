package io.github.steeldefects.synth;

import io.github.steeldefects.SeededRandom;

/**
 * Paints filled shapes into a row-major label image, pixel centre by pixel centre, with nothing
 * but IEEE arithmetic so that the result is the same on every Java version. A pixel is painted
 * only when it is still unlabelled and lies inside the allowed columns [minX, maxX), which keeps
 * classes from ever overlapping.
 */
record Shapes(byte[] labels, int width, int height, int minX, int maxX) {

	Shapes {
		minX = Math.max(0, minX);
		maxX = Math.min(width, maxX);
	}

	/** Paints the pixels whose centres lie in [xa, xb) on row y; returns how many were painted. */
	int span(int y, double xa, double xb, byte value) {
		if (y < 0 || y >= height) return 0;
		int from = Math.max(minX, (int) Math.ceil(xa - 0.5));
		int to = Math.min(maxX, (int) Math.ceil(xb - 0.5));
		int painted = 0;
		for (int x = from, i = y * width + from; x < to; x++, i++) {
			if (labels[i] == 0) {
				labels[i] = value;
				painted++;
			}
		}
		return painted;
	}

	/** An axis-aligned ellipse; at least its centre pixel. */
	int ellipse(double cx, double cy, double rx, double ry, byte value) {
		int painted = 0;
		int y0 = (int) Math.floor(cy - ry);
		int y1 = (int) Math.ceil(cy + ry);
		for (int y = y0; y <= y1; y++) {
			double dy = (y + 0.5 - cy) / ry;
			if (dy * dy > 1) continue;
			double half = rx * Math.sqrt(1 - dy * dy);
			painted += span(y, cx - half, cx + half, value);
		}
		if (painted == 0) painted = span((int) Math.floor(cy), Math.floor(cx), Math.floor(cx) + 1, value);
		return painted;
	}

	/** A polygon, even-odd rule. */
	int polygon(double[] xs, double[] ys, byte value) {
		int n = xs.length;
		double top = Double.POSITIVE_INFINITY;
		double bottom = Double.NEGATIVE_INFINITY;
		for (double y : ys) {
			top = Math.min(top, y);
			bottom = Math.max(bottom, y);
		}
		int y0 = Math.max(0, (int) Math.floor(top));
		int y1 = Math.min(height - 1, (int) Math.ceil(bottom));
		double[] cross = new double[n];
		int painted = 0;
		for (int y = y0; y <= y1; y++) {
			double yc = y + 0.5;
			int m = 0;
			for (int i = 0, j = n - 1; i < n; j = i++) {
				if ((ys[i] <= yc) != (ys[j] <= yc))
					cross[m++] = xs[j] + (yc - ys[j]) * (xs[i] - xs[j]) / (ys[i] - ys[j]);
			}
			java.util.Arrays.sort(cross, 0, m);
			for (int k = 0; k + 1 < m; k += 2)
				painted += span(y, cross[k], cross[k + 1], value);
		}
		return painted;
	}

	/**
	 * An irregular, star-shaped blob around (cx, cy) with radii rx, ry: the radius wobbles with a
	 * few random harmonics (up to {@code roughness}) and a little from vertex to vertex (up to
	 * {@code jitter}), so that no two blobs look alike.
	 */
	int blob(SeededRandom rng, double cx, double cy, double rx, double ry, double roughness, double jitter, byte value) {
		int n = 48;
		int harmonics = 4;
		double[] amp = new double[harmonics];
		double[] phase = new double[harmonics];
		for (int k = 0; k < harmonics; k++) {
			amp[k] = rng.uniform(0, roughness) / (1 + 0.5 * k);
			phase[k] = rng.uniform(0, 2 * Math.PI);
		}
		double[] xs = new double[n];
		double[] ys = new double[n];
		for (int i = 0; i < n; i++) {
			double t = 2 * Math.PI * i / n;
			double r = 1;
			for (int k = 0; k < harmonics; k++)
				r += amp[k] * StrictMath.cos((k + 2) * t + phase[k]);
			r += rng.uniform(-jitter, jitter);
			r = Math.max(0.3, r);
			xs[i] = cx + rx * r * StrictMath.cos(t);
			ys[i] = cy + ry * r * StrictMath.sin(t);
		}
		return polygon(xs, ys, value);
	}

	/** A thin, roughly vertical line from row y0 to row y1 (exclusive) with a slight slant and wobble. */
	int line(double x0, int y0, int y1, double slope, double thickness, double wobble, double period,
		double phase, byte value)
	{
		int painted = 0;
		for (int y = y0; y < y1; y++) {
			double cx = x0 + slope * (y - y0) + wobble * StrictMath.sin(2 * Math.PI * y / period + phase);
			double t = Math.max(1.0, thickness);
			painted += span(y, cx - t / 2, cx + t / 2, value);
		}
		return painted;
	}
}
