package io.github.steeldefects.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RealRandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.interpolation.randomaccess.NLinearInterpolatorFactory;
import net.imglib2.interpolation.randomaccess.NearestNeighborInterpolatorFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * The zoom's own sampling against ImgLib2's generic interpolators over the image extended with its
 * border, as far beyond the image as the zoom is defined.
 */
class ZoomViewTest {

	private static final int W = 97, H = 41;

	@Test
	void bilinearZoomMatchesImgLib2sLinearInterpolation() {
		Random random = new Random(5);
		float[] pixels = new float[W * H];
		for (int i = 0; i < pixels.length; i++) pixels[i] = random.nextInt(256);
		ArrayImg<FloatType, FloatArray> img = ArrayImgs.floats(pixels, W, H);
		RandomAccessible<FloatType> extended = Views.extendBorder(img);
		for (double scale : new double[] { 0.83, 0.951, 1.07, 1.3 }) {
			RandomAccess<FloatType> fast = new ZoomView<>(img, true, scale).randomAccess();
			RealRandomAccess<FloatType> generic = Views.interpolate(extended, new NLinearInterpolatorFactory<FloatType>())
				.realRandomAccess();
			double worst = 0;
			// beyond the image as well: a shift reads the zoom there
			for (int y = -H / 2; y < H + H / 2; y++) for (int x = -W / 2; x < W + W / 2; x++) {
				fast.setPosition(new long[] { x, y });
				generic.setPosition(new double[] { (x - (W - 1) / 2.0) / scale + (W - 1) / 2.0,
					(y - (H - 1) / 2.0) / scale + (H - 1) / 2.0 });
				worst = Math.max(worst, Math.abs(fast.get().get() - generic.get().get()));
			}
			assertTrue(worst < 1e-3, "zoom " + scale + ": largest difference " + worst + " grey levels");
		}
	}

	@Test
	void nearestZoomOfAMaskIsIdenticalToImgLib2sNearestNeighbour() {
		Random random = new Random(6);
		byte[] labels = new byte[W * H];
		for (int i = 0; i < labels.length; i++) labels[i] = (byte) random.nextInt(5);
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(labels, W, H);
		RandomAccessible<UnsignedByteType> extended = Views.extendBorder(img);
		// 0.5 and 2 put source positions exactly halfway between pixels, where the rounding rule shows
		for (double scale : new double[] { 0.5, 0.83, 1.07, 2 }) {
			RandomAccess<UnsignedByteType> fast = new ZoomView<>(img, false, scale).randomAccess();
			RealRandomAccess<UnsignedByteType> generic = Views.interpolate(extended,
				new NearestNeighborInterpolatorFactory<UnsignedByteType>()).realRandomAccess();
			for (int y = -H; y < 2 * H; y++) for (int x = -W; x < 2 * W; x++) {
				fast.setPosition(new long[] { x, y });
				generic.setPosition(new double[] { (x - (W - 1) / 2.0) / scale + (W - 1) / 2.0,
					(y - (H - 1) / 2.0) / scale + (H - 1) / 2.0 });
				assertEquals(generic.get().get(), fast.get().get(), "zoom " + scale + " at " + x + "," + y);
			}
		}
	}

	@Test
	void aSampledRegionIsWhatTheViewGivesThere() {
		Random random = new Random(7);
		float[] pixels = new float[W * H];
		byte[] labels = new byte[W * H];
		for (int i = 0; i < pixels.length; i++) {
			pixels[i] = random.nextInt(256) + random.nextFloat();
			labels[i] = (byte) random.nextInt(5);
		}
		// a region reaching past the image on every side, as a shift reads it
		FinalInterval region = new FinalInterval(new long[] { -W / 3, -H / 2 }, new long[] { W + 5, H + H / 3 });
		for (double scale : new double[] { 0.5, 0.83, 1.07, 2 }) {
			same(new ZoomView<>(ArrayImgs.floats(pixels, W, H), true, scale), region, scale);
			same(new ZoomView<>(ArrayImgs.unsignedBytes(labels, W, H), false, scale), region, scale);
		}
	}

	private static <T extends RealType<T> & NativeType<T>> void same(ZoomView<T> zoom, FinalInterval region, double scale) {
		Cursor<T> sampled = Views.flatIterable(zoom.sample(region)).localizingCursor();
		RandomAccess<T> view = zoom.randomAccess();
		while (sampled.hasNext()) {
			T s = sampled.next();
			view.setPosition(sampled);
			assertTrue(s.valueEquals(view.get()), "zoom " + scale + " at " + sampled.getLongPosition(0) + "," +
				sampled.getLongPosition(1));
		}
	}
}
