package io.github.steeldefects.jobs;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.Augmenter;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.Xception;

/**
 * Pooled Xception features of images and of their augmented variants, computed once and kept in a
 * {@link FeatureCache} keyed by weights, image content, input size and variant: a second run, or a
 * run with more epochs, decodes and forwards only what the cache does not hold yet.
 */
public final class CachedFeatures {

	/** One image to featurise: variant 0 is the image as it is, k &gt; 0 its k-th augmented copy. */
	public record Sample(ImageList.Entry entry, int variant) {

		/** An image file as it is, e.g. for a benchmark. */
		public static Sample original(Path file) {
			return new Sample(new ImageList.Entry(file.getFileName().toString(), file, Truth.UNKNOWN), 0);
		}
	}

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

	/**
	 * Features of every sample, in order: the cache's where it has them (keyed by weights, the SHA-256
	 * of the file, input size, variant and precision); only the missing images are decoded, augmented,
	 * run in batches and stored. Cancelling stops between batches; what was computed stays cached.
	 */
	public float[][] compute(List<Sample> samples, Progress progress) {
		int total = samples.size();
		progress.status("Looking up cached features of " + total + " images");
		float[][] out = new float[total][];
		String[] keys = new String[total];
		List<Integer> missing = new ArrayList<>();
		try {
			for (int i = 0; i < total; i++) {
				Sample s = samples.get(i);
				keys[i] = extractor.cacheKey(FeatureCache.contentHash(s.entry().file()), variantId(s.variant()));
				out[i] = cache.get(keys[i]).filter(f -> f.length == Xception.FEATURES).orElse(null);
				if (out[i] == null) missing.add(i);
			}
			int fromCache = total - missing.size();
			if (fromCache > 0) progress.log("Features of " + fromCache + " of " + total + " images come from the cache "
				+ cache.folder() + ".");
			progress.progress(fromCache, total);
			if (fromCache < total) progress.status("Computing features " + fromCache + "/" + total);
			long start = System.nanoTime();
			for (int from = 0; from < missing.size(); from += batch) {
				progress.checkCanceled();
				if (Thread.currentThread().isInterrupted()) throw new CancellationException("Feature extraction stopped after "
					+ (fromCache + from) + " of " + total + " images.");
				List<Integer> chunk = missing.subList(from, Math.min(from + batch, missing.size()));
				List<RgbImage> images = new ArrayList<>(chunk.size());
				for (int i : chunk) images.add(augment(samples.get(i), FeatureExtractor.read(samples.get(i).entry().file()))
					.resized(extractor.height(), extractor.width()));
				float[][] f = extractor.extract(images);
				for (int j = 0; j < chunk.size(); j++) {
					out[chunk.get(j)] = f[j];
					cache.put(keys[chunk.get(j)], f[j]);
				}
				int computed = from + chunk.size(), done = fromCache + computed;
				double seconds = (System.nanoTime() - start) / 1e9;
				progress.progress(done, total);
				progress.status(String.format(Locale.ROOT, "Features %d/%d (%.1f images/s, %s left)", done, total,
					computed / seconds, Progress.eta(seconds / computed * (total - done))));
				if (done == total) progress.log(String.format(Locale.ROOT, "Computed features of %d images in %.1f s (%.2f images/s).",
					computed, seconds, computed / seconds));
			}
		}
		catch (IllegalArgumentException | UncheckedIOException e) {
			// an image that cannot be decoded: the message names its file
			throw new InputException(e.getMessage(), e);
		}
		return out;
	}

	/** Variants &gt; 0 are augmented copies (grey, as Severstal's images are), seeded by the image id. */
	RgbImage augment(Sample s, RgbImage img) {
		if (s.variant() == 0 || config.isEmpty()) return img;
		int h = img.height(), w = img.width();
		float[] rgb = img.pixels();
		float[] grey = new float[h * w];
		for (int i = 0; i < grey.length; i++) grey[i] = (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3f;
		Augmenter.FloatResult r = augmenter.apply(grey, null, w, h,
			Augmenter.imageSeed(seed, s.entry().imageId()), s.variant());
		return RgbImage.ofGrey(h, w, r.image());
	}
}
