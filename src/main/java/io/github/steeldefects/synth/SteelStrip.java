package io.github.steeldefects.synth;

import java.util.ArrayList;
import java.util.List;

import io.github.steeldefects.SeededRandom;

/**
 * Paints one synthetic image of cold-rolled steel strip and its defects. The look follows the
 * Severstal line-scan images: the strip runs left to right, so grain and streaks run along the
 * rows; brightness drifts slowly along the strip (banding) and falls off towards the borders
 * (vignetting); a few images show the dark edge beyond the strip; sensor noise lies over all.
 * <p>
 * The four defect classes are painted only on their mask pixels, each in its own way:
 * <ol>
 * <li>clusters of small dark pits;</li>
 * <li>thin, bright, nearly vertical scratches;</li>
 * <li>large irregular scuffed patches, brighter with streaks along the rolling direction;</li>
 * <li>big, very dark blotches (holes, heavy scale).</li>
 * </ol>
 * Texture, defect shapes, paint and noise each draw from their own random stream, so the image
 * without its defects is exactly the image with them, outside the masks.
 */
final class SteelStrip {

	static final long TEXTURE = 1;
	static final long SHAPES = 2;
	static final long PAINT = 3;
	static final long NOISE = 4;
	/** Streams of {@link SyntheticDataset.Difficulty#HARD} only, so the default images stay as they were. */
	static final long HARD_TEXTURE = 5;
	static final long HARD_PAINT = 6;
	/** How much wider the hard set's pits and scratches are than the default set's. */
	static final double HARD_PIT_GROWTH = 2.5, HARD_SCRATCH_GROWTH = 4;
	/** Half the side of the window whose background mean and deviation a hard defect takes on (33 x 33 pixels). */
	static final int HARD_WINDOW = 16;

	private SteelStrip() {}

	/**
	 * Renders image {@code index} of the dataset with the given seed.
	 *
	 * @param classes the defect classes this image carries (each gets at least one pixel)
	 * @param defects false to leave the defects out (everything else stays the same)
	 * @param hard uneven illumination and roll marks on the strip, the defects painted as changes of texture at
	 *          the strip's local mean and deviation (see {@link SyntheticDataset.Difficulty#HARD})
	 */
	static SyntheticImage render(long seed, int index, String imageId, int width, int height, int[] classes,
		boolean defects, boolean hard)
	{
		float[] bg = new float[width * height];
		int[] steel = texture(SeededRandom.of(seed, index, TEXTURE), bg, width, height,
			hard ? SeededRandom.of(seed, index, HARD_TEXTURE) : null);
		byte[] labels = new byte[width * height];
		if (defects) place(SeededRandom.of(seed, index, SHAPES), labels, width, height, steel[0], steel[1], classes, hard);
		byte[] gray = paint(SeededRandom.of(seed, index, PAINT), SeededRandom.of(seed, index, NOISE), bg, labels, width, height,
			hard ? SeededRandom.of(seed, index, HARD_PAINT) : null);
		return new SyntheticImage(imageId, width, height, gray, labels);
	}

	// ---- background -------------------------------------------------------------------------

