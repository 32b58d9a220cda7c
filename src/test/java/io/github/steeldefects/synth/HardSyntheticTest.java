package io.github.steeldefects.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;

/**
 * generate difficulty=hard: the same plan and places as the default set, pits and scratches wider, every defect a
 * change of texture at the strip's own local mean and deviation, on an uneven strip; the default set unchanged.
 */
class HardSyntheticTest {

	@Test
	void samePlanAndPlacesWiderThinDefects() {
		SyntheticDataset easy = new SyntheticDataset(5, 10, 800, 128);
		SyntheticDataset hard = new SyntheticDataset(5, 10, 800, 128, SyntheticDataset.Difficulty.HARD);
		long[] easyArea = new long[5], hardArea = new long[5];
		for (int i = 0; i < easy.size(); i++) {
			assertEquals(easy.imageId(i), hard.imageId(i));
			assertArrayEquals(easy.classes(i), hard.classes(i));
			SyntheticImage e = easy.image(i), h = hard.image(i);
			assertArrayEquals(easy.classes(i), h.classes(), "every planned class painted");
			assertFalse(Arrays.equals(e.gray(), h.gray()), "other pixels");
			assertArrayEquals(h.gray(), hard.image(i).gray(), "same seed, same image");
			byte[] el = e.labels(), hl = h.labels();
			for (int p = 0; p < el.length; p++) {
				easyArea[el[p]]++;
				hardArea[hl[p]]++;
				if (el[p] != 0) assertTrue(hl[p] != 0, "a default defect pixel is a defect pixel in the hard set too");
				if (hl[p] >= 3) assertEquals(el[p], hl[p], "patches and blotches keep their default masks");
			}
		}
		assertTrue(hardArea[1] > 2 * easyArea[1] && easyArea[1] > 0, "pits wider: " + hardArea[1] + " vs " + easyArea[1]);
		assertTrue(hardArea[3] > 0, "the plan has patches");
	}

	/**
	 * What makes the set hard for block statistics: in each 32 x 32 block that is mostly defect, the mean and the
	 * standard deviation are nearly those of the same block without the defect (the default set changes them a lot).
	 */
	@Test
	void defectsKeepTheBlockMeanAndDeviation() {
		double[] easy = blockChange(SyntheticDataset.Difficulty.DEFAULT), hard = blockChange(SyntheticDataset.Difficulty.HARD);
		assertTrue(hard[2] >= 100 && easy[2] >= 100, "blocks compared: " + hard[2] + ", " + easy[2]);
		assertTrue(hard[0] < 2.5 && hard[1] < 0.2,
			"hard: block mean moved " + hard[0] + " grey levels, deviation by a factor of 1 +- " + hard[1]);
		assertTrue(easy[0] > 10 && easy[1] > 0.5,
			"default: block mean moved " + easy[0] + " grey levels, deviation by a factor of 1 +- " + easy[1]);
	}

	/** Mean |block mean change| and mean |deviation ratio - 1| over blocks at least a tenth defect, and their count. */
	private static double[] blockChange(SyntheticDataset.Difficulty difficulty) {
		SyntheticDataset d = new SyntheticDataset(11, 24, 1600, 256, difficulty);
		double dm = 0, ds = 0;
		int n = 0;
		for (int i = 0; i < d.size(); i++) {
			SyntheticImage im = d.image(i);
			if (im.classes().length == 0) continue;
			byte[] g = im.gray(), f = d.imageWithoutDefects(i).gray(), l = im.labels();
			for (int by = 0; by < 256 / 32; by++) {
				for (int bx = 0; bx < 1600 / 32; bx++) {
					int defect = 0;
					double s1 = 0, q1 = 0, s2 = 0, q2 = 0;
					for (int y = by * 32; y < by * 32 + 32; y++) {
						for (int x = bx * 32; x < bx * 32 + 32; x++) {
							int p = y * 1600 + x;
							if (l[p] != 0) defect++;
							double u = g[p] & 0xFF, v = f[p] & 0xFF;
							s1 += u;
							q1 += u * u;
							s2 += v;
							q2 += v * v;
						}
					}
					if (defect < 1024 / 10) continue;
					double m1 = s1 / 1024, m2 = s2 / 1024;
					dm += Math.abs(m1 - m2);
					ds += Math.abs(Math.sqrt(q1 / 1024 - m1 * m1) / Math.sqrt(q2 / 1024 - m2 * m2) - 1);
					n++;
				}
			}
		}
		return new double[] { dm / n, ds / n, n };
	}

	/** The default set is the one committed as sample data and relied on by tests: checksums taken before the hard set changed. */
	@Test
	void defaultSetUnchanged() {
		SyntheticDataset d = new SyntheticDataset(11, 800, 1600, 256);
		assertEquals(0x75ae4ea5L, crc(d.image(3).gray()), d.image(3).toString());
		assertEquals(0xc0ef2831L, crc(d.image(3).labels()));
		assertEquals(0xf648c00bL, crc(d.image(7).gray()), d.image(7).toString());
		assertEquals(0x0ed578d5L, crc(d.image(7).labels()));
		assertEquals(0xcafa0953L, crc(new SyntheticDataset(5, 10, 800, 128).image(0).gray()));
	}

	private static long crc(byte[] b) {
		CRC32 c = new CRC32();
		c.update(b);
		return c.getValue();
	}

	@Test
	void difficultyIsParsedOrNamed() {
		assertEquals(SyntheticDataset.Difficulty.HARD, SyntheticDataset.Difficulty.parse(" Hard "));
		InputException e = assertThrows(InputException.class, () -> SyntheticDataset.Difficulty.parse("brutal"));
		assertTrue(e.getMessage().contains("brutal"), e.getMessage());
	}
}
