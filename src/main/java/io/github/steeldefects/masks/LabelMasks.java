package io.github.steeldefects.masks;

import java.util.Arrays;
import java.util.stream.IntStream;

import io.github.steeldefects.data.ImageMasks;

/**
 * Label masks: one row-major {@code byte[]} per image ({@code x + y * width}), 0 = background,
 * k = defect class k (1..4). The layout of ImageJ's ByteProcessor and of
 * {@code ArrayImgs.unsignedBytes(byte[], w, h)}, so either can wrap it without copying.
 */
public final class LabelMasks {

	public static final int CLASSES = 4;

	private LabelMasks() {}

	/** A pixel painted by two classes, or a label outside 0..4. */
	public static final class LabelException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		public LabelException(String message) {
			super(message);
		}
	}

	/**
	 * Paints an image's four class masks into a new label mask. Fails when two classes cover the
	 * same pixel: a label mask cannot hold both.
	 */
	public static byte[] paint(ImageMasks masks, int width, int height) {
		byte[] labels = new byte[Math.multiplyExact(width, height)];
		long painted = 0;
		for (int c = 1; c <= CLASSES; c++)
			painted += masks.paintInto(c, labels, width, height, (byte) c);
		if (painted > 0) {
			long[] counts = histogram(labels);
			long labelled = Arrays.stream(counts, 1, CLASSES + 1).sum();
			if (labelled != painted) {
				// find the classes that overlap, to say which
				StringBuilder which = new StringBuilder();
				for (int c = 1; c <= CLASSES; c++) {
					long area = masks.pixels(c);
					if (area != counts[c]) which.append(which.length() == 0 ? "" : ", ").append(c);
				}
				throw new LabelException("classes overlap (class " + which + " pixels are also painted by a later class)");
			}
		}
		return labels;
	}

	/** The four class masks of a label mask; fails on labels above 4. */
	public static ImageMasks encode(byte[] labels, int width, int height) {
		if (labels.length != (long) width * height) throw new IllegalArgumentException("mask has " + labels.length +
			" pixels, not " + width + " x " + height);
		long[] counts = histogram(labels);
		for (int v = CLASSES + 1; v < 256; v++) {
			if (counts[v] > 0) {
				int value = v;
				int at = IntStream.range(0, labels.length).filter(i -> (labels[i] & 0xff) == value).findFirst().getAsInt();
				throw new LabelException("pixel (x " + (at % width) + ", y " + (at / width) + ") has label " + v +
					"; labels must be 0 (background) or a class 1..4");
			}
		}
		return ImageMasks.ofLabels(MaskImgs.wrap(labels, width, height));
	}

	/** Pixel counts per label value 0..255. */
	public static long[] histogram(byte[] labels) {
		long[] h = new long[256];
		for (byte b : labels) h[b & 0xff]++;
		return h;
	}
}