	/**
	 * Fills {@code bg} with the defect-free strip; returns the columns [from, to) that are safely
	 * on the strip (defects go there).
	 *
	 * @param hard draws the hard set's illumination and roll marks; null for the default strip
	 */
	static int[] texture(SeededRandom rng, float[] bg, int w, int h, SeededRandom hard) {
		double s = h / 256.0;
		double base = rng.uniform(95, 150);
		float[] bandX = smooth1d(rng, w, rng.uniform(180, 420), rng.uniform(5, 16));
		float[] bandX2 = smooth1d(rng, w, rng.uniform(40, 90), rng.uniform(1, 4));
		float[] bandY = smooth1d(rng, h, 64 * s, rng.uniform(2, 6));
		// long lines along the rolling direction: one offset per row, lightly smoothed across rows
		double lineAmp = rng.uniform(1.5, 4);
		float[] rowRaw = new float[h];
		for (int y = 0; y < h; y++) rowRaw[y] = (float) (rng.gaussian() * lineAmp);
		float[] rowOff = new float[h];
		for (int y = 0; y < h; y++)
			rowOff[y] = 0.25f * rowRaw[Math.max(0, y - 1)] + 0.5f * rowRaw[y] + 0.25f * rowRaw[Math.min(h - 1, y + 1)];
		float[] vx = vignette(w, rng.uniform(0.03, 0.12));
		float[] vy = vignette(h, rng.uniform(0.05, 0.18));
		// grain: short streaks along each row, a random piecewise-smooth profile per row
		double grainStep = rng.uniform(24, 60);
		double grainAmp = rng.uniform(3, 7);
		int nodes = (int) Math.ceil(w / grainStep) + 2;
		float[] node = new float[nodes];
		for (int y = 0; y < h; y++) {
			for (int k = 0; k < nodes; k++) node[k] = (float) (rng.gaussian() * grainAmp);
			double phase = rng.uniform(0, grainStep);
			float top = (float) (base + bandY[y] + rowOff[y]);
			int row = y * w;
			for (int x = 0; x < w; x++) {
				double g = (x + phase) / grainStep;
				int k = (int) g;
				double t = g - k;
				t = t * t * (3 - 2 * t);
				float grain = (float) (node[k] + t * (node[k + 1] - node[k]));
				bg[row + x] = (top + bandX[x] + bandX2[x] + grain) * vx[x] * vy[y];
			}
		}
		// a few rolled-in streaks: longer, stronger lines of one to three rows
		int streaks = rng.nextInt(6);
		for (int k = 0; k < streaks; k++) {
			int y0 = rng.nextInt(h);
			int rows = rng.between(1, 3);
			int len = (int) Math.min(w, rng.uniform(200, 1200));
			int x0 = rng.nextInt(Math.max(1, w - len + 1));
			double amp = rng.uniform(5, 12) * (rng.chance(0.5) ? 1 : -1);
			for (int y = y0; y < Math.min(h, y0 + rows); y++)
				for (int x = x0; x < x0 + len; x++) {
					double u = (x - x0 + 0.5) / len;
					bg[y * w + x] += (float) (amp * 4 * u * (1 - u));
				}
		}
		if (hard != null) unevenStrip(hard, bg, w, h);
		for (int i = 0; i < bg.length; i++) bg[i] = Math.max(35f, Math.min(200f, bg[i]));
		// some images show the dark background beyond the edge of the strip at one end
		int from = 0;
		int to = w;
		if (rng.chance(0.08)) {
			boolean left = rng.chance(0.5);
			double edge = rng.uniform(0.06, 0.3) * w;
			double slope = rng.uniform(-0.08, 0.08);
			double wobble = rng.uniform(0, 3) * s;
			double period = rng.uniform(60, 200) * s;
			double phase = rng.uniform(0, 2 * Math.PI);
			double rim = rng.uniform(4, 14);
			double rimWidth = rng.uniform(3, 8) * s;
			float dark = (float) rng.uniform(8, 20);
			for (int y = 0; y < h; y++) {
				double e = edge + slope * (y - h / 2.0) + wobble * StrictMath.sin(2 * Math.PI * y / period + phase);
				for (int x = 0; x < w; x++) {
					// distance into the strip from its edge; negative beyond it
					double d = left ? x + 0.5 - e : w - e - (x + 0.5);
					int i = y * w + x;
					if (d <= -1) bg[i] = dark;
					else if (d < 1) bg[i] = (float) (dark + (bg[i] + rim - dark) * (d + 1) / 2);
					else if (d < 1 + rimWidth) bg[i] = (float) Math.min(200, bg[i] + rim * (1 - (d - 1) / rimWidth));
				}
			}
			int reach = (int) Math.ceil(edge + Math.abs(slope) * h / 2 + wobble + rimWidth + 8 * s + 2);
			if (left) from = Math.min(w - 1, reach);
			else to = Math.max(1, w - reach);
		}
		return new int[] { from, to };
	}

