package io.github.steeldefects.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

/**
 * The four class masks of one image, each run-length mask parsed once when the masks are made
 * (syntax and order checked) and decoded from those runs into ImgLib2 images when asked:
 * {@code ArrayImgs.unsignedBytes} over a row-major {@code byte[]} (x = column, y = row), the
 * layout of ImageJ's ByteProcessor, so either side can wrap the pixels without copying.
 * Immutable; the size is given when decoding, as a table read from a file does not know it.
 *
 * <pre>
 * ImageMasks m = table.row("0002cc93b.jpg").masks();
 * ArrayImg&lt;UnsignedByteType, ByteArray&gt; class1 = m.mask(1, 1600, 256); // 1 = defect
 * </pre>
 */
public final class ImageMasks {

	public static final int CLASSES = SeverstalCsv.CLASSES;

	/** An image without defect. */
	public static final ImageMasks NONE = new ImageMasks(new Rle.Runs[] { Rle.Runs.EMPTY, Rle.Runs.EMPTY,
		Rle.Runs.EMPTY, Rle.Runs.EMPTY });

	private final Rle.Runs[] runs;

	private ImageMasks(Rle.Runs[] runs) {
		this.runs = runs;
	}

	/**
	 * Parses four run-length masks (class 1 first; null or "" = absent).
	 *
	 * @throws Rle.RleFormatException for a malformed mask, naming its class
	 */
	public static ImageMasks of(String... rles) {
		if (rles.length != CLASSES) throw new IllegalArgumentException("need " + CLASSES + " masks, not " + rles.length);
		Rle.Runs[] r = new Rle.Runs[CLASSES];
		for (int c = 0; c < CLASSES; c++) {
			try {
				r[c] = Rle.parse(rles[c]);
			}
			catch (Rle.RleFormatException e) {
				throw new Rle.RleFormatException("class " + (c + 1) + ": " + e.getMessage());
			}
		}
		return new ImageMasks(r);
	}

	/** Masks of runs already parsed (class 1 first). */
	static ImageMasks ofRuns(Rle.Runs[] runs) {
		if (runs.length != CLASSES) throw new IllegalArgumentException("need " + CLASSES + " masks, not " + runs.length);
		Rle.Runs[] r = runs.clone();
		for (int c = 0; c < CLASSES; c++) if (r[c] == null) r[c] = Rle.Runs.EMPTY;
		return new ImageMasks(r);
	}

	/** The run-length mask of class {@code cls} (1..4) as written, "" when absent. */
	public String rle(int cls) {
		return runs[cls - 1].text();
	}

	/** True when class {@code cls} (1..4) is present. */
	public boolean has(int cls) {
		return !runs[cls - 1].isEmpty();
	}

	/** True when any class is present. */
	public boolean any() {
		return IntStream.rangeClosed(1, CLASSES).anyMatch(this::has);
	}

	/** The number of pixels of class {@code cls} (1..4). */
	public long pixels(int cls) {
		return runs[cls - 1].pixels();
	}

	/** Checks that the runs of class {@code cls} lie inside a {@code width x height} image. */
	public void checkFits(int cls, int width, int height) {
		runs[cls - 1].checkFits(width, height);
	}

	/** Class {@code cls} (1..4) decoded: 1 where the defect is, 0 elsewhere (all 0 when absent). */
	public ArrayImg<UnsignedByteType, ByteArray> mask(int cls, int width, int height) {
		byte[] px = new byte[Rle.checkedSize(width, height)];
		runs[cls - 1].paintInto(px, width, height, (byte) 1);
		return ArrayImgs.unsignedBytes(px, width, height);
	}

	/** All classes in one image: 1 where any defect is, 0 elsewhere. */
	public ArrayImg<UnsignedByteType, ByteArray> union(int width, int height) {
		byte[] px = new byte[Rle.checkedSize(width, height)];
		for (Rle.Runs r : runs) r.paintInto(px, width, height, (byte) 1);
		return ArrayImgs.unsignedBytes(px, width, height);
	}

	/**
	 * Paints class {@code cls} (1..4) with {@code value} into a row-major label image of that size,
	 * leaving other pixels as they are; returns the pixels painted.
	 */
	public long paintInto(int cls, byte[] labels, int width, int height, byte value) {
		return runs[cls - 1].paintInto(labels, width, height, value);
	}

	/** The run-length mask of the pixels of a 2D mask that are not 0. */
	public static String encode(RandomAccessibleInterval<? extends IntegerType<?>> mask) {
		return encode(mask, -1);
	}

	/** The run-length mask of the pixels of a 2D mask equal to {@code value} (any not 0 when negative). */
	public static String encode(RandomAccessibleInterval<? extends IntegerType<?>> mask, int value) {
		int[] wh = size(mask);
		return Rle.encode(bytes(mask), wh[0], wh[1], value);
	}

	/**
	 * The masks of a 2D label image: class k where the pixel is k (1..4); other values are
	 * background. Callers that must refuse other values check them first.
	 */
	public static ImageMasks ofLabels(RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		int[] wh = size(labels);
		byte[] px = bytes(labels);
		long[] counts = new long[256];
		for (byte b : px) counts[b & 0xff]++;
		String[] rles = new String[CLASSES];
		for (int c = 1; c <= CLASSES; c++) rles[c - 1] = counts[c] == 0 ? "" : Rle.encode(px, wh[0], wh[1], c);
		return of(rles);
	}

	/** Width and height of a 2D image whose pixels fit one array. */
	public static int[] size(RandomAccessibleInterval<?> img) {
		if (img.numDimensions() != 2) throw new IllegalArgumentException("a mask is 2D, not " + img.numDimensions() + "D");
		long w = img.dimension(0), h = img.dimension(1);
		if (w * h > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("mask too large: " + w + " x " + h);
		return new int[] { (int) w, (int) h };
	}

	/**
	 * The row-major bytes of a 2D image: the array behind an {@code ArrayImgs.unsignedBytes} image
	 * itself (no copy), else a copy, refusing values outside 0..255.
	 */
	public static byte[] bytes(RandomAccessibleInterval<? extends IntegerType<?>> img) {
		int[] wh = size(img);
		if (img instanceof ArrayImg<?, ?> a && a.update(null) instanceof ByteArray array && a.firstElement() instanceof UnsignedByteType)
			return array.getCurrentStorageArray();
		byte[] out = new byte[wh[0] * wh[1]];
		Cursor<? extends IntegerType<?>> c = Views.flatIterable(img).localizingCursor();
		int i = 0;
		while (c.hasNext()) {
			long v = c.next().getIntegerLong();
			if (v < 0 || v > 255) throw new IllegalArgumentException("pixel (x " + (c.getLongPosition(0) - img.min(0)) +
				", y " + (c.getLongPosition(1) - img.min(1)) + ") is " + v + "; a mask holds values 0..255");
			out[i++] = (byte) v;
		}
		return out;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof ImageMasks)) return false;
		for (int c = 1; c <= CLASSES; c++) if (!rle(c).equals(((ImageMasks) o).rle(c))) return false;
		return true;
	}

	@Override
	public int hashCode() {
		return Objects.hash((Object[]) Arrays.stream(runs).map(Rle.Runs::text).toArray());
	}

	/** The four masks, e.g. {@code [1 5, , 41 10, ]}. */
	@Override
	public String toString() {
		return Arrays.toString(Arrays.stream(runs).map(Rle.Runs::text).toArray());
	}
}
