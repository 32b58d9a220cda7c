package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Plot;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.Classification;
import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.Progress;
import io.github.steeldefects.model.infer.Classifier;

/** The Fiji face of classify and evaluate: slices in, labels on slices, Results tables, the threshold plot. */
class ClassifyPresenterTest {

	@TempDir
	Path tmp;

	@Test
	@Tag("tensorflow")
	void eachSliceIsClassifiedAndLabelledOnItsOwnPosition() throws Exception {
		// bright slices score sigmoid(+4) = 0.98, dark ones sigmoid(-4) = 0.02
		Path model = TestModels.tinySavedModel(tmp.resolve("tiny"), new long[] { -1, 8, 8, 3 }, new float[] { 8 });
		ImageStack stack = new ImageStack(40, 30);
		ByteProcessor white = new ByteProcessor(40, 30);
		white.setValue(255);
		white.fill();
		stack.addSlice("bright", white);
		stack.addSlice(null, new ByteProcessor(40, 30));
		ColorProcessor colour = new ColorProcessor(40, 30);
		colour.setColor(java.awt.Color.WHITE);
		colour.fill();
		stack.addSlice("colour", colour.convertToByteProcessor());
		ImagePlus imp = new ImagePlus("strip", stack);

		List<ClassifiedImage> rows = new ArrayList<>();
		try (Classifier c = Classification.openModel(model, "unit", "cpu", "auto", 2, System.err::println)) {
			Classification.run(c, Classification.Input.of(OpenImageSource.slices(imp), "strip"), Thresholds.of(0.5), null, rows::add,
				null, Progress.NONE, 16);
		}
		assertEquals(List.of("bright", "strip#2", "colour"), rows.stream().map(ClassifiedImage::imageId).toList());
		assertEquals(List.of(true, false, true), rows.stream().map(ClassifiedImage::prediction).toList());

		ClassifyPresenter.label(imp, rows, null);
		ClassifyPresenter.label(imp, rows, null); // a second run replaces the labels
		Overlay overlay = imp.getOverlay();
		assertEquals(3, overlay.size());
		for (int s = 0; s < 3; s++) {
			TextRoi roi = (TextRoi) overlay.get(s);
			assertEquals(s + 1, roi.getPosition());
			boolean defect = s != 1;
			assertTrue(roi.getText().startsWith(defect ? "DEFECT 0.98" : "ok 0.02"), roi.getText());
			assertEquals(defect ? ClassifyPresenter.DEFECT : ClassifyPresenter.OK, roi.getStrokeColor());
		}

		ResultsTable rt = new ResultsTable();
		ClassifyPresenter.fill(rt, rows, 1, false);
		assertEquals(3, rt.size());
		assertEquals("strip#2", rt.getStringValue("image_id", 1));
		assertEquals(0, rt.getValue("prediction", 1));
		assertEquals(rows.get(0).probability(), rt.getValue("probability", 0), 1e-6);
	}

	@Test
	void evaluationTablesAndPlot() {
		Evaluation.Split s = new Evaluation.Split("val", new double[] { 0.5 });
		float[] p = { 0.9f, 0.8f, 0.6f, 0.2f };
		int[] t = { 1, 0, 1, 0 };
		for (int i = 0; i < p.length; i++)
			s.add(ClassifiedImage.of("i" + i, new float[] { p[i] }, Thresholds.of(0.5), new Truth(t[i], null)));
		Evaluation.Split clean = new Evaluation.Split("test", new double[] { 0.5 });
		clean.add(ClassifiedImage.of("c", new float[] { 0.1f }, Thresholds.of(0.5), new Truth(0, null)));
		List<Evaluation.Row> rows = new ArrayList<>(s.rows());
		rows.addAll(clean.rows());

		ResultsTable rt = new ResultsTable();
		EvaluatePresenter.fill(rt, rows);
		assertEquals(2, rt.size());
		assertEquals("val", rt.getStringValue("split", 0));
		assertEquals(2, rt.getValue("tp", 0));
		assertEquals(1, rt.getValue("fp", 0));
		assertTrue(Double.isNaN(rt.getValue("precision", 1)), "no predicted defect: NaN, not 0");

		ResultsTable confusion = EvaluatePresenter.confusion(rows.get(0));
		assertEquals(2, confusion.getValue("predicted defect", 0)); // truth defect: tp
		assertEquals(1, confusion.getValue("predicted defect", 1)); // truth ok: fp
		assertEquals(1, confusion.getValue("predicted ok", 1)); // tn

		Plot plot = EvaluatePresenter.plot(s);
		assertNotNull(plot.getImagePlus());
	}
}
