package io.github.steeldefects.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.steeldefects.SeededRandom;

/**
 * Applies an {@link AugmentConfig} to a grey image and its label mask, identically where the
 * operation is geometric: flips, then shift and zoom in one resampling pass (image bilinear,
 * mask nearest neighbour, borders continued with the edge pixel as Keras' fill_mode 'nearest'
 * does), then contrast, brightness and noise on the image alone.
 * <p>
 * Deterministic: the result depends only on the image, the config, the seed and the variant.
 * Variant 0 is the image itself (no augmentation), variants 1, 2, ... are independent draws; a
 * feature cache can key on (image id, variant). For one seed across a data set, give each image
 * its own stream with {@link #imageSeed(long, String)}:
 *
 * <pre>
 * Augmenter a = new Augmenter(AugmentConfig.parse("hflip vflip brightness=0.2 zoom=0.1"));
 * Augmenter.Result r = a.apply(grey, labels, 1600, 256, Augmenter.imageSeed(seed, imageId), variant);
 * </pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class Augmenter {

	private final AugmentConfig config;

	public Augmenter(AugmentConfig config) {
		this.config = config == null ? AugmentConfig.NONE : config;
	}

	public AugmentConfig config() {
		return config;
	}

	/** A seed for one image: the same (seed, image id) always gives the same stream. */
	public static long imageSeed(long seed, String imageId) {
		return SeededRandom.derive(seed, SeededRandom.hash(imageId));
	}

	/** What one variant does: the parameters drawn for it. */
	public static final class Draw {

		public final boolean hflip;
		public final boolean vflip;
		/** Shift in whole pixels (positive: right, down). */
		public final int dx, dy;
		/** Zoom factor about the image centre (above 1: magnify). */
		public final double scale;
		/** Contrast factor about the image mean. */
		public final double contrast;
		/** Brightness offset in grey levels. */
		public final double brightness;
		/** Noise standard deviation in grey levels. */
		public final double noise;
		final long noiseSeed;

		Draw(boolean hflip, boolean vflip, int dx, int dy, double scale, double contrast, double brightness,
			double noise, long noiseSeed)
		{
			this.hflip = hflip;
			this.vflip = vflip;
			this.dx = dx;
			this.dy = dy;
			this.scale = scale;
			this.contrast = contrast;
			this.brightness = brightness;
			this.noise = noise;
			this.noiseSeed = noiseSeed;
		}

		public boolean isGeometric() {
			return hflip || vflip || dx != 0 || dy != 0 || scale != 1;
		}

		public boolean isIdentity() {
			return !isGeometric() && contrast == 1 && brightness == 0 && noise == 0;
		}

		/** A short description, e.g. "hflip, shift +12/-3 px, zoom 1.06, brightness +14". */
		@Override
		public String toString() {
			List<String> parts = new ArrayList<>();
			if (hflip) parts.add("hflip");
			if (vflip) parts.add("vflip");
			if (dx != 0 || dy != 0) parts.add(String.format(Locale.ROOT, "shift %+d/%+d px", dx, dy));
			if (scale != 1) parts.add(String.format(Locale.ROOT, "zoom %.3f", scale));
			if (contrast != 1) parts.add(String.format(Locale.ROOT, "contrast %.2f", contrast));
			if (brightness != 0) parts.add(String.format(Locale.ROOT, "brightness %+.1f", brightness));
			if (noise != 0) parts.add(String.format(Locale.ROOT, "noise %.1f", noise));
			return parts.isEmpty() ? "original" : String.join(", ", parts);
		}
	}

	/** An augmented image (grey levels 0..255) and mask. */
	public static final class Result {

		public final byte[] image;
		/** Null when no mask was given. */
		public final byte[] mask;
		public final Draw draw;

		Result(byte[] image, byte[] mask, Draw draw) {
			this.image = image;
			this.mask = mask;
			this.draw = draw;
		}
	}

	/** An augmented float image (grey levels, 0..255) and mask. */
	public static final class FloatResult {

		public final float[] image;
		public final byte[] mask;
		public final Draw draw;

		FloatResult(float[] image, byte[] mask, Draw draw) {
			this.image = image;
			this.mask = mask;
			this.draw = draw;
		}
	}

	/** The parameters of one variant for an image of w x h; variant 0 (or an empty config) is the identity. */
	public Draw draw(int w, int h, long seed, int variant) {
		if (variant < 0) throw new IllegalArgumentException("variant must be 0 or more, not " + variant);
		if (variant == 0) return new Draw(false, false, 0, 0, 1, 1, 0, 0, 0);
		SeededRandom rng = new SeededRandom(SeededRandom.derive(seed, variant));
		// every operation draws its numbers whether or not it is in the config, so that adding one
		// operation leaves the others' draws as they were
		boolean hflip = use(AugmentConfig.Kind.HFLIP, rng) != null;
		boolean vflip = use(AugmentConfig.Kind.VFLIP, rng) != null;
		AugmentConfig.Op shift = use(AugmentConfig.Kind.SHIFT, rng);
		double sx = rng.nextSymmetric(1), sy = rng.nextSymmetric(1);
		int dx = shift == null ? 0 : (int) Math.round(sx * shift.strength * w);
		int dy = shift == null ? 0 : (int) Math.round(sy * shift.strength * h);
		AugmentConfig.Op zoom = use(AugmentConfig.Kind.ZOOM, rng);
		double z = rng.nextSymmetric(1);
		double scale = zoom == null ? 1 : 1 + z * zoom.strength;
		AugmentConfig.Op contrast = use(AugmentConfig.Kind.CONTRAST, rng);
		double c = rng.nextSymmetric(1);
		double alpha = contrast == null ? 1 : 1 + c * contrast.strength;
		AugmentConfig.Op brightness = use(AugmentConfig.Kind.BRIGHTNESS, rng);
		double b = rng.nextSymmetric(1);
		double beta = brightness == null ? 0 : b * brightness.strength * 255;
		AugmentConfig.Op noise = use(AugmentConfig.Kind.NOISE, rng);
		double sigma = noise == null ? 0 : noise.strength * 255;
		long noiseSeed = rng.nextLong();
		return new Draw(hflip, vflip, dx, dy, scale, alpha, beta, sigma, noiseSeed);
	}

	/** Draws whether the operation applies (always consuming one number); null when it does not. */
	private AugmentConfig.Op use(AugmentConfig.Kind kind, SeededRandom rng) {
		double u = rng.nextDouble();
		AugmentConfig.Op op = config.get(kind);
		return op != null && u < op.probability ? op : null;
	}

	/**
	 * Variant {@code variant} of a grey image and its row-major label mask (may be null), both
	 * w x h; the inputs are left as they are.
	 */
	public Result apply(byte[] image, byte[] mask, int w, int h, long seed, int variant) {
		check(image.length, mask, w, h);
		Draw d = draw(w, h, seed, variant);
		float[] f = new float[image.length];
		for (int i = 0; i < f.length; i++) f[i] = image[i] & 0xff;
		FloatResult r = apply(f, mask, w, h, d);
		byte[] out = new byte[f.length];
		float[] g = r.image;
		for (int i = 0; i < out.length; i++) out[i] = (byte) (int) (g[i] + 0.5f); // already within 0..255
		return new Result(out, r.mask, d);
	}

	/** As {@link #apply(byte[], byte[], int, int, long, int)}, on grey levels 0..255 held as floats. */
	public FloatResult apply(float[] image, byte[] mask, int w, int h, long seed, int variant) {
		check(image.length, mask, w, h);
		return apply(image, mask, w, h, draw(w, h, seed, variant));
	}

	private static void check(int length, byte[] mask, int w, int h) {
		if (w < 1 || h < 1 || length != (long) w * h) throw new IllegalArgumentException("image has " + length +
			" pixels, not " + w + " x " + h);
		if (mask != null && mask.length != length) throw new IllegalArgumentException("mask has " + mask.length +
			" pixels, not " + w + " x " + h);
	}

	/** Applies given parameters; the result's image is a new array, clamped to 0..255. */
	public static FloatResult apply(float[] image, byte[] mask, int w, int h, Draw d) {
		float[] out;
		byte[] outMask;
		if (d.isGeometric()) {
			out = new float[image.length];
			outMask = mask == null ? null : new byte[mask.length];
			resample(image, mask, out, outMask, w, h, d);
		}
		else {
			out = image.clone();
			outMask = mask == null ? null : mask.clone();
		}
		photometric(out, d);
		return new FloatResult(out, outMask, d);
	}

	/**
	 * Inverse mapping, separable because there is no rotation: output column x reads source column
	 * flip((x - dx - c) / scale + c), with c the centre; likewise rows.
	 */
	private static void resample(float[] src, byte[] mask, float[] dst, byte[] dstMask, int w, int h, Draw d) {
		int[] x0 = new int[w], xn = new int[w];
		float[] fx = new float[w];
		axis(w, d.dx, d.scale, d.hflip, x0, fx, xn);
		int[] y0 = new int[h], yn = new int[h];
		float[] fy = new float[h];
		axis(h, d.dy, d.scale, d.vflip, y0, fy, yn);
		for (int y = 0; y < h; y++) {
			int r0 = y0[y] * w;
			int r1 = Math.min(y0[y] + 1, h - 1) * w;
			float b = fy[y], a = 1 - b;
			int o = y * w;
			for (int x = 0; x < w; x++) {
				int c0 = x0[x];
				int c1 = c0 + 1 < w ? c0 + 1 : c0;
				float q = fx[x], p = 1 - q;
				dst[o + x] = a * (p * src[r0 + c0] + q * src[r0 + c1]) + b * (p * src[r1 + c0] + q * src[r1 + c1]);
			}
			if (mask != null) {
				int rn = yn[y] * w;
				for (int x = 0; x < w; x++) dstMask[o + x] = mask[rn + xn[x]];
			}
		}
	}

	/**
	 * For each output position along one axis: the source cell (lower neighbour), the fraction
	 * towards the next one, and the nearest source pixel. The nearest pixel is the one bilinear
	 * weighs most (fraction below one half: the lower), so image and mask edges agree.
	 */
	private static void axis(int n, int shift, double scale, boolean flip, int[] lo, float[] frac, int[] nearest) {
		double c = (n - 1) / 2.0;
		for (int i = 0; i < n; i++) {
			double s = (i - shift - c) / scale + c;
			if (flip) s = n - 1 - s;
			if (s <= 0) {
				lo[i] = 0;
				frac[i] = 0;
			}
			else if (s >= n - 1) {
				lo[i] = n - 1;
				frac[i] = 0;
			}
			else {
				int f = (int) Math.floor(s);
				lo[i] = f;
				frac[i] = (float) (s - f);
			}
			nearest[i] = frac[i] < 0.5f ? lo[i] : Math.min(lo[i] + 1, n - 1);
		}
	}

	/** Contrast about the mean, brightness, gaussian noise; then clamps to 0..255. */
	private static void photometric(float[] img, Draw d) {
		if (d.contrast == 1 && d.brightness == 0 && d.noise == 0) return;
		float mean = 0;
		if (d.contrast != 1) {
			double sum = 0;
			for (float v : img) sum += v;
			mean = (float) (sum / img.length);
		}
		float alpha = (float) d.contrast;
		float offset = (float) (mean - alpha * mean + d.brightness);
		if (d.noise == 0) {
			for (int i = 0; i < img.length; i++) img[i] = clamp(alpha * img[i] + offset);
			return;
		}
		// one 64-bit draw per pixel: the sum of its four 16-bit quarters is close to gaussian
		// (Irwin-Hall, n = 4: mean 2, variance 1/3), far cheaper than Box-Muller
		float k = (float) (d.noise * Math.sqrt(3.0) / 65536.0);
		float centre = 2 * 65536f;
		long state = d.noiseSeed;
		for (int i = 0; i < img.length; i++) {
			state += 0x9E3779B97F4A7C15L;
			long r = SeededRandom.mix(state);
			int sum = (int) (r & 0xffff) + (int) ((r >>> 16) & 0xffff) + (int) ((r >>> 32) & 0xffff) + (int) (r >>> 48);
			img[i] = clamp(alpha * img[i] + offset + k * (sum - centre));
		}
	}

	private static float clamp(float v) {
		return v < 0 ? 0 : v > 255 ? 255 : v;
	}
}
