package io.github.steeldefects.jobs;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
		extractor.setBatchSize(Math.max(1, batch));
	}

	/** The cache's name for a variant: the original, or the augmentation, its seed and the copy number. */
	public String variantId(int variant) {
		if (variant == 0 || config.isEmpty()) return "original";
		return "aug-" + FeatureCache.sha256((config + "|" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.substring(0, 16) + "-" + variant;
	}

	/** Features of every sample, in order: the cache's where it has them, computed (and cached) otherwise. */
	public float[][] compute(List<Sample> samples, Progress progress) {
		int total = samples.size();
		List<Path> files = new ArrayList<>(total);
		for (Sample s : samples) files.add(s.entry().file());
		progress.status("Looking up cached features of " + total + " images");
		long[] start = { 0 };
		int[] fromCache = { -1 };
		float[][] out;
		try {
			out = extractor.extractFiles(files, cache, i -> variantId(samples.get(i).variant()),
				(i, image) -> augment(samples.get(i), image), (done, all) -> {
					progress.checkCanceled();
					if (fromCache[0] < 0) {
						// the first report comes after the cache look-up
						fromCache[0] = done;
						start[0] = System.nanoTime();
						if (done > 0) progress.log("Features of " + done + " of " + all + " images come from the cache " +
							cache.folder() + ".");
						// the bar and the words from here on, not after the first batch
						progress.progress(done, all);
						if (done < all) progress.status("Computing features " + done + "/" + all);
						return;
					}
					progress.progress(done, all);
					double seconds = (System.nanoTime() - start[0]) / 1e9;
					int computed = done - fromCache[0];
					progress.status(String.format(Locale.ROOT, "Features %d/%d (%.1f images/s, %s left)", done, all,
						computed / seconds, Progress.eta(seconds / computed * (all - done))));
				});
		}
		catch (IllegalArgumentException | UncheckedIOException e) {
			// an image that cannot be decoded: the message names its file
			throw new InputException(e.getMessage(), e);
		}
		int computed = total - Math.max(fromCache[0], 0);
		if (computed > 0) {
			double seconds = (System.nanoTime() - start[0]) / 1e9;
			progress.log(String.format(Locale.ROOT, "Computed features of %d images in %.1f s (%.2f images/s).",
				computed, seconds, computed / seconds));
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
		Augmenter.FloatResult r = augmenter.apply(grey, new byte[h * w], w, h,
			Augmenter.imageSeed(seed, s.entry().imageId()), s.variant());
		return RgbImage.ofGrey(h, w, r.image);
	}
}
