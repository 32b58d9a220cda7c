package io.github.steeldefects.masks;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import io.github.steeldefects.data.Rle;

/**
 * ImgLib2 views of run-length masks: 2D {@code UnsignedByteType} images (x = column, y = row)
 * backed by the same row-major {@code byte[]} the codec works on, wrapped without copying.
 */
public final class MaskImgs {

	private MaskImgs() {}

	/** Wraps a row-major mask without copying: writes to the image go to the array. */
	public static ArrayImg<UnsignedByteType, ByteArray> wrap(byte[] mask, int width, int height) {
		if (mask.length != (long) width * height) throw new IllegalArgumentException("mask has " + mask.length +
			" pixels, not " + width + " x " + height);
		return ArrayImgs.unsignedBytes(mask, width, height);
	}

	/** The array behind an image made by {@link #wrap} or {@code ArrayImgs.unsignedBytes}. */
	public static byte[] array(ArrayImg<UnsignedByteType, ByteArray> img) {
		return img.update(null).getCurrentStorageArray();
	}

	/** Decodes one run-length mask: 1 where the runs are, 0 elsewhere. */
	public static ArrayImg<UnsignedByteType, ByteArray> decode(String rle, int width, int height) {
		return wrap(Rle.decode(rle, width, height), width, height);
	}

	/** Decodes four run-length masks into one label image (k = class k). */
	public static ArrayImg<UnsignedByteType, ByteArray> labels(String[] rles, int width, int height) {
		return wrap(LabelMasks.paint(rles, width, height), width, height);
	}

	/** Encodes the pixels that are not 0 of a 2D mask. */
	public static String encode(RandomAccessibleInterval<? extends IntegerType<?>> mask) {
		int[] wh = size(mask);
		return Rle.encode(toBytes(mask), wh[0], wh[1], -1);
	}

	/** Encodes the pixels equal to {@code value} of a 2D mask. */
	public static String encode(RandomAccessibleInterval<? extends IntegerType<?>> mask, int value) {
		int[] wh = size(mask);
		return Rle.encode(toBytes(mask), wh[0], wh[1], value);
	}

	/** The four run-length masks of a 2D label image (index 0 = class 1). */
	public static String[] encodeLabels(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		int[] wh = size(labels);
		return LabelMasks.encode(toBytes(labels), wh[0], wh[1]);
	}

	private static int[] size(RandomAccessibleInterval<?> img) {
		if (img.numDimensions() != 2) throw new IllegalArgumentException("a mask is 2D, not " + img.numDimensions() + "D");
		long w = img.dimension(0);
		long h = img.dimension(1);
		if (w * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("mask too large: " + w + " x " + h);
		return new int[] { (int) w, (int) h };
	}

	/** The row-major bytes of a 2D image: the backing array itself where there is one, else a copy. */
	@SuppressWarnings("unchecked")
	static byte[] toBytes(RandomAccessibleInterval<? extends IntegerType<?>> img) {
		int[] wh = size(img);
		if (img instanceof ArrayImg && img.min(0) == 0 && img.min(1) == 0 &&
			((ArrayImg<?, ?>) img).update(null) instanceof ByteArray &&
			Views.iterable(img).firstElement() instanceof UnsignedByteType)
			return ((ArrayImg<UnsignedByteType, ByteArray>) img).update(null).getCurrentStorageArray();
		byte[] out = new byte[wh[0] * wh[1]];
		Cursor<? extends IntegerType<?>> c = Views.flatIterable(img).localizingCursor();
		int i = 0;
		while (c.hasNext()) {
			long v = c.next().getIntegerLong();
			if (v < 0 || v > 255) throw new LabelMasks.LabelException("pixel (x " + c.getLongPosition(0) + ", y " +
				c.getLongPosition(1) + ") is " + v + "; a mask holds values 0..255");
			out[i++] = (byte) v;
		}
		return out;
	}
}
