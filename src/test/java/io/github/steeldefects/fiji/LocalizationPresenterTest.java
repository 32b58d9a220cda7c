package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.Localization;
import io.github.steeldefects.classify.LocalizationTest;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.model.infer.Heatmap;

/** evaluate masks= in Fiji: pointing and dice as columns of the F1 Results table, and their plot. */
class LocalizationPresenterTest {

	@Test
	void localizationColumnsJoinTheF1TableRowByRow() {
		Evaluation.Split s = new Evaluation.Split("test", new double[] { 0.5 });
		s.add(ClassifiedImage.of("a", new float[] { 0.9f }, Thresholds.of(0.5), new Truth(1, null)));
		s.add(ClassifiedImage.of("b", new float[] { 0.1f }, Thresholds.of(0.5), new Truth(0, null)));
		List<Evaluation.Row> rows = new ArrayList<>(s.rows());
		// image a: 160 x 40, heatmap 8 x 2 peaking on the painted square (cell 2, 0)
		byte[] square = LocalizationTest.squareInCell2();
		float[] v = new float[16];
		Arrays.fill(v, -1f);
		v[2] = 3f;
		Localization.Tally t = new Localization.Tally("test", 1);
		t.add(new Heatmap(1, 2, 8, v), io.github.steeldefects.data.ImageMasks.of(io.github.steeldefects.data.Rle.encode(square, 160, 40), "", "", ""), 160, 40);
		Map<String, Localization.Score> scores = t.scores();

		ResultsTable rt = new ResultsTable();
		EvaluatePresenter.fill(rt, rows);
		EvaluatePresenter.fillLocalization(rt, rows, scores);
		assertEquals(1, rt.size());
		assertEquals(2, rt.getValue("images", 0), "the F1 columns stay");
		assertEquals(1, rt.getValue("localized", 0));
		assertEquals(1.0, rt.getValue("pointing", 0), 1e-12);
		assertEquals(1.0, rt.getValue("dice", 0), 1e-12);

		Plot plot = EvaluatePresenter.localizationPlot(rows, scores);
		assertNotNull(plot.getImagePlus());
		assertTrue(plot.getTitle().contains("localization"));
	}
}
