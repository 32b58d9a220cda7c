package io.github.steeldefects.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.blocks.PrimitiveBlocks;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

import io.github.steeldefects.SeededRandom;

/**
 * Applies an {@link AugmentConfig} to a grey image and its label mask, identically where the
 * operation is geometric: flips, zoom and shift as one ImgLib2 view of each ({@link #geometry}:
 * image bilinear, mask nearest neighbour, borders continued with the edge pixel as Keras'
 * fill_mode 'nearest' does), then contrast, brightness and noise on the image alone.
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

	/** A seed for one image: the same (seed, image id) always gives the same stream. */
	public static long imageSeed(long seed, String imageId) {
		return SeededRandom.derive(seed, SeededRandom.hash(imageId));
	}

	/**
	 * What one variant does: the parameters drawn for it.
	 *
	 * @param dx shift in whole pixels (positive: right, down), as {@code dy}
	 * @param scale zoom factor about the image centre (above 1: magnify)
	 * @param contrast contrast factor about the image mean
	 * @param brightness brightness offset in grey levels
	 * @param noise noise standard deviation in grey levels
	 */
	public record Draw(boolean hflip, boolean vflip, int dx, int dy, double scale, double contrast, double brightness,
		double noise, long noiseSeed)
	{

		public boolean isGeometric() {
			return hflip || vflip || dx != 0 || dy != 0 || scale != 1;
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

	/** An augmented image (grey levels 0..255) and mask (null when no mask was given). */
	public record Result(byte[] image, byte[] mask, Draw draw) {}

	/** An augmented float image (grey levels, 0..255) and mask. */
	public record FloatResult(float[] image, byte[] mask, Draw draw) {}

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
		int dx = shift == null ? 0 : (int) Math.round(sx * shift.strength() * w);
		int dy = shift == null ? 0 : (int) Math.round(sy * shift.strength() * h);
		AugmentConfig.Op zoom = use(AugmentConfig.Kind.ZOOM, rng);
		double z = rng.nextSymmetric(1);
		double scale = zoom == null ? 1 : 1 + z * zoom.strength();
		AugmentConfig.Op contrast = use(AugmentConfig.Kind.CONTRAST, rng);
		double c = rng.nextSymmetric(1);
		double alpha = contrast == null ? 1 : 1 + c * contrast.strength();
		AugmentConfig.Op brightness = use(AugmentConfig.Kind.BRIGHTNESS, rng);
		double b = rng.nextSymmetric(1);
		double beta = brightness == null ? 0 : b * brightness.strength() * 255;
		AugmentConfig.Op noise = use(AugmentConfig.Kind.NOISE, rng);
		double sigma = noise == null ? 0 : noise.strength() * 255;
		long noiseSeed = rng.nextLong();
		return new Draw(hflip, vflip, dx, dy, scale, alpha, beta, sigma, noiseSeed);
	}

	/** Draws whether the operation applies (always consuming one number); null when it does not. */
	private AugmentConfig.Op use(AugmentConfig.Kind kind, SeededRandom rng) {
		double u = rng.nextDouble();
		AugmentConfig.Op op = config.get(kind);
		return op != null && u < op.probability() ? op : null;
	}

	/**
	 * Variant {@code variant} of a grey image and its row-major label mask (may be null), both
	 * w x h; the inputs are left as they are.
	 */
	public Result apply(byte[] image, byte[] mask, int w, int h, long seed, int variant) {
		float[] f = new float[image.length];
		for (int i = 0; i < f.length; i++) f[i] = image[i] & 0xff;
		FloatResult r = apply(f, mask, w, h, seed, variant);
		byte[] out = new byte[f.length];
		float[] g = r.image();
		for (int i = 0; i < out.length; i++) out[i] = (byte) (int) (g[i] + 0.5f); // already within 0..255
		return new Result(out, r.mask(), r.draw());
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
		float[] out = d.isGeometric() ? new float[image.length] : image.clone();
		byte[] outMask = mask == null ? null : d.isGeometric() ? new byte[mask.length] : mask.clone();
		if (d.isGeometric()) {
			copy(geometry(ArrayImgs.floats(image, w, h), d, true), out);
			if (mask != null) copy(geometry(ArrayImgs.unsignedBytes(mask, w, h), d, false), outMask);
		}
		photometric(out, d);
		return new FloatResult(out, outMask, d);
	}

	/**
	 * The geometry of a draw as an ImgLib2 view of a 2D image, the same for an image (linear
	 * interpolation) and its mask (nearest neighbour), so the two cannot drift apart: the source
	 * continued past its border with the edge pixel (Keras' fill_mode 'nearest'), zoomed about the
	 * centre ({@link ZoomView}: bilinear when {@code linear}, else nearest neighbour; skipped at zoom
	 * 1, where the view stays exact), mirrored ({@code Views.invertAxis}; a mirror about the centre
	 * and a zoom about it commute), shifted by whole pixels ({@code Views.translate}) and cut back to
	 * the source's interval. Only the zoom is computed here, once, over the region the shift reads;
	 * the rest is views.
	 */
	public static <T extends NativeType<T> & RealType<T>> RandomAccessibleInterval<T> geometry(
		RandomAccessibleInterval<T> source, Draw d, boolean linear)
	{
		if (source.numDimensions() != 2) throw new IllegalArgumentException("an image is 2D, not " + source.numDimensions() + "D");
		RandomAccessibleInterval<T> zeroMin = Views.isZeroMin(source) ? source : Views.zeroMin(source);
		long w = zeroMin.dimension(0), h = zeroMin.dimension(1);
		// a shift reads the zoom up to |dx|, |dy| beyond the image
		RandomAccessible<T> view = d.scale == 1 ? Views.extendBorder(zeroMin) : new ZoomView<>(zeroMin, linear, d.scale)
			.sample(Intervals.expand(zeroMin, new long[] { Math.abs(d.dx), Math.abs(d.dy) }));
		// x -> w - 1 - x: the mirror maps the image onto itself
		if (d.hflip) view = Views.translate(Views.invertAxis(view, 0), w - 1, 0);
		if (d.vflip) view = Views.translate(Views.invertAxis(view, 1), 0, h - 1);
		if (d.dx != 0 || d.dy != 0) view = Views.translate(view, d.dx, d.dy);
		return Views.translate(Views.interval(view, zeroMin), source.minAsLongArray());
	}

	/**
	 * Copies a 2D view into a primitive array (float[], byte[]) block-wise with ImgLib2's {@link PrimitiveBlocks}:
	 * about five times faster than pixel by pixel through a RandomAccess of the view chain.
	 */
	private static <T extends NativeType<T>> void copy(RandomAccessibleInterval<T> from, Object to) {
		PrimitiveBlocks.of(from, PrimitiveBlocks.OnFallback.FAIL).copy(from, to);
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
