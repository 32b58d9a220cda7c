package io.github.steeldefects.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class RleTest {

	/** 4 wide, 3 high: pixels are numbered down each column first. */
	@Test
	void decodeIsColumnMajorOnARowMajorMask() {
		// run "4 1" is pixel p0 = 3 -> column 1, row 0 -> index 1 + 0 * 4
		byte[] m = Rle.decode("4 1", 4, 3);
		byte[] expected = new byte[12];
		expected[1] = 1;
		assertArrayEquals(expected, m);
		// run "2 3" covers column 0 rows 1, 2 and column 1 row 0
		m = Rle.decode("2 3", 4, 3);
		expected = new byte[12];
		expected[0 + 1 * 4] = 1;
		expected[0 + 2 * 4] = 1;
		expected[1 + 0 * 4] = 1;
		assertArrayEquals(expected, m);
	}

	@Test
	void encodeReadsColumnsTopToBottom() {
		byte[] m = new byte[4 * 3];
		m[3 + 2 * 4] = 1; // last column, last row = pixel 12
		m[2 + 0 * 4] = 1; // column 2, row 0 = pixel 7
		m[2 + 1 * 4] = 1; // column 2, row 1 = pixel 8
		assertEquals("7 2 12 1", Rle.encode(m, 4, 3));
	}

	@Test
	void decodeIntoPaintsValueAndKeepsOtherPixels() {
		byte[] m = new byte[12];
		m[11] = 9;
		assertEquals(2, Rle.decodeInto("1 2", m, 4, 3, (byte) 3));
		assertEquals(3, m[0]);
		assertEquals(3, m[4]);
		assertEquals(9, m[11]);
		assertEquals("1 2", Rle.encode(m, 4, 3, 3));
	}

	@Test
	void encodeOfDecodeGivesTheSameString() {
		Random rnd = new Random(1);
		int w = 37, h = 23;
		for (int k = 0; k < 200; k++) {
			StringBuilder sb = new StringBuilder();
			long p = rnd.nextInt(20);
			while (true) {
				long len = 1 + rnd.nextInt(60);
				if (p + len > (long) w * h) break;
				if (sb.length() > 0) sb.append(' ');
				sb.append(p + 1).append(' ').append(len);
				p += len + 1 + rnd.nextInt(50); // a gap of at least 1 keeps runs maximal
			}
			String s = sb.toString();
			assertEquals(s, Rle.encode(Rle.decode(s, w, h), w, h));
			// the runs parsed once paint the same mask and count its pixels
			byte[] decoded = Rle.decode(s, w, h);
			byte[] painted = new byte[w * h];
			Rle.Runs runs = Rle.parse(s);
			assertEquals(runs.paintInto(painted, w, h, (byte) 1), ones(decoded));
			assertArrayEquals(decoded, painted);
		}
	}

	@Test
	void emptyMaskEncodesToEmptyString() {
		assertEquals("", Rle.encode(new byte[12], 4, 3));
		assertArrayEquals(new byte[12], Rle.decode("", 4, 3));
	}

	private static String error(String rle) {
		return assertThrows(Rle.RleFormatException.class, () -> Rle.decode(rle, 4, 3)).getMessage();
	}

	@Test
	void oddNumberOfTokensFails() {
		assertTrue(error("1 2 5").contains("odd number"));
	}

	@Test
	void nonIntegerFails() {
		assertTrue(error("1 2.5").contains("'2.5' is not a positive whole number"));
		assertTrue(error("1 -2").contains("not a positive whole number"));
	}

	@Test
	void startBelowOneFails() {
		assertTrue(error("0 2").contains("1-based"));
	}

	@Test
	void lengthBelowOneFails() {
		assertTrue(error("1 0").contains("at least 1"));
	}

	@Test
	void runPastTheEndFails() {
		assertTrue(error("11 3").contains("ends past the last pixel"));
	}

	@Test
	void unsortedOrOverlappingRunsFail() {
		assertTrue(error("5 1 1 1").contains("sorted"));
		assertTrue(error("1 3 3 1").contains("must not overlap"));
	}

	@Test
	void absurdLengthsFailWithoutAllocating() {
		byte[] m = new byte[1600 * 256];
		assertThrows(Rle.RleFormatException.class, () -> Rle.decodeInto("1 1000000000000", m, 1600, 256, (byte) 1));
		assertThrows(Rle.RleFormatException.class, () -> Rle.decodeInto("1 99999999999999999999999999", m, 1600, 256, (byte) 1));
		assertThrows(Rle.RleFormatException.class, () -> Rle.parse("1 99999999999999999999999999"));
		assertEquals(0, Rle.parse("").pixels());
	}

	/** The textbook decoder: one pixel at a time, column-major numbering. */
	private static void referenceDecode(String rle, byte[] mask, int w, int h, byte value) {
		String[] t = rle.trim().split("\\s+");
		for (int k = 0; k + 1 < t.length; k += 2) {
			long start = Long.parseLong(t[k]) - 1;
			for (long p = start; p < start + Long.parseLong(t[k + 1]); p++)
				mask[(int) (p % h) * w + (int) (p / h)] = value;
		}
	}

	private static String randomRle(Random rnd, int w, int h) {
		StringBuilder sb = new StringBuilder();
		long p = rnd.nextInt(3 * h);
		while (true) {
			long len = 1 + rnd.nextInt(rnd.nextBoolean() ? 9 : 3 * h);
			if (p + len > (long) w * h) break;
			if (sb.length() > 0) sb.append(' ');
			sb.append(p + 1).append(' ').append(len);
			p += len + 1 + rnd.nextInt(2 * h);
		}
		return sb.toString();
	}

	@Test
	void decodeMatchesThePixelByPixelDefinitionOnEverySize() {
		Random rnd = new Random(7);
		// sizes that are multiples of 8 take the tiled path, the others the plain one
		int[][] sizes = { { 1600, 256 }, { 48, 32 }, { 8, 8 }, { 40, 20 }, { 37, 23 }, { 64, 9 } };
		for (int[] wh : sizes) {
			int w = wh[0], h = wh[1];
			for (int k = 0; k < 30; k++) {
				String rle = randomRle(rnd, w, h);
				byte[] background = new byte[w * h];
				for (int i = 0; i < background.length; i++) {
					int v = rnd.nextInt(256);
					background[i] = (byte) (v == 7 ? 0 : v); // every byte value but the painted one
				}
				byte[] expected = background.clone();
				referenceDecode(rle, expected, w, h, (byte) 7);
				byte[] got = background.clone();
				Rle.decodeInto(rle, got, w, h, (byte) 7);
				assertArrayEquals(expected, got, w + " x " + h + ": " + rle);
				// and back: the pixels equal to 7 are exactly the runs (the background holds no 7)
				assertEquals(rle, Rle.encode(got, w, h, 7), w + " x " + h);
				// on a clean mask, "not 0" selects the runs, whatever their value (here one with the high bit set)
				byte[] clean = new byte[w * h];
				Rle.decodeInto(rle, clean, w, h, (byte) 200);
				assertEquals(rle, Rle.encode(clean, w, h), w + " x " + h);
				assertEquals(rle, Rle.encode(clean, w, h, 200), w + " x " + h);
			}
		}
	}

	@Test
	void adjacentAndLongRunsMatchTheDefinition() {
		// touching runs (valid, though an encoder would merge them), runs across many columns,
		// a run ending on the last pixel
		int[][] sizes = { { 1600, 256 }, { 16, 8 }, { 24, 5 } };
		for (int[] wh : sizes) {
			int w = wh[0], h = wh[1], total = w * h;
			for (String rle : new String[] { "1 3 4 2", "2 " + (3 * h) + " " + (3 * h + 2) + " 1", "1 " + total,
				(total - h - 3) + " " + (h + 4), "5 1 6 1 7 1 " + (2 * h + 1) + " " + (2 * h) })
			{
				byte[] expected = new byte[total];
				referenceDecode(rle, expected, w, h, (byte) 2);
				byte[] got = new byte[total];
				Rle.decodeInto(rle, got, w, h, (byte) 2);
				assertArrayEquals(expected, got, w + " x " + h + ": " + rle);
			}
		}
	}

	@Test
	void aFailedDecodePaintsNothing() {
		byte[] m = new byte[48 * 32];
		assertThrows(Rle.RleFormatException.class, () -> Rle.decodeInto("1 5 3 2", m, 48, 32, (byte) 1));
		assertArrayEquals(new byte[48 * 32], m);
		// and the next decode on this thread starts clean
		assertEquals("10 3", Rle.encode(Rle.decode("10 3", 48, 32), 48, 32));
	}

	private static long ones(byte[] mask) {
		long n = 0;
		for (byte b : mask) if (b != 0) n++;
		return n;
	}
}
