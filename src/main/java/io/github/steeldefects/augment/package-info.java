/**
 * Augmentation of a grey image and its label mask, the same for the preview and for training.
 * <p>
 * For training:
 *
 * <pre>
 * AugmentConfig config = AugmentConfig.parse(augmentOption); // e.g. "hflip vflip brightness=0.2 zoom=0.1"
 * Augmenter augmenter = new Augmenter(config);
 * List&lt;Balance.Sample&gt; samples = Balance.oversample(items, balance, seed); // variant 0 = original
 * for (Balance.Sample s : samples) {
 *     Augmenter.FloatResult r = augmenter.apply(grey, null, w, h, Augmenter.imageSeed(seed, s.imageId()), s.variant());
 *     // r.image() -> model; a feature cache keys on (s.imageId(), s.variant(), config.toString(), seed)
 * }
 * </pre>
 *
 * Variant 0 is always the unchanged image; variant k is the same for the same (seed, image id, k,
 * config) on every run and machine. Per epoch, training can use variants {@code epoch * copies + k}
 * to see new draws, or fixed variants to reuse cached features.
 */
package io.github.steeldefects.augment;
