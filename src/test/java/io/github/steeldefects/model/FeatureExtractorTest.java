package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("tensorflow")
class FeatureExtractorTest {

	static FeatureExtractor extractor;

	@BeforeAll
	static void setUp() {
		TensorFlowRuntime rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		extractor = new FeatureExtractor(TestWeights.random(), 72, 96, rt);
		extractor.setBatchSize(2);
	}

	@AfterAll
	static void tearDown() {
		extractor.close();
	}

	/** A grey steel-like test image: stripes plus a dark blob. */
	static BufferedImage greyImage(int w, int h, int seed) {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		Random r = new Random(seed);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int v = 100 + (x % 16) * 4 + r.nextInt(20) - ((x - w / 2) * (x - w / 2) + (y - h / 3) * (y - h / 3) < 100 ? 80 : 0);
				img.getRaster().setSample(x, y, 0, v);
			}
		}
		return img;
	}

	@Test
	void greyImageEqualsItsRgbCopyAndBatchingDoesNotMatter() {
		BufferedImage grey = greyImage(96, 72, 1);
		BufferedImage rgb = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 72; y++) {
			for (int x = 0; x < 96; x++) {
				int v = grey.getRaster().getSample(x, y, 0);
				rgb.setRGB(x, y, v << 16 | v << 8 | v);
			}
		}
		RgbImage g = RgbImage.of(grey);
		assertEquals(grey.getRaster().getSample(5, 7, 0), g.pixels()[(7 * 96 + 5) * 3 + 1], 0f);
		float[] fromGrey = extractor.extract(grey);
		assertArrayEquals(fromGrey, extractor.extract(rgb));
		assertEquals(Xception.FEATURES, fromGrey.length);

		List<RgbImage> three = List.of(RgbImage.of(greyImage(96, 72, 2)), g, RgbImage.of(greyImage(96, 72, 3)));
		float[][] batched = extractor.extract(three); // batches of 2, then 1
		assertArrayEquals(fromGrey, batched[1], 1e-5f);
		assertFalse(java.util.Arrays.equals(batched[0], batched[2]));
	}

	@Test
	void largerImagesAreResizedBilinearly() {
		RgbImage big = RgbImage.of(greyImage(192, 144, 4));
		RgbImage small = big.resized(72, 96);
		// 2x down with half-pixel centres: each output pixel is the mean of a 2 x 2 block
		float expected = (big.pixels()[0] + big.pixels()[3] + big.pixels()[192 * 3] + big.pixels()[193 * 3]) / 4;
		assertEquals(expected, small.pixels()[0], 1e-4f);
		assertArrayEquals(extractor.extract(small), extractor.extract(big));
		assertTrue(small == small.resized(72, 96));
	}

	@Test
	void cacheIsReusedAcrossExtractorsAndKeyedByVariant() throws Exception {
		Path dir = Paths.get("target", "test-feature-cache");
		if (Files.exists(dir)) {
			try (Stream<Path> s = Files.walk(dir)) {
				s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		FeatureCache cache = new FeatureCache(dir);
		Files.createDirectories(dir);
		Path a = dir.resolve("a.png"), b = dir.resolve("b.png");
		javax.imageio.ImageIO.write(greyImage(96, 72, 6), "png", a.toFile());
		javax.imageio.ImageIO.write(greyImage(96, 72, 7), "png", b.toFile());
		var samples = java.util.stream.Stream.of(a, b).map(io.github.steeldefects.jobs.CachedFeatures.Sample::original).toList();
		float[][] first = features(extractor, null).compute(samples, io.github.steeldefects.Progress.NONE);
		String key = FeatureCache.key(extractor.weights().id(), FeatureCache.contentHash(a), 72, 96, "original");
		assertTrue(Files.isRegularFile(cache.path(key)));
		assertArrayEquals(first[0], cache.get(key).orElseThrow());
		assertArrayEquals(extractor.extract(RgbImage.of(greyImage(96, 72, 6))), first[0]);
		assertNotEquals(key, FeatureCache.key(extractor.weights().id(), FeatureCache.contentHash(a), 72, 96, "hflip"));

		// A closed extractor cannot compute: everything must come from the cache.
		FeatureExtractor closed = new FeatureExtractor(extractor.weights(), 72, 96,
			TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, s -> { }));
		closed.close();
		float[][] second = features(closed, null).compute(samples, io.github.steeldefects.Progress.NONE);
		assertArrayEquals(first[0], second[0]);
		assertArrayEquals(first[1], second[1]);
		// an augmented copy is another cache entry
		var copy = new io.github.steeldefects.jobs.CachedFeatures.Sample(samples.get(0).entry(), 1);
		assertThrows(IllegalStateException.class, () -> features(closed, "hflip").compute(List.of(copy),
			io.github.steeldefects.Progress.NONE));
		try (Stream<Path> s = Files.walk(dir)) {
			assertEquals(0, s.filter(p -> p.toString().endsWith(".tmp")).count());
		}

		// A damaged entry is a miss and gets rewritten.
		Files.write(cache.path(key), new byte[] { 1, 2, 3 });
		assertTrue(cache.get(key).isEmpty());
		float[][] third = features(extractor, null).compute(samples, io.github.steeldefects.Progress.NONE);
		assertArrayEquals(first[0], third[0]);
		assertArrayEquals(first[0], cache.get(key).orElseThrow());
	}

	/** The cache of this test, filled through {@code fx}, augmenting copies as {@code augment} says. */
	private static io.github.steeldefects.jobs.CachedFeatures features(FeatureExtractor fx, String augment) {
		return new io.github.steeldefects.jobs.CachedFeatures(fx, new FeatureCache(Paths.get("target", "test-feature-cache")),
			augment == null ? null : io.github.steeldefects.augment.AugmentConfig.parse(augment), 0, 2);
	}

	@Test
	void tooSmallInputIsRefusedWithTheLimit() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Xception.checkInputSize(70, 512));
		assertTrue(e.getMessage().contains("at least 71"), e.getMessage());
		try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
			org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
			var small = tf.placeholder(org.tensorflow.types.TFloat32.class, org.tensorflow.op.core.Placeholder.shape(
				org.tensorflow.ndarray.Shape.of(-1, 64, 512, 3)));
			e = assertThrows(IllegalArgumentException.class, () -> Xception.build(tf, small, extractor.weights()));
			assertEquals("Xception input size 64 x 512 (height x width) is too small; both must be at least 71.",
				e.getMessage());
		}
	}

	@Test
	void imageFilesAreDecodedOnlyWhenNotCached() throws Exception {
		Path dir = Paths.get("target", "test-feature-files");
		Files.createDirectories(dir);
		Path a = dir.resolve("a.png"), b = dir.resolve("b.png"), bad = dir.resolve("bad.png");
		javax.imageio.ImageIO.write(greyImage(96, 72, 8), "png", a.toFile());
		javax.imageio.ImageIO.write(greyImage(192, 144, 9), "png", b.toFile());
		Files.writeString(bad, "not an image");
		FeatureCache cache = new FeatureCache(dir.resolve("cache-" + System.nanoTime()));
		List<String> progress = new java.util.ArrayList<>(), log = new java.util.ArrayList<>();
		io.github.steeldefects.Progress listen = new io.github.steeldefects.Progress() {
			@Override
			public void log(String message) {
				log.add(message);
			}

			@Override
			public void progress(long done, long total) {
				progress.add(done + "/" + total);
			}
		};
		io.github.steeldefects.jobs.CachedFeatures features = new io.github.steeldefects.jobs.CachedFeatures(extractor, cache,
			null, 0, 2);
		var samples = java.util.stream.Stream.of(a, b).map(io.github.steeldefects.jobs.CachedFeatures.Sample::original).toList();
		float[][] f = features.compute(samples, listen);
		assertArrayEquals(extractor.extract(RgbImage.of(greyImage(96, 72, 8))), f[0]);
		assertEquals(List.of("0/2", "2/2"), progress);
		// cached now: nothing is decoded or run, the features are the same
		progress.clear();
		float[][] again = features.compute(samples, listen);
		assertArrayEquals(f[1], again[1]);
		assertEquals(List.of("2/2"), progress);
		assertTrue(log.get(log.size() - 1).startsWith("Features of 2 of 2 images come from the cache"), log.toString());
		// bad input (exit 2), from the one image decoder every reader uses
		io.github.steeldefects.InputException e = assertThrows(io.github.steeldefects.InputException.class,
			() -> features.compute(List.of(io.github.steeldefects.jobs.CachedFeatures.Sample.original(bad)), listen));
		assertTrue(e.getMessage().startsWith("Image file " + bad), e.getMessage());
	}

	static RgbImage flip(RgbImage img) {
		float[] p = new float[img.pixels().length];
		int w = img.width();
		for (int y = 0; y < img.height(); y++) {
			for (int x = 0; x < w; x++) {
				System.arraycopy(img.pixels(), (y * w + x) * 3, p, (y * w + (w - 1 - x)) * 3, 3);
			}
		}
		return new RgbImage(img.height(), w, p);
	}
}