	/** A darkening towards both ends of {@code n} pixels, {@code 1 - amount * u^2} with u from -1 to 1. */
	private static float[] vignette(int n, double amount) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++) {
			double u = 2 * (i + 0.5) / n - 1;
			v[i] = (float) (1 - amount * u * u);
		}
		return v;
	}

	/**
	 * The hard set's strip: uneven illumination (a gradient across the strip and three to six broad soft
	 * bright or dark areas of 8 to 28 grey levels) and, on most images, roll marks (a soft spot of 4 to 10 grey
	 * levels that repeats along the strip with the roll's circumference, 250 to 600 pixels at 1600 x 256).
	 * Defect-free images get them as often as the others, so brightness alone tells nothing. Over it a stronger
	 * grain along the rolling direction than the default strip's, which the defects' texture replaces.
	 */
	private static void unevenStrip(SeededRandom rng, float[] bg, int w, int h) {
		double s = h / 256.0;
		double gradient = rng.uniform(-15, 15);
		int areas = rng.between(3, 6);
		double[][] a = new double[areas][];
		for (int k = 0; k < areas; k++) {
			a[k] = new double[] { rng.uniform(0, w), rng.uniform(0, h), rng.uniform(60, 300) * s, rng.uniform(30, 120) * s,
				rng.uniform(8, 28) * (rng.chance(0.5) ? 1 : -1) };
		}
		boolean marks = rng.chance(0.7);
		double period = rng.uniform(250, 600) * s, phase = rng.uniform(0, period), my = rng.uniform(0.15, 0.85) * h;
		double mrx = rng.uniform(8, 30) * s, mry = rng.uniform(10, 50) * s, mamp = rng.uniform(4, 10) * (rng.chance(0.5) ? 1 : -1);
		// every term is separable in x and y: profiles once, then a multiply-add per pixel
		double[][] ax = new double[areas][w], ay = new double[areas][h];
		for (int k = 0; k < areas; k++) {
			for (int x = 0; x < w; x++) ax[k][x] = a[k][4] * Math.exp(-0.5 * sq((x - a[k][0]) / a[k][2]));
			for (int y = 0; y < h; y++) ay[k][y] = Math.exp(-0.5 * sq((y - a[k][1]) / a[k][3]));
		}
		double[] mx = new double[w], myProfile = new double[h];
		if (marks) {
			for (int x = 0; x < w; x++) {
				double rel = x - phase;
				mx[x] = mamp * Math.exp(-0.5 * sq((rel - period * Math.floor(rel / period + 0.5)) / mrx));
			}
			for (int y = 0; y < h; y++) myProfile[y] = Math.exp(-0.5 * sq((y - my) / mry));
		}
		// a stronger rolling texture than the default strip's: grain along each row (a smooth profile with nodes 30 to
		// 80 pixels apart, 5 to 9 grey levels) and an offset per row (2 to 5)
		double grainStep = rng.uniform(30, 80), grainAmp = rng.uniform(5, 9), rowAmp = rng.uniform(2, 5);
		int nodes = (int) Math.ceil(w / grainStep) + 2;
		double[] node = new double[nodes];
		for (int y = 0; y < h; y++) {
			double across = gradient * ((y + 0.5) / h - 0.5) * 2 + rng.gaussian() * rowAmp;
			for (int k = 0; k < nodes; k++) node[k] = rng.gaussian() * grainAmp;
			double shift = rng.uniform(0, grainStep);
			for (int x = 0; x < w; x++) {
				double g = (x + shift) / grainStep;
				int k = (int) g;
				double t = g - k;
				t = t * t * (3 - 2 * t);
				double v = across + mx[x] * myProfile[y] + node[k] + t * (node[k + 1] - node[k]);
				for (int k2 = 0; k2 < areas; k2++) v += ax[k2][x] * ay[k2][y];
				bg[y * w + x] += (float) v;
			}
		}
	}

	/**
	 * The hard set's defects: a change of texture, not of brightness. On its mask each class replaces the strip's
	 * texture (grain and lines along the rolling direction) by a structure of its own, scaled to the mean and
	 * standard deviation that the defect-free strip has in the 33 x 33 pixels around each pixel, so the mean and
	 * the deviation of any block around a defect stay what they were without it:
	 * <ol>
	 * <li>pits: dark in the middle, bright at the rim (darker with the distance from the pit's edge);</li>
	 * <li>scratches: a bright and a dark edge along the scratch (stripes of 12 to 20 pixels' period), broken:
	 * a third of the length, in pieces of 6 to 20 rows, keeps the strip's texture though it is in the mask;</li>
	 * <li>scuffed patches: striations across the rolling direction, slanted, 16 to 36 pixels apart, each of its
	 * own strength;</li>
	 * <li>blotches: a coarse mottle (cells of 14 to 28 by 10 to 20 pixels).</li>
	 * </ol>
	 * A share (0 to 20 % of the variance) of the strip's own texture shows through. Each structure is standardised
	 * (mean 0, deviation 1) before scaling, over the class's mask pixels in the same window (over all of them in the
	 * image where the window holds fewer than 64).
	 *
	 * @return the defect-free grey value of each mask pixel (before sensor noise); other entries 0
	 */
	static float[] hardDefects(SeededRandom rng, float[] bg, byte[] labels, int w, int h) {
		double[] mean = new double[w * h], sd = new double[w * h];
		windowStatistics(bg, null, w, h, HARD_WINDOW, mean, sd, null, (byte) 0, null);
		int classes = SyntheticDataset.CLASSES;
		long[] key = new long[classes + 1];
		for (int c = 1; c <= classes; c++) key[c] = rng.nextLong();
		float[] pitDepth = chamfer(labels, w, h, (byte) 1);
		double scratchPeriod = rng.uniform(12, 20), scratchSlant = rng.uniform(-0.12, 0.12);
		int gapRows = rng.between(6, 20);
		double scuffPeriod = rng.uniform(16, 36), scuffSlant = rng.uniform(-0.6, 0.6);
		double blotchCellX = rng.uniform(14, 28), blotchCellY = rng.uniform(10, 20);
		double own = Math.sqrt(rng.uniform(0, 0.2)); // share of the strip's own texture (as an amplitude)
		float[] raw = new float[w * h];
		double[] sum = new double[classes + 1], sq = new double[classes + 1];
		long[] n = new long[classes + 1];
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int i = y * w + x, c = labels[i];
				if (c == 0) continue;
				double p;
				switch (c) {
					case 1: p = -pitDepth[i]; break;
					case 2:
						if (unit(SeededRandom.mix(key[2], y / gapRows, 1)) <= -0.33) { // a gap: the strip as it is
							raw[i] = Float.NaN;
							continue;
						}
						p = StrictMath.sin(2 * Math.PI * (x - scratchSlant * y) / scratchPeriod);
						break;
					case 3: {
						double u = (x - scuffSlant * y) / scuffPeriod;
						double k = Math.floor(u);
						p = (1 + unit(SeededRandom.mix(key[3], (long) k, 3))) * StrictMath.sin(Math.PI * (u - k));
						break;
					}
					default: p = valueNoise(key[4], x / blotchCellX, y / blotchCellY); break;
				}
				raw[i] = (float) p;
				sum[c] += p;
				sq[c] += p * p;
				n[c]++;
			}
		}
		double[] pm = new double[classes + 1], ps = new double[classes + 1];
		for (int c = 1; c <= classes; c++) {
			if (n[c] == 0) continue;
			pm[c] = sum[c] / n[c];
			ps[c] = Math.sqrt(Math.max(1e-12, sq[c] / n[c] - pm[c] * pm[c]));
		}
		// the structure standardised in the same window too (over the window's pixels of the pixel's class), so that
		// a coarse mottle or a strong stripe does not move the mean or deviation of the block it lies in
		double[] lm = new double[w * h], ls = new double[w * h], ln = new double[w * h];
		float[] one = new float[w * h];
		for (int c = 1; c <= classes; c++) {
			if (n[c] == 0) continue;
			for (int i = 0; i < one.length; i++) one[i] = labels[i] == c && !Float.isNaN(raw[i]) ? 1 : 0;
			windowStatistics(raw, one, w, h, HARD_WINDOW, lm, ls, ln, (byte) c, labels);
		}
		double mix = Math.sqrt(1 - own * own);
		float[] out = new float[w * h];
		for (int i = 0; i < out.length; i++) {
			int c = labels[i];
			if (c == 0) continue;
			if (Float.isNaN(raw[i])) {
				out[i] = bg[i];
				continue;
			}
			// the window's own statistics where it holds enough of the defect, else the whole mask's
			double z = ln[i] >= 64 && ls[i] > 1e-3 * ps[c] ? (raw[i] - lm[i]) / ls[i] : (raw[i] - pm[c]) / ps[c];
			double strip = sd[i] > 1e-6 ? (bg[i] - mean[i]) / sd[i] : 0;
			out[i] = (float) (mean[i] + sd[i] * (mix * z + own * strip));
		}
		return out;
	}

	/**
	 * For the pixels of class {@code c} (every pixel when {@code labels} is null): the mean, (population) standard
	 * deviation and count of {@code v} over the pixels with {@code weight} 1 (all when null) in the (2r+1) x (2r+1)
	 * window around each, clipped at the borders (other entries untouched; {@code count} may be null).
	 */
	private static void windowStatistics(float[] v, float[] weight, int w, int h, int r, double[] mean, double[] sd,
		double[] count, byte c, byte[] labels)
	{
		double[] s = new double[(w + 1) * (h + 1)], q = new double[(w + 1) * (h + 1)], k = new double[(w + 1) * (h + 1)];
		for (int y = 0; y < h; y++) {
			double rs = 0, rq = 0, rk = 0;
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (weight == null || weight[i] != 0) {
					rs += v[i];
					rq += (double) v[i] * v[i];
					rk += 1;
				}
				int j = (y + 1) * (w + 1) + x + 1;
				s[j] = s[j - w - 1] + rs;
				q[j] = q[j - w - 1] + rq;
				k[j] = k[j - w - 1] + rk;
			}
		}
		for (int y = 0; y < h; y++) {
			int y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
			for (int x = 0; x < w; x++) {
				int i = y * w + x;
				if (labels != null && labels[i] != c) continue;
				int x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
				int a = y1 * (w + 1) + x1, b = y0 * (w + 1) + x1, d = y1 * (w + 1) + x0, e = y0 * (w + 1) + x0;
				double nn = k[a] - k[b] - k[d] + k[e];
				if (count != null) count[i] = nn;
				if (nn <= 0) continue;
				double m = (s[a] - s[b] - s[d] + s[e]) / nn;
				mean[i] = m;
				sd[i] = Math.sqrt(Math.max(0, (q[a] - q[b] - q[d] + q[e]) / nn - m * m));
			}
		}
	}

	/** Distance (chamfer with steps 1 and 1.4, in pixels) of each pixel of class {@code c} to the nearest pixel not of it; 0 elsewhere. */
	private static float[] chamfer(byte[] labels, int w, int h, byte c) {
		float[] d = new float[w * h];
		float far = w + h;
		for (int i = 0; i < d.length; i++) d[i] = labels[i] == c ? far : 0;
		// forwards from the top left, then backwards from the bottom right (s = -1 mirrors the neighbours)
		for (int s = 1; s >= -1; s -= 2) {
			for (int k = 0; k < d.length; k++) {
				int i = s == 1 ? k : d.length - 1 - k, x = i % w, y = i / w;
				if (d[i] == 0) continue;
				float v = d[i];
				v = Math.min(v, step(d, x - s, y, w, h, 1));
				v = Math.min(v, step(d, x, y - s, w, h, 1));
				v = Math.min(v, step(d, x - s, y - s, w, h, 1.4f));
				v = Math.min(v, step(d, x + s, y - s, w, h, 1.4f));
				d[i] = v;
			}
		}
		return d;
	}

	/** The distance through neighbour (x, y): its own plus the step; the step alone beyond the image. */
	private static float step(float[] d, int x, int y, int w, int h, float step) {
		return x >= 0 && y >= 0 && x < w && y < h ? d[y * w + x] + step : step;
	}

	/** Smooth value noise in about [-1, 1]: hashed values on the integer grid, joined by smoothstep. */
	private static double valueNoise(long key, double x, double y) {
		long ix = (long) Math.floor(x), iy = (long) Math.floor(y);
		double tx = x - ix, ty = y - iy;
		tx = tx * tx * (3 - 2 * tx);
		ty = ty * ty * (3 - 2 * ty);
		double a = unit(SeededRandom.mix(key, ix, iy)), b = unit(SeededRandom.mix(key, ix + 1, iy));
		double c = unit(SeededRandom.mix(key, ix, iy + 1)), d = unit(SeededRandom.mix(key, ix + 1, iy + 1));
		double top = a + tx * (b - a), bottom = c + tx * (d - c);
		return top + ty * (bottom - top);
	}

	private static double sq(double v) {
		return v * v;
	}

	/** A smooth random profile: values at nodes {@code step} apart, joined by smoothstep. */
	private static float[] smooth1d(SeededRandom rng, int n, double step, double amp) {
		int nodes = (int) Math.ceil(n / step) + 2;
		double[] v = new double[nodes];
		for (int k = 0; k < nodes; k++) v[k] = rng.gaussian() * amp;
		double phase = rng.uniform(0, step);
		float[] out = new float[n];
		for (int i = 0; i < n; i++) {
			double g = (i + phase) / step;
			int k = (int) g;
			double t = g - k;
			t = t * t * (3 - 2 * t);
			out[i] = (float) (v[k] + t * (v[k + 1] - v[k]));
		}
		return out;
	}

	// ---- defects ----------------------------------------------------------------------------

	/**
	 * Chooses and rasterises the defect shapes of the given classes into {@code labels}.
	 *
	 * @param hard the hard set's shapes: the same draws and places, but pits {@value #HARD_PIT_GROWTH} times and
	 *          scratches {@value #HARD_SCRATCH_GROWTH} times as wide (6 to 14 pixels at 1600 x 256), so that they
	 *          outlive the network's downscaling of the width by 6.25 while being painted at the strip's own contrast
	 */
	static void place(SeededRandom rng, byte[] labels, int w, int h, int from, int to, int[] classes, boolean hard) {
		double s = h / 256.0;
		Shapes shapes = new Shapes(labels, w, h, from, to);
		List<double[]> boxes = new ArrayList<>(); // {class, x0, y0, x1, y1} of shapes placed so far
		for (int c : classes) {
			byte value = (byte) c;
			// pits and scratches: one to three; patches and blotches: one, sometimes two
			int count = c <= 2 ? rng.between(1, 3) : rng.chance(c == 3 ? 0.3 : 0.25) ? 2 : 1;
			for (int k = 0; k < count; k++) {
				switch (c) {
					case 1: pits(rng, shapes, boxes, h, from, to, s, hard ? HARD_PIT_GROWTH : 1); break;
					case 2: scratch(rng, shapes, boxes, h, from, to, s, hard ? HARD_SCRATCH_GROWTH : 1); break;
					case 3: patch(rng, shapes, boxes, h, from, to, s); break;
					default: blotch(rng, shapes, boxes, h, from, to, s); break;
				}
			}
		}
		// every class asked for must be there: should all its shapes have landed on other
		// classes, add a small spot where the strip is still free
		long[] area = new long[SyntheticDataset.CLASSES + 1];
		for (byte b : labels) area[b]++;
		for (int c : classes) {
			for (int attempt = 0; area[c] == 0 && attempt < 1000; attempt++) {
				int x = rng.between(from, to - 1);
				int y = rng.nextInt(h);
				if (labels[y * w + x] == 0) area[c] += shapes.ellipse(x + 0.5, y + 0.5, 3 * s, 3 * s, (byte) c);
			}
		}
	}

	/** A position for a box of the given size that avoids other classes' boxes, if one is found. */
	private static double[] spot(SeededRandom rng, List<double[]> boxes, int c, double bw, double bh, int h, int from, int to) {
		double[] best = null;
		for (int attempt = 0; attempt < 40; attempt++) {
			double x0 = rng.uniform(from, Math.max(from, to - bw));
			double y0 = rng.uniform(0, Math.max(0, h - bh));
			double[] box = { c, x0, y0, Math.min(to, x0 + bw), Math.min(h, y0 + bh) };
			if (best == null) best = box;
			double m = 6; // clear of other classes' boxes by this margin
			if (boxes.stream().noneMatch(b -> b[0] != c && box[1] < b[3] + m && b[1] < box[3] + m && box[2] < b[4] + m
				&& b[2] < box[4] + m)) {
				best = box;
				break;
			}
		}
		boxes.add(best);
		return best;
	}

	/** Class 1: a cluster of small dark pits. */
	private static void pits(SeededRandom rng, Shapes shapes, List<double[]> boxes, int h, int from, int to, double s, double growth) {
		double r = rng.uniform(15, 60) * s;
		double bw = Math.min(to - from, 2.4 * r);
		double bh = Math.min(h, 2 * r);
		double[] box = spot(rng, boxes, 1, bw, bh, h, from, to);
		double cx = (box[1] + box[3]) / 2;
		double cy = (box[2] + box[4]) / 2;
		int n = rng.between(5, 22);
		for (int i = 0; i < n; i++) {
			double px = clamp(cx + rng.gaussian() * r * 0.45, box[1], box[3]);
			double py = clamp(cy + rng.gaussian() * r * 0.4, box[2], box[4]);
			double a = rng.uniform(1.5, 5) * s * growth;
			double b = a * rng.uniform(0.6, 1.0);
			shapes.ellipse(px, py, Math.max(a, 0.8), Math.max(b, 0.8), (byte) 1);
		}
	}

	/** Class 2: a thin, bright scratch across the strip, nearly vertical. */
	private static void scratch(SeededRandom rng, Shapes shapes, List<double[]> boxes, int h, int from, int to, double s,
		double growth)
	{
		int len = (int) Math.max(8, Math.round(rng.uniform(0.4, 1.0) * h));
		double slope = rng.uniform(-0.12, 0.12);
		double drift = Math.abs(slope) * len + 6;
		double[] box = spot(rng, boxes, 2, drift, len, h, from, to);
		int y0 = (int) Math.round(box[2]);
		int y1 = Math.min(h, y0 + len);
		double x0 = slope >= 0 ? box[1] + 3 : box[3] - 3;
		double thickness = rng.uniform(1.6, 3.5) * s * growth;
		double wobble = rng.uniform(0, 1.5) * s;
		shapes.line(x0, y0, y1, slope, thickness, wobble, rng.uniform(40, 160) * s, rng.uniform(0, 2 * Math.PI),
			(byte) 2);
	}

	/** Class 3: a large irregular scuffed patch, elongated along the rolling direction. */
	private static void patch(SeededRandom rng, Shapes shapes, List<double[]> boxes, int h, int from, int to, double s) {
		double rx = Math.min(0.4 * (to - from), rng.uniform(50, 260) * s);
		double ry = Math.min(0.45 * h, rng.uniform(20, 80) * s);
		double[] box = spot(rng, boxes, 3, 2 * rx, 1.4 * ry, h, from, to);
		double cx = (box[1] + box[3]) / 2;
		double cy = (box[2] + box[4]) / 2;
		shapes.blob(rng, cx, cy, rx, ry, 0.35, 0.08, (byte) 3);
	}

	/** Class 4: a big, very dark blotch. */
	private static void blotch(SeededRandom rng, Shapes shapes, List<double[]> boxes, int h, int from, int to, double s) {
		double r = rng.uniform(30, 100) * s;
		double rx = Math.min(0.4 * (to - from), r * rng.uniform(0.8, 1.8));
		double ry = Math.min(0.45 * h, r * rng.uniform(0.7, 1.1));
		double[] box = spot(rng, boxes, 4, 2 * rx, 2 * ry, h, from, to);
		double cx = (box[1] + box[3]) / 2;
		double cy = (box[2] + box[4]) / 2;
		shapes.blob(rng, cx, cy, rx, ry, 0.3, 0.03, (byte) 4);
	}

	/** A value in [-1, 1] that changes smoothly along a row, every {@code step} pixels, independently per row. */
	private static double scuffGrain(long key, int x, int y, double step) {
		double g = x / step;
		long k = (long) g;
		double t = g - k;
		t = t * t * (3 - 2 * t);
		double a = unit(SeededRandom.mix(key, y, k));
		double b = unit(SeededRandom.mix(key, y, k + 1));
		return a + t * (b - a);
	}

	private static double unit(long bits) {
		return (bits >>> 11) * 0x1.0p-52 - 1;
	}

	private static double clamp(double v, double lo, double hi) {
		return Math.max(lo, Math.min(hi, v));
	}

	// ---- paint ------------------------------------------------------------------------------

	/**
	 * Grey values: the background, changed on every labelled pixel according to its class, then
	 * sensor noise everywhere. The background never leaves 35..200 and each class moves its pixels
	 * by at least about 15 grey levels, so no labelled pixel keeps its background value.
	 *
	 * @param hard null for the default paint; else the hard set's defects of {@link #hardDefects}
	 */
	static byte[] paint(SeededRandom rng, SeededRandom noise, float[] bg, byte[] labels, int w, int h, SeededRandom hard) {
		double pitDark = rng.uniform(0.35, 0.55);
		double scratchBright = rng.uniform(0.5, 0.7);
		double scuff = rng.uniform(18, 30);
		double scuffStreaks = rng.uniform(8, scuff - 8);
		double scuffStep = rng.uniform(16, 40);
		long scuffKey = rng.nextLong();
		double holeDark = rng.uniform(0.12, 0.25);
		double holeBase = 12;
		float[] hardValue = hard == null ? null : hardDefects(hard, bg, labels, w, h);
		// scuff streaks along the rolling direction: one value in [-1, 1] per row, slowly drifting,
		// half of it, plus half a short streak that changes every few dozen pixels along the row
		float[] streak = new float[h];
		double v = 0;
		for (int y = 0; y < h; y++) {
			v = 0.6 * v + 0.4 * rng.uniform(-1, 1) * 2.2;
			streak[y] = (float) Math.max(-1, Math.min(1, v));
		}
		double noiseAmp = rng.uniform(2.0, 3.5) * 2.449; // triangular noise with sd ~ 2..3.5
		byte[] gray = new byte[w * h];
		long bits = 0;
		int left = 0;
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w; x++) {
				int i = row + x;
				double g = bg[i];
				if (hardValue != null) {
					if (labels[i] != 0) g = hardValue[i];
				} else switch (labels[i]) {
					case 1: g = g * pitDark; break;
					case 2: g = g + (238 - g) * scratchBright; break;
					case 3: g = Math.min(250, g + scuff + scuffStreaks * (0.5 * streak[y] + 0.5 * scuffGrain(scuffKey, x, y, scuffStep))); break;
					case 4: g = holeBase + g * holeDark; break;
					default: break;
				}
				if (left == 0) {
					bits = noise.nextLong();
					left = 2;
				}
				int u1 = (int) (bits & 0xFFFF);
				int u2 = (int) ((bits >>> 16) & 0xFFFF);
				bits >>>= 32;
				left--;
				g += noiseAmp * ((u1 + u2) / 65536.0 - 1);
				long q = Math.round(g);
				gray[i] = (byte) (q < 0 ? 0 : q > 255 ? 255 : q);
			}
		}
		return gray;
	}
}
