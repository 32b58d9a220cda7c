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
		checkLength(mask, width, height);
		Scratch scratch = SCRATCH.get();
		RunList runs = scratch.runs;
		runs.clear();
		long painted = scan(rle, total, width, height, runs);
		// every run is checked before the first pixel is painted
		paint(mask, width, height, runs.p0, runs.len, runs.n, value, scratch);
		return painted;
	}

	/**
	 * The runs of one mask, parsed once (syntax and order checked) and kept for painting at any
	 * image size they fit: no second pass over the text.
	 */
	public static final class Runs {

		/** No runs: the class is absent. */
		public static final Runs EMPTY = new Runs("", new int[0], new int[0], 0, 0);

		private final String text;
		private final int[] p0, len;
		private final long pixels;
		/** First pixel (0-based) after the last run; past any array when a run does not fit one. */
		private final long end;

		private Runs(String text, int[] p0, int[] len, long pixels, long end) {
			this.text = text;
			this.p0 = p0;
			this.len = len;
			this.pixels = pixels;
			this.end = end;
		}

		/** The text the runs were parsed from. */
		public String text() {
			return text;
		}

		/** The number of runs. */
		public int count() {
			return p0.length;
		}

		public boolean isEmpty() {
			return p0.length == 0 && end == 0;
		}

		/** The number of pixels the runs cover. */
		public long pixels() {
			return pixels;
		}

		/**
		 * Checks that every run lies inside a {@code width x height} image; the exception names the
		 * first run that does not.
		 */
		public void checkFits(int width, int height) {
			if (end > (long) width * height) {
				scan(text, (long) width * height, width, height, null); // throws, naming the run
				throw new RleFormatException("the runs end past the last pixel of a " + width + " x " + height + " image");
			}
		}

		/**
		 * Paints {@code value} wherever the runs are into a row-major mask of that size; other pixels
		 * are left as they are.
		 *
		 * @return the number of pixels painted
		 */
		public long paintInto(byte[] mask, int width, int height, byte value) {
			checkLength(mask, width, height);
			checkFits(width, height);
			paint(mask, width, height, p0, len, p0.length, value, SCRATCH.get());
			return pixels;
		}

		@Override
		public String toString() {
			return text;
		}
	}

	/**
	 * Parses and checks a run-length string whose image size is not known yet (numbers, pairs,
	 * sorted non-overlapping positive runs); {@link Runs#checkFits} checks the size later.
	 */
	public static Runs parse(String rle) {
		if (rle == null || rle.isEmpty()) return Runs.EMPTY;
		RunList runs = new RunList();
		long painted = scan(rle, Long.MAX_VALUE / 2, Integer.MAX_VALUE, Integer.MAX_VALUE, runs);
		if (runs.n == 0 && !runs.overflow) return Runs.EMPTY;
		long end = runs.overflow ? Long.MAX_VALUE : runs.n == 0 ? 0 : (long) runs.p0[runs.n - 1] + runs.len[runs.n - 1];
		return new Runs(rle, java.util.Arrays.copyOf(runs.p0, runs.n), java.util.Arrays.copyOf(runs.len, runs.n), painted, end);
	}

	private static void checkLength(byte[] mask, int width, int height) {
		if (mask.length != (long) width * height) throw new IllegalArgumentException("mask has " + mask.length +
			" pixels, not " + width + " x " + height);
	}

	private static void paint(byte[] mask, int width, int height, int[] p0, int[] len, int n, byte value,
		Scratch scratch)
	{
		if (n == 0) return;
		if (width % 8 == 0) paintBy8Columns(mask, width, height, p0, len, n, value, scratch);
		else
			for (int k = 0; k < n; k++) paintRun(mask, width, height, p0[k], len[k], value);
	}

	/**
	 * Paints runs 8 columns at a time: each column piece of a run toggles its column's byte at its
	 * first and past its last row; a sweep down the rows then keeps the bytes that are on and
	 * writes them with one 64-bit store per row. Writing the pieces column by column instead costs
	 * one store, to a different row, per pixel.
	 */
	private static void paintBy8Columns(byte[] mask, int width, int height, int[] p0, int[] len, int n, byte value,
		Scratch scratch)
	{
		if (scratch.toggles.length < height + 1) scratch.toggles = new long[height + 1];
		long[] toggles = scratch.toggles; // all 0 between groups
		long broadcast = (value & 0xffL) * 0x0101010101010101L;
		int group = -1;
		int minRow = height;
		int maxRow = 0;
		for (int k = 0; k < n; k++) {
			int p = p0[k];
			int left = len[k];
			int col = p / height;
			int row = p - col * height;
			while (left > 0) {
				int piece = Math.min(left, height - row);
				int g = col & ~7;
				if (g != group) {
					if (group >= 0) sweep(mask, width, group, toggles, minRow, maxRow, broadcast);
					group = g;
					minRow = height;
					maxRow = 0;
				}
				long bit = 0xffL << ((col - g) << 3);
				toggles[row] ^= bit;
				toggles[row + piece] ^= bit; // adjacent pieces of one column cancel out here, as they should
				if (row < minRow) minRow = row;
				if (row + piece > maxRow) maxRow = row + piece;
				left -= piece;
				row = 0;
				col++;
			}
		}
		if (group >= 0) sweep(mask, width, group, toggles, minRow, maxRow, broadcast);
	}

	private static void sweep(byte[] mask, int width, int group, long[] toggles, int minRow, int maxRow, long value) {
		long on = 0;
		int at = minRow * width + group;
		for (int y = minRow; y < maxRow; y++, at += width) {
			on ^= toggles[y];
			toggles[y] = 0;
			if (on != 0) {
				long old = (long) LONGS.get(mask, at);
				LONGS.set(mask, at, (old & ~on) | (value & on));
			}
		}
		toggles[maxRow] = 0;
	}

	/** Runs being read: 0-based first pixel and length (both fit an int, as masks are arrays). */
	private static final class RunList {

		int[] p0 = new int[256];
		int[] len = new int[256];
		int n;
		/** A run ends past any array: kept out of the list, so no image fits the mask. */
		boolean overflow;

		void clear() {
			n = 0;
			overflow = false;
		}

		void add(long start, long length) {
			if (start + length > Integer.MAX_VALUE) {
				overflow = true;
				return;
			}
			if (n == p0.length) {
				p0 = java.util.Arrays.copyOf(p0, 2 * n);
				len = java.util.Arrays.copyOf(len, 2 * n);
			}
			p0[n] = (int) start;
			len[n] = (int) length;
			n++;
		}
	}

	/** Per-thread work space, so that decoding and encoding allocate nothing per mask. */
	private static final class Scratch {

		final RunList runs = new RunList();
		/** Per-row toggles of 8 column bytes for painting; all 0 between calls. */
		long[] toggles = new long[0];
		/** Column-major selection for encoding; any content between calls. */
		byte[] columns = new byte[0];
	}

	private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

	private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
		long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

	private static final long LO32 = 0x00000000FFFFFFFFL, HI32 = 0xFFFFFFFF00000000L;
	private static final long LO16 = 0x0000FFFF0000FFFFL, HI16 = 0xFFFF0000FFFF0000L;
	private static final long LO8 = 0x00FF00FF00FF00FFL, HI8 = 0xFF00FF00FF00FF00L;

	/**
	 * Parses and checks the runs; collects them into {@code runs} when it is not null. Numbers are
	 * bounded while they are read, so absurd input (a length of 10^12) fails at once instead of
	 * allocating or looping.
	 */
	private static long scan(String rle, long total, int width, int height, RunList runs) {
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
			for (; i < n; i++) {
				int d = rle.charAt(i) - '0';
				if (d < 0 || d > 9) break;
				start = start * 10 + d;
			}
			// more than 13 digits (past 10^13, far beyond any image) is refused before it can overflow
			if (i - startAt > 13 || i < n && !isSpace(rle.charAt(i))) throw notInteger(rle, startAt);
			while (i < n && isSpace(rle.charAt(i))) i++;
			if (i >= n) throw new RleFormatException("the run-length mask has an odd number of numbers (" +
				(2 * pairs + 1) + "); every run needs a start and a length");
			int lengthAt = i;
			long length = 0;
			for (; i < n; i++) {
				int d = rle.charAt(i) - '0';
				if (d < 0 || d > 9) break;
				length = length * 10 + d;
			}
			if (i - lengthAt > 13 || i < n && !isSpace(rle.charAt(i))) throw notInteger(rle, lengthAt);
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
			if (runs != null) runs.add(p0, length);
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
		checkLength(mask, width, height);
		if (width % 8 == 0 && height % 8 == 0) return encodeTiles(mask, width, height, value);
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

	/**
	 * Encoding for sizes that are multiples of 8: 8 x 8 tiles of the row-major mask are read with
	 * 64-bit loads, turned into 0xff/0x00 selections and transposed into a column-major scratch,
	 * which is then scanned 8 pixels at a time. Reading the mask column by column instead touches
	 * one cache line per pixel.
	 */
	private static String encodeTiles(byte[] mask, int width, int height, int value) {
		int total = width * height;
		Scratch scratch = SCRATCH.get();
		if (scratch.columns.length < total) scratch.columns = new byte[total];
		byte[] col = scratch.columns;
		boolean nonZero = value < 0;
		long target = nonZero ? 0 : (value & 0xffL) * 0x0101010101010101L;
		for (int y = 0; y < height; y += 8) {
			for (int c = 0; c < width; c += 8) {
				int at = y * width + c;
				long r0 = select((long) LONGS.get(mask, at), target, nonZero);
				long r1 = select((long) LONGS.get(mask, at + width), target, nonZero);
				long r2 = select((long) LONGS.get(mask, at + 2 * width), target, nonZero);
				long r3 = select((long) LONGS.get(mask, at + 3 * width), target, nonZero);
				long r4 = select((long) LONGS.get(mask, at + 4 * width), target, nonZero);
				long r5 = select((long) LONGS.get(mask, at + 5 * width), target, nonZero);
				long r6 = select((long) LONGS.get(mask, at + 6 * width), target, nonZero);
				long r7 = select((long) LONGS.get(mask, at + 7 * width), target, nonZero);
				int out = c * height + y;
				if ((r0 | r1 | r2 | r3 | r4 | r5 | r6 | r7) == 0) {
					for (int i = 0; i < 8; i++) LONGS.set(col, out + i * height, 0L);
					continue;
				}
				// 8 x 8 byte transpose: swap 4 x 4 blocks, then 2 x 2 blocks, then single bytes
				long t;
				t = r0; r0 = (t & LO32) | (r4 << 32); r4 = (t >>> 32) | (r4 & HI32);
				t = r1; r1 = (t & LO32) | (r5 << 32); r5 = (t >>> 32) | (r5 & HI32);
				t = r2; r2 = (t & LO32) | (r6 << 32); r6 = (t >>> 32) | (r6 & HI32);
				t = r3; r3 = (t & LO32) | (r7 << 32); r7 = (t >>> 32) | (r7 & HI32);
				t = r0; r0 = (t & LO16) | ((r2 & LO16) << 16); r2 = ((t >>> 16) & LO16) | (r2 & HI16);
				t = r1; r1 = (t & LO16) | ((r3 & LO16) << 16); r3 = ((t >>> 16) & LO16) | (r3 & HI16);
				t = r4; r4 = (t & LO16) | ((r6 & LO16) << 16); r6 = ((t >>> 16) & LO16) | (r6 & HI16);
				t = r5; r5 = (t & LO16) | ((r7 & LO16) << 16); r7 = ((t >>> 16) & LO16) | (r7 & HI16);
				t = r0; r0 = (t & LO8) | ((r1 & LO8) << 8); r1 = ((t >>> 8) & LO8) | (r1 & HI8);
				t = r2; r2 = (t & LO8) | ((r3 & LO8) << 8); r3 = ((t >>> 8) & LO8) | (r3 & HI8);
				t = r4; r4 = (t & LO8) | ((r5 & LO8) << 8); r5 = ((t >>> 8) & LO8) | (r5 & HI8);
				t = r6; r6 = (t & LO8) | ((r7 & LO8) << 8); r7 = ((t >>> 8) & LO8) | (r7 & HI8);
				LONGS.set(col, out, r0);
				LONGS.set(col, out + height, r1);
				LONGS.set(col, out + 2 * height, r2);
				LONGS.set(col, out + 3 * height, r3);
				LONGS.set(col, out + 4 * height, r4);
				LONGS.set(col, out + 5 * height, r5);
				LONGS.set(col, out + 6 * height, r6);
				LONGS.set(col, out + 7 * height, r7);
			}
		}
		StringBuilder sb = new StringBuilder();
		int runStart = -1;
		for (int q = 0; q < total; q += 8) {
			long word = (long) LONGS.get(col, q);
			if (runStart < 0 ? word == 0 : word == -1L) continue;
			for (int b = 0; b < 8; b++) {
				boolean on = ((word >>> (8 * b)) & 0xff) != 0;
				if (on) {
					if (runStart < 0) runStart = q + b;
				}
				else if (runStart >= 0) {
					append(sb, runStart, q + b - runStart);
					runStart = -1;
				}
			}
		}
		if (runStart >= 0) append(sb, runStart, total - runStart);
		return sb.toString();
	}

	/** 0xff in each byte of {@code word} that is selected: equal to the target's, or not 0. */
	private static long select(long word, long target, boolean nonZero) {
		long x = word ^ target;
		// high bit of each byte of t is set exactly where x's byte is not 0 (no carries across bytes)
		long t = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x;
		long zero = (~t & 0x8080808080808080L) >>> 7;
		long zeroBytes = zero * 0xff;
		return nonZero ? ~zeroBytes : zeroBytes;
	}

	private static void append(StringBuilder sb, long p0, long length) {
		if (sb.length() > 0) sb.append(' ');
		sb.append(p0 + 1).append(' ').append(length);
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

	/** {@code width * height}, refused when it is not a usable image size. */
	static int checkedSize(int width, int height) {
		if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8)
			throw new IllegalArgumentException("image size " + width + " x " + height + " is not usable");
		return width * height;
	}
}
