package io.github.steeldefects.jobs;

import java.util.ArrayList;
import java.util.List;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.Augmenter;
import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.RgbImage;

/**
 * Pooled Xception features of images and of their augmented variants, computed once and kept in a
 * {@link FeatureCache} keyed by weights, image content, input size and variant: a second run, or a
 * run with more epochs, decodes and forwards only what the cache does not hold yet.
 */
public final class CachedFeatures {

	/** One image to featurise: variant 0 is the image as it is, k &gt; 0 its k-th augmented copy. */
	public record Sample(ImageList.Entry entry, int variant) {}

	private final FeatureExtractor extractor;
	private final FeatureCache cache;
	private final Augmenter augmenter;
	private final AugmentConfig config;
	private final long seed;
	private final int batch;

	/**
	 * @param config augmentation of variants &gt; 0 (may be {@link AugmentConfig#NONE})
	 * @param seed augmentation seed: the same seed draws the same variants
	 * @param batch images decoded and forwarded together
	 */
	public CachedFeatures(FeatureExtractor extractor, FeatureCache cache, AugmentConfig config, long seed, int batch) {
		this.extractor = extractor;
		this.cache = cache;
		this.config = config == null ? AugmentConfig.NONE : config;
		this.augmenter = new Augmenter(this.config);
		this.seed = seed;
		this.batch = Math.max(1, batch);
		extractor.setBatchSize(this.batch);
	}

	/** The cache's name for a variant: the original, or the augmentation, its seed and the copy number. */
	public String variantId(int variant) {
		if (variant == 0 || config.isEmpty()) return "original";
		return "aug-" + FeatureCache.sha256((config + "|" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.substring(0, 16) + "-" + variant;
	}

	/** Features of every sample, in order. */
	public float[][] compute(List<Sample> samples, Progress progress) {
		int total = samples.size();
		float[][] out = new float[total][];
		String[] keys = new String[total];
		List<Integer> missing = new ArrayList<>();
		progress.status("Looking up cached features of " + total + " images");
		for (int i = 0; i < total; i++) {
			Sample s = samples.get(i);
			keys[i] = FeatureCache.key(extractor.weights().id(), FeatureCache.contentHash(s.entry().file()),
				extractor.height(), extractor.width(), variantId(s.variant()));
			out[i] = cache.get(keys[i]).orElse(null);
			if (out[i] == null) missing.add(i);
		}
		int done = total - missing.size();
		if (done > 0) progress.log("Features of " + done + " of " + total + " images come from the cache " + cache.folder() + ".");
		long start = System.nanoTime();
		for (int from = 0; from < missing.size(); from += batch) {
			progress.checkCanceled();
			List<Integer> chunk = missing.subList(from, Math.min(from + batch, missing.size()));
			List<RgbImage> images = new ArrayList<>(chunk.size());
			for (int i : chunk) images.add(load(samples.get(i)));
			float[][] f = extractor.extract(images);
			for (int j = 0; j < chunk.size(); j++) {
				out[chunk.get(j)] = f[j];
				cache.put(keys[chunk.get(j)], f[j]);
			}
			done += chunk.size();
			progress.progress(done, total);
			double seconds = (System.nanoTime() - start) / 1e9;
			int computed = from + chunk.size();
			double eta = seconds / computed * (missing.size() - computed);
			progress.status(String.format(java.util.Locale.ROOT, "Features %d/%d (%.1f images/s, %s left)", done, total,
				computed / seconds, eta(eta)));
		}
		if (!missing.isEmpty()) {
			double seconds = (System.nanoTime() - start) / 1e9;
			progress.log(String.format(java.util.Locale.ROOT, "Computed features of %d images in %.1f s (%.2f images/s).",
				missing.size(), seconds, missing.size() / seconds));
		}
		return out;
	}

	/** Decodes an image and, for variants &gt; 0, augments it (grey, as Severstal's images are). */
	RgbImage load(Sample s) {
		RgbImage img;
		try {
			img = FeatureExtractor.read(s.entry().file());
		}
		catch (IllegalArgumentException | java.io.UncheckedIOException e) {
			throw new InputException("Image " + s.entry().imageId() + " (" + s.entry().file() +
				") cannot be decoded; replace it with a readable JPEG, PNG or TIFF file.", e);
		}
		if (s.variant() == 0 || config.isEmpty()) return img;
		int h = img.height(), w = img.width();
		float[] rgb = img.pixels();
		float[] grey = new float[h * w];
		for (int i = 0; i < grey.length; i++) grey[i] = (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3f;
		Augmenter.FloatResult r = augmenter.apply(grey, new byte[h * w], w, h,
			Augmenter.imageSeed(seed, s.entry().imageId()), s.variant());
		return RgbImage.ofGrey(h, w, r.image);
	}

	static String eta(double seconds) {
		if (!Double.isFinite(seconds)) return "?";
		long s = Math.round(seconds);
		return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
			: s + " s";
	}
}
