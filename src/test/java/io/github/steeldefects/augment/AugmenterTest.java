package io.github.steeldefects.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AugmenterTest {

	static final int W = 160, H = 64;

	/** Background 40, a square of 220 at (x0, y0) of side s; the mask holds class 3 there. */
	static byte[][] square(int x0, int y0, int s) {
		byte[] img = new byte[W * H];
		byte[] mask = new byte[W * H];
		Arrays.fill(img, (byte) 40);
		for (int y = y0; y < y0 + s; y++)
			for (int x = x0; x < x0 + s; x++) {
				img[x + y * W] = (byte) 220;
				mask[x + y * W] = 3;
			}
		return new byte[][] { img, mask };
	}

	/** Pixels where image (bright) and mask disagree; they must all lie on the mask's outline. */
	static int disagreementsOffTheOutline(Augmenter.Result r) {
		int bad = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				boolean bright = (r.image()[x + y * W] & 0xff) > 130;
				boolean inMask = r.mask()[x + y * W] == 3;
				if (bright != inMask && !onOutline(r.mask(), x, y)) bad++;
			}
		return bad;
	}

	static boolean onOutline(byte[] mask, int x, int y) {
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int xx = x + dx, yy = y + dy;
				if (xx >= 0 && yy >= 0 && xx < W && yy < H && mask[xx + yy * W] != mask[x + y * W]) return true;
			}
		return false;
	}

	static int count(byte[] mask) {
		int n = 0;
		for (byte b : mask) if (b == 3) n++;
		return n;
	}

	static double[] centroid(byte[] mask) {
		double sx = 0, sy = 0;
		int n = 0;
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				if (mask[x + y * W] == 3) {
					sx += x;
					sy += y;
					n++;
				}
		return new double[] { sx / n, sy / n };
	}

	@Test
	void flipsMoveImageAndMaskTogetherExactly() {
		byte[][] sq = square(20, 10, 12);
		Augmenter a = new Augmenter(AugmentConfig.parse("hflip=1 vflip=1"));
		Augmenter.Result r = a.apply(sq[0], sq[1], W, H, 1, 1);
		assertTrue(r.draw().hflip() && r.draw().vflip());
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int src = (W - 1 - x) + (H - 1 - y) * W;
				assertEquals(sq[0][src], r.image()[x + y * W]);
				assertEquals(sq[1][src], r.mask()[x + y * W]);
			}
	}

	@Test
	void shiftMovesImageAndMaskByTheSameWholePixels() {
		byte[][] sq = square(70, 25, 12);
		Augmenter a = new Augmenter(AugmentConfig.parse("shift=0.1"));
		Set<String> shifts = new HashSet<>();
		for (int v = 1; v <= 10; v++) {
			Augmenter.Result r = a.apply(sq[0], sq[1], W, H, 7, v);
			shifts.add(r.draw().dx() + "," + r.draw().dy());
			assertTrue(Math.abs(r.draw().dx()) <= 16 && Math.abs(r.draw().dy()) <= 6.4, r.draw().toString());
			for (int i = 0; i < W * H; i++) assertEquals((r.image()[i] & 0xff) == 220, r.mask()[i] == 3, "pixel " + i);
			assertEquals(144, count(r.mask()));
			double[] c = centroid(r.mask());
			assertEquals(75.5 + r.draw().dx(), c[0], 1e-9);
			assertEquals(30.5 + r.draw().dy(), c[1], 1e-9);
		}
		assertTrue(shifts.size() > 5, "the shift must vary between variants: " + shifts);
	}

	@Test
	void zoomScalesImageAndMaskAlike() {
		byte[][] sq = square(60, 20, 20);
		Augmenter a = new Augmenter(AugmentConfig.parse("zoom=0.3"));
		for (int v = 1; v <= 10; v++) {
			Augmenter.Result r = a.apply(sq[0], sq[1], W, H, 3, v);
			assertNotEquals(1.0, r.draw().scale());
			assertEquals(0, disagreementsOffTheOutline(r), r.draw().toString());
			double expected = 400 * r.draw().scale() * r.draw().scale();
			assertEquals(expected, count(r.mask()), 0.25 * expected, r.draw().toString());
			// the square moves away from (or towards) the centre by the zoom factor
			double[] c = centroid(r.mask());
			double cx = (W - 1) / 2.0;
			assertEquals((69.5 - cx) * r.draw().scale() + cx, c[0], 1.0, r.draw().toString());
		}
	}

	@Test
	void everyGeometricOperationTogetherKeepsTheMaskOnTheSquare() {
		byte[][] sq = square(100, 30, 16);
		Augmenter a = new Augmenter(AugmentConfig.parse("hflip vflip shift=0.1 zoom=0.2 contrast=0.1 brightness=0.05"));
		for (int v = 1; v <= 20; v++) {
			Augmenter.Result r = a.apply(sq[0], sq[1], W, H, 11, v);
			assertEquals(0, disagreementsOffTheOutline(r), r.draw().toString());
			assertTrue(count(r.mask()) > 0);
		}
	}

	@Test
	void sameSeedAndVariantSameBytes() {
		byte[][] sq = square(10, 10, 8);
		Augmenter a = new Augmenter(AugmentConfig.parse(AugmentConfig.DEFAULT));
		byte[] before = sq[0].clone();
		Augmenter.Result r1 = a.apply(sq[0], sq[1], W, H, 99, 4);
		Augmenter.Result r2 = new Augmenter(AugmentConfig.parse(AugmentConfig.DEFAULT)).apply(sq[0], sq[1], W, H, 99, 4);
		assertArrayEquals(r1.image(), r2.image());
		assertArrayEquals(r1.mask(), r2.mask());
		assertArrayEquals(before, sq[0], "the input is left as it was");
		assertFalse(Arrays.equals(r1.image(), a.apply(sq[0], sq[1], W, H, 99, 5).image()), "another variant differs");
		assertFalse(Arrays.equals(r1.image(), a.apply(sq[0], sq[1], W, H, 98, 4).image()), "another seed differs");
		long s1 = Augmenter.imageSeed(0, "a.jpg"), s2 = Augmenter.imageSeed(0, "b.jpg");
		assertNotEquals(s1, s2);
		assertEquals(s1, Augmenter.imageSeed(0, "a.jpg"));
	}

	@Test
	void variantZeroIsTheImageItself() {
		byte[][] sq = square(10, 10, 8);
		Augmenter.Result r = new Augmenter(AugmentConfig.parse(AugmentConfig.DEFAULT)).apply(sq[0], sq[1], W, H, 5, 0);
		assertEquals("original", r.draw().toString(), "no operation drawn");
		assertArrayEquals(sq[0], r.image());
		assertArrayEquals(sq[1], r.mask());
	}

	@Test
	void probabilityDecidesHowOftenAnOperationApplies() {
		Augmenter a = new Augmenter(AugmentConfig.parse("hflip=0.3"));
		int flipped = 0;
		for (int v = 1; v <= 2000; v++) if (a.draw(W, H, 0, v).hflip()) flipped++;
		assertEquals(600, flipped, 80);
		Augmenter never = new Augmenter(AugmentConfig.parse("zoom=0.2@0"));
		for (int v = 1; v <= 100; v++) assertEquals(1.0, never.draw(W, H, 0, v).scale());
	}

	@Test
	void photometricChangesLeaveTheMaskAlone() {
		byte[][] sq = square(40, 20, 10);
		byte[] flat = new byte[W * H];
		Arrays.fill(flat, (byte) 128);
		Augmenter bright = new Augmenter(AugmentConfig.parse("brightness=0.2"));
		for (int v = 1; v <= 5; v++) {
			Augmenter.Result r = bright.apply(flat, sq[1], W, H, 2, v);
			assertArrayEquals(sq[1], r.mask());
			int expected = (int) Math.round(128 + r.draw().brightness());
			assertEquals(expected, r.image()[0] & 0xff, 1);
		}
		Augmenter noise = new Augmenter(AugmentConfig.parse("noise=0.04"));
		Augmenter.Result r = noise.apply(flat, sq[1], W, H, 2, 1);
		double sum = 0, sq2 = 0;
		for (byte b : r.image()) {
			double d = (b & 0xff) - 128;
			sum += d;
			sq2 += d * d;
		}
		double mean = sum / flat.length, sd = Math.sqrt(sq2 / flat.length - mean * mean);
		assertEquals(0, mean, 0.3);
		assertEquals(0.04 * 255, sd, 0.5);
		Augmenter contrast = new Augmenter(AugmentConfig.parse("contrast=0.3"));
		r = contrast.apply(sq[0], sq[1], W, H, 4, 1);
		double a = r.draw().contrast();
		double mean0 = (40.0 * (W * H - 100) + 220.0 * 100) / (W * H);
		assertEquals(Math.min(255, mean0 + (220 - mean0) * a), r.image()[45 + 25 * W] & 0xff, 1.0, r.draw().toString());
		assertEquals(Math.max(0, mean0 + (40 - mean0) * a), r.image()[0] & 0xff, 1.0, r.draw().toString());
	}

	@Test
	void worksWithoutMaskAndOnFloats() {
		float[] img = new float[W * H];
		for (int i = 0; i < img.length; i++) img[i] = i % 256;
		Augmenter a = new Augmenter(AugmentConfig.parse("hflip=1"));
		Augmenter.FloatResult r = a.apply(img, null, W, H, 0, 1);
		assertEquals(null, r.mask());
		assertEquals(img[W - 1], r.image()[0]);
	}
	/**
	 * The geometry as a plain loop, straight from its definition: pixel (x, y) of the result reads the
	 * source at p = x - dx (mirrored: w - 1 - (x - dx)), zoomed about the centre, clamped into the image.
	 */
	static float[][] reference(float[] image, byte[] mask, int w, int h, Augmenter.Draw d) {
		float[] out = new float[w * h];
		byte[] outMask = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				double sx = source(x, d.dx(), d.hflip(), w, d.scale()), sy = source(y, d.dy(), d.vflip(), h, d.scale());
				long nx = clamp((long) Math.floor(sx + 0.5), w), ny = clamp((long) Math.floor(sy + 0.5), h);
				outMask[x + y * w] = mask[(int) (nx + ny * w)];
				if (d.scale() == 1) {
					out[x + y * w] = image[(int) (nx + ny * w)];
					continue;
				}
				long x0 = (long) Math.floor(sx), y0 = (long) Math.floor(sy);
				double fx = sx - x0, fy = sy - y0;
				int i0 = (int) clamp(x0, w), i1 = (int) clamp(x0 + 1, w), j0 = (int) clamp(y0, h), j1 = (int) clamp(y0 + 1, h);
				double a = image[i0 + j0 * w], b = image[i1 + j0 * w], c = image[i0 + j1 * w], e = image[i1 + j1 * w];
				out[x + y * w] = (float) ((1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * e));
			}
		float[] m = new float[outMask.length];
		for (int i = 0; i < m.length; i++) m[i] = outMask[i];
		return new float[][] { out, m };
	}

	private static double source(int x, int shift, boolean flip, int size, double scale) {
		long p = flip ? size - 1 - (x - shift) : x - shift;
		double centre = (size - 1) / 2.0;
		return scale == 1 ? p : (p - centre) / scale + centre;
	}

	private static long clamp(long k, int size) {
		return Math.min(Math.max(k, 0), size - 1);
	}

	@Test
	void geometryIsBitIdenticalToThePlainLoop() {
		java.util.Random random = new java.util.Random(12);
		int[][] sizes = { { 160, 64 }, { 97, 41 }, { 1, 1 }, { 2, 3 }, { 1600, 8 } };
		for (int[] size : sizes) {
			int w = size[0], h = size[1];
			float[] image = new float[w * h];
			byte[] mask = new byte[w * h];
			for (int i = 0; i < image.length; i++) {
				image[i] = random.nextInt(256) + (i % 3 == 0 ? random.nextFloat() : 0);
				mask[i] = (byte) random.nextInt(5);
			}
			Augmenter a = new Augmenter(AugmentConfig.parse("hflip vflip shift=0.5 zoom=0.5"));
			for (int v = 0; v < 20; v++) {
				Augmenter.Draw drawn = a.draw(w, h, 3, v);
				boolean h1 = v % 4 == 1, v1 = v % 3 == 1;
				// the drawn geometry, and the same with zoom 1 and with the flips switched
				for (Augmenter.Draw d : new Augmenter.Draw[] { drawn,
					new Augmenter.Draw(drawn.hflip(), drawn.vflip(), drawn.dx(), drawn.dy(), 1, 1, 0, 0, 0),
					new Augmenter.Draw(h1, v1, drawn.dx(), drawn.dy(), v % 5 == 0 ? 0.5 : drawn.scale(), 1, 0, 0, 0) }) {
					Augmenter.Draw geometry = new Augmenter.Draw(d.hflip(), d.vflip(), d.dx(), d.dy(), d.scale(), 1, 0, 0, 0);
					Augmenter.FloatResult r = Augmenter.apply(image, mask, w, h, geometry);
					float[][] expected = reference(image, mask, w, h, geometry);
					String what = w + "x" + h + " " + geometry;
					assertArrayEquals(expected[0], r.image(), what);
					float[] m = new float[r.mask().length];
					for (int i = 0; i < m.length; i++) m[i] = r.mask()[i];
					assertArrayEquals(expected[1], m, what);
				}
			}
		}
	}
}
