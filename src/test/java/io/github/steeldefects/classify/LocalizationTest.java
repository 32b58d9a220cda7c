package io.github.steeldefects.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * Pointing and Dice on hand-made heatmaps and masks whose answer is known: an image of 160 x 40
 * pixels, a heatmap of 8 x 2 cells (each cell 20 x 20 pixels), a painted square defect.
 */
public class LocalizationTest {

	static final int W = 160, H = 40, CW = 8, CH = 2;

	/** A square of true defect pixels covering cell (2, 0) exactly: x 40..59, y 0..19. */
	public static byte[] squareInCell2() {
		byte[] m = new byte[W * H];
		for (int y = 0; y < 20; y++) for (int x = 40; x < 60; x++) m[y * W + x] = 1;
		return m;
	}

	/** {@link #squareInCell2} as a run-length mask. */
	static String squareRle() {
		return Rle.encode(squareInCell2(), W, H);
	}

	/** A one-output heatmap: -1 everywhere, {@code peak} at the given cell. */
	static Heatmap peakAt(int cx, int cy, float peak) {
		float[] v = new float[CW * CH];
		java.util.Arrays.fill(v, -1f);
		v[cy * CW + cx] = peak;
		return new Heatmap(1, CH, CW, v);
	}

	@Test
	void peakInsideThePaintedSquarePointsAndMatchesItExactly() {
		Localization.CellCounts truth = Localization.CellCounts.of(squareInCell2(), W, H, CW, CH);
		float[] inside = peakAt(2, 0, 3f).slice(0);
		assertTrue(Localization.hits(inside, truth));
		assertEquals(1.0, Localization.dice(inside, truth), 1e-12); // the only cell above 0 is the square
	}

	@Test
	void peakOutsideThePaintedSquareMissesWithZeroDice() {
		Localization.CellCounts truth = Localization.CellCounts.of(squareInCell2(), W, H, CW, CH);
		float[] outside = peakAt(6, 1, 3f).slice(0);
		assertFalse(Localization.hits(outside, truth));
		assertEquals(0.0, Localization.dice(outside, truth), 1e-12);
	}

	@Test
	void diceCountsPixelsOfTheUpsampledCells() {
		// the square now covers half of cell (2, 0): x 40..49 -> |B| = 200; predicted cells (2,0) and (3,0): |A| = 800
		byte[] m = new byte[W * H];
		for (int y = 0; y < 20; y++) for (int x = 40; x < 50; x++) m[y * W + x] = 1;
		Localization.CellCounts truth = Localization.CellCounts.of(m, W, H, CW, CH);
		float[] v = peakAt(2, 0, 2f).slice(0);
		v[3] = 1f;
		assertEquals(2.0 * 200 / (800 + 200), Localization.dice(v, truth), 1e-12);
		assertTrue(Localization.hits(v, truth));
		// nothing above logit 0 against an empty mask is a perfect (Kaggle) score
		assertEquals(1.0, Localization.dice(peakAt(0, 0, -0.5f).slice(0), Localization.CellCounts.empty(W, H, CW, CH)), 0);
	}

	@Test
	void cellsFollowTheCalibrationWhenTheyDoNotDivideTheImage() {
		// 100 pixels into 3 cells: pixel p is in cell floor(p * 3 / 100): 0..33, 34..66, 67..99
		int[] c = Localization.cellIndex(100, 3);
		assertEquals(0, c[33]);
		assertEquals(1, c[34]);
		assertEquals(1, c[66]);
		assertEquals(2, c[67]);
	}

	@Test
	void tallyScoresOnlyDefectiveImagesAndAveragesPerClass() {
		Localization.Tally one = new Localization.Tally("test", 1);
		one.add(peakAt(2, 0, 3f), ImageMasks.of(squareRle(), "", "", ""), W, H); // hit, dice 1
		one.add(peakAt(6, 1, 3f), ImageMasks.of("", "", squareRle(), ""), W, H); // class 3 is in the union: miss, 0
		one.add(peakAt(6, 1, 3f), ImageMasks.NONE, W, H); // no defect: not scored
		Localization.Score s = one.scores().get("test");
		assertEquals(2, s.localized());
		assertEquals(0.5, s.pointing(), 1e-12);
		assertEquals(0.5, s.dice(), 1e-12);

		// four outputs: class 1 present (its map peaks on it), class 2 absent (its map stays below 0: Dice 1),
		// class 3 absent but its map claims a cell (Dice 0), class 4 absent and quiet (Dice 1)
		float[] v = new float[4 * CW * CH];
		java.util.Arrays.fill(v, -1f);
		v[0 * CW * CH + 2] = 3f;
		v[2 * CW * CH + 5] = 3f;
		Localization.Tally four = new Localization.Tally("val", 4);
		four.add(new Heatmap(4, CH, CW, v), ImageMasks.of(squareRle(), "", "", ""), W, H);
		Map<String, Localization.Score> rows = four.scores();
		assertEquals(java.util.List.of("val", "val/class_1", "val/class_2", "val/class_3", "val/class_4"), java.util.List.copyOf(rows.keySet()));
		assertEquals(1, rows.get("val").localized());
		assertEquals(1.0, rows.get("val").pointing(), 1e-12);
		assertEquals((1 + 1 + 0 + 1) / 4.0, rows.get("val").dice(), 1e-12); // Kaggle: every class of the image
		assertEquals(1.0, rows.get("val/class_1").dice(), 1e-12);
		assertEquals(0, rows.get("val/class_2").localized());
		assertTrue(Double.isNaN(rows.get("val/class_2").pointing()), "no image has class 2: NaN, not 0");
		assertEquals(java.util.List.of("0", "NaN", "NaN"), rows.get("val/class_3").fields());
	}
}
