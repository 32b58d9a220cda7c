package io.github.steeldefects.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;

/** generate difficulty=hard: the same plan and masks as the default set, fainter defects on an uneven strip. */
class HardSyntheticTest {

	@Test
	void sameMasksFainterDefects() {
		SyntheticDataset easy = new SyntheticDataset(5, 10, 800, 128);
		SyntheticDataset hard = new SyntheticDataset(5, 10, 800, 128, SyntheticDataset.Difficulty.HARD);
		double[] easyContrast = new double[5], hardContrast = new double[5];
		long[] pixels = new long[5];
		for (int i = 0; i < easy.size(); i++) {
			assertEquals(easy.imageId(i), hard.imageId(i));
			assertArrayEquals(easy.classes(i), hard.classes(i));
			SyntheticImage e = easy.image(i), h = hard.image(i);
			assertArrayEquals(e.labels(), h.labels(), "same masks");
			assertFalse(Arrays.equals(e.gray(), h.gray()), "other pixels");
			assertArrayEquals(h.gray(), hard.image(i).gray(), "same seed, same image");
			byte[] eb = easy.imageWithoutDefects(i).gray(), hb = hard.imageWithoutDefects(i).gray();
			for (int p = 0; p < e.labels().length; p++) {
				int c = e.labels()[p];
				if (c == 0) continue;
				easyContrast[c] += Math.abs((e.gray()[p] & 0xFF) - (eb[p] & 0xFF));
				hardContrast[c] += Math.abs((h.gray()[p] & 0xFF) - (hb[p] & 0xFF));
				pixels[c]++;
			}
		}
		for (int c = 1; c <= 4; c++) {
			if (pixels[c] == 0) continue;
			double ec = easyContrast[c] / pixels[c], hc = hardContrast[c] / pixels[c];
			assertTrue(hc < ec / 2 && hc < 40, "class " + c + ": mean change on the mask " + hc + " (hard) vs " + ec + " (default)");
		}
		assertTrue(pixels[3] > 0 && pixels[1] > 0, "the plan has pits and patches");
	}

	@Test
	void difficultyIsParsedOrNamed() {
		assertEquals(SyntheticDataset.Difficulty.HARD, SyntheticDataset.Difficulty.parse(" Hard "));
		InputException e = assertThrows(InputException.class, () -> SyntheticDataset.Difficulty.parse("brutal"));
		assertTrue(e.getMessage().contains("brutal"), e.getMessage());
	}
}
