package io.github.steeldefects.masks;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import io.github.steeldefects.data.ImageMasks;

/**
 * Label images as ImgLib2 images: 2D {@code UnsignedByteType} (x = column, y = row, 0 background,
 * k = class k) over the same row-major {@code byte[]} that the PNGs and ImageJ's ByteProcessor
 * hold, wrapped without copying. The label PNGs are written from and encoded through these.
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

	/**
	 * The label image of an image's four class masks (k = class k); a {@link LabelMasks.LabelException}
	 * when two classes cover the same pixel, which a label image cannot hold.
	 */
	public static ArrayImg<UnsignedByteType, ByteArray> labels(ImageMasks masks, int width, int height) {
		return wrap(LabelMasks.paint(masks, width, height), width, height);
	}

	/**
	 * The four class masks of a 2D label image; a {@link LabelMasks.LabelException} for a value
	 * that is neither background nor a class (0..4).
	 */
	public static ImageMasks encodeLabels(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		byte[] px;
		try {
			px = ImageMasks.bytes(labels);
		}
		catch (IllegalArgumentException e) {
			throw new LabelMasks.LabelException(e.getMessage());
		}
		int[] wh = ImageMasks.size(labels);
		return LabelMasks.encode(px, wh[0], wh[1]);
	}
}
