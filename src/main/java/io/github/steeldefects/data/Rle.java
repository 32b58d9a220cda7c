package io.github.steeldefects.data;

/**
 * Severstal run-length encoding: space-separated {@code start length} pairs, 1-indexed, with
 * pixels numbered top to bottom, then left to right (column-major). Pixel {@code p0 = start - 1}
 * lies at row {@code p0 % height}, column {@code p0 / height}. Decoding a row-major mask this
 * way round is the classic bug, so masks here are always row-major {@code byte[]} arrays
 * ({@code x + y * width}), the layout of ImageJ's ByteProcessor and ImgLib2's ArrayImgs.
 * <p>
 * Runs must be positive, sorted and non-overlapping, and must stay inside the image; anything
 * else is a {@link RleFormatException} whose message says what is wrong (callers add the file,
 * line and image id).
 */
public final class Rle {

	private Rle() {}

	/** A malformed run-length string; the message says what is wrong with it. */
	public static final class RleFormatException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		RleFormatException(String message) {
			super(message);
		}
	}

	/** Decodes into a new row-major mask holding 1 where the runs are and 0 elsewhere. */
	public static byte[] decode(String rle, int width, int height) {
		byte[] mask = new byte[checkedSize(width, height)];
		decodeInto(rle, mask, width, height, (byte) 1);
		return mask;
	}

	/**
	 * Paints {@code value} into a row-major mask wherever the runs are; other pixels are left as
	 * they are, so several classes can be painted into one label image.
	 *
	 * @return the number of pixels painted
	 */
	public static long decodeInto(String rle, byte[] mask, int width, int height, byte value) {
		long total = (long) width * height;
		if (mask.length != total) throw new IllegalArgumentException("mask has " + mask.length +
			" pixels, not " + width + " x " + height);
		return scan(rle, total, width, height, mask, value);
	}

	/**
	 * Parses and checks the runs; paints them into {@code mask} when it is not null. Every check
	 * happens before a run is painted, and numbers are bounded while they are read, so absurd
	 * input (a length of 10^12) fails at once instead of allocating or looping.
	 */
	private static long scan(String rle, long total, int width, int height, byte[] mask, byte value) {
		if (rle == null) return 0;
		final int n = rle.length();
		int i = 0;
		long previousEnd = 0; // first pixel (0-based) after the previous run
		long painted = 0;
		int pairs = 0;
		while (true) {
			while (i < n && isSpace(rle.charAt(i))) i++;
			if (i >= n) break;
			int startAt = i;
			long start = 0;
			while (i < n && !isSpace(rle.charAt(i))) {
				char c = rle.charAt(i);
				if (c < '0' || c > '9' || start > 1_000_000_000_000L) throw notInteger(rle, startAt);
				start = start * 10 + (c - '0');
				i++;
			}
			while (i < n && isSpace(rle.charAt(i))) i++;
			if (i >= n) throw new RleFormatException("the run-length mask has an odd number of numbers (" +
				(2 * pairs + 1) + "); every run needs a start and a length");
			int lengthAt = i;
			long length = 0;
			while (i < n && !isSpace(rle.charAt(i))) {
				char c = rle.charAt(i);
				if (c < '0' || c > '9' || length > 1_000_000_000_000L) throw notInteger(rle, lengthAt);
				length = length * 10 + (c - '0');
				i++;
			}
			pairs++;
			if (start < 1) throw new RleFormatException("run " + pairs + " starts at pixel " + start +
				"; starts are 1-based, so the first pixel is 1");
			if (length < 1) throw new RleFormatException("run " + pairs + " (start " + start + ") has length " +
				length + "; lengths must be at least 1");
			long p0 = start - 1;
			if (p0 < previousEnd) throw new RleFormatException("run " + pairs + " (start " + start +
				") starts before the end of the previous run; runs must be sorted and must not overlap");
			if (p0 + length > total) throw new RleFormatException("run " + pairs + " (start " + start +
				", length " + length + ") ends past the last pixel of a " + width + " x " + height +
				" image (" + total + " pixels)");
			if (mask != null) paintRun(mask, width, height, p0, length, value);
			previousEnd = p0 + length;
			painted += length;
		}
		return painted;
	}

	private static void paintRun(byte[] mask, int width, int height, long p0, long length, byte value) {
		int col = (int) (p0 / height);
		int row = (int) (p0 % height);
		long left = length;
		while (left > 0) {
			int inColumn = (int) Math.min(left, height - row);
			int idx = row * width + col;
			for (int k = 0; k < inColumn; k++, idx += width)
				mask[idx] = value;
			left -= inColumn;
			row = 0;
			col++;
		}
	}

	/** Encodes the pixels of a row-major mask that are not 0. */
	public static String encode(byte[] mask, int width, int height) {
		return encode(mask, width, height, -1);
	}

	/**
	 * Encodes the pixels of a row-major mask equal to {@code value} (0..255), or, with
	 * {@code value < 0}, all pixels that are not 0. An empty mask gives an empty string.
	 */
	public static String encode(byte[] mask, int width, int height, int value) {
		if (mask.length != (long) width * height) throw new IllegalArgumentException("mask has " + mask.length +
			" pixels, not " + width + " x " + height);
		StringBuilder sb = new StringBuilder();
		long runStart = -1;
		long p = 0;
		for (int col = 0; col < width; col++) {
			int idx = col;
			for (int row = 0; row < height; row++, idx += width, p++) {
				int v = mask[idx] & 0xff;
				boolean on = value < 0 ? v != 0 : v == value;
				if (on) {
					if (runStart < 0) runStart = p;
				}
				else if (runStart >= 0) {
					append(sb, runStart, p - runStart);
					runStart = -1;
				}
			}
		}
		if (runStart >= 0) append(sb, runStart, p - runStart);
		return sb.toString();
	}

	private static void append(StringBuilder sb, long p0, long length) {
		if (sb.length() > 0) sb.append(' ');
		sb.append(p0 + 1).append(' ').append(length);
	}

	/** Number of pixels the runs cover, after full validation. */
	public static long area(String rle, int width, int height) {
		// validation needs the same checks as decoding; decode into a scratch-free counter
		return validate(rle, width, height);
	}

	/** Checks a run-length string without painting anything; returns the pixel count. */
	public static long validate(String rle, int width, int height) {
		return scan(rle, (long) width * height, width, height, null, (byte) 0);
	}

	/**
	 * Checks the syntax and order of a run-length string whose image size is not known (numbers,
	 * pairs, sorted non-overlapping positive runs) and returns the pixel count.
	 */
	public static long pixelCount(String rle) {
		return scan(rle, Long.MAX_VALUE / 2, Integer.MAX_VALUE, Integer.MAX_VALUE, null, (byte) 0);
	}

	private static RleFormatException notInteger(String rle, int at) {
		int end = at;
		while (end < rle.length() && !isSpace(rle.charAt(end))) end++;
		String token = rle.substring(at, Math.min(end, at + 30));
		return new RleFormatException("'" + token + "' is not a positive whole number");
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	private static int checkedSize(int width, int height) {
		if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("image size " + width + " x " + height + " is not usable");
		return width * height;
	}
}
