package io.github.steeldefects.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.Truth;

/** The F1 table against counts worked out by hand. */
class EvaluationTest {

	@TempDir
	Path tmp;

	// scores sorted high to low; truth 1 1 0 1 0 1 0 0
	static final float[] P = { 0.9f, 0.8f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f };
	static final int[] T = { 1, 1, 0, 1, 0, 1, 0, 0 };

	static Evaluation.Split split(String name, float[] p, int[] truth, double threshold) {
		Evaluation.Split s = new Evaluation.Split(name, new double[] { threshold });
		for (int i = 0; i < p.length; i++)
			s.add(ClassifiedImage.of("img" + i, new float[] { p[i] }, Thresholds.of(threshold), new Truth(truth[i], null)));
		return s;
	}

	@Test
	void countsAndScoresOverTheWholeSplit() {
		// threshold 0.55: predicted 0.9 0.8 0.6 -> tp 2, fp 1; missed 0.5 and 0.3 -> fn 2; tn 3
		Evaluation.Row r = split("test", P, T, 0.55).rows().get(0);
		assertEquals("test", r.split());
		assertEquals(8, r.images());
		assertEquals(List.of(2L, 1L, 2L, 3L), List.of(r.metrics().tp(), r.metrics().fp(), r.metrics().fn(), r.metrics().tn()));
		assertEquals(2.0 / 3, r.metrics().precision(), 1e-12);
		assertEquals(0.5, r.metrics().recall(), 1e-12);
		assertEquals(4.0 / 7, r.metrics().f1(), 1e-12); // 2PR/(P+R) = (2/3)/(7/6)
		assertEquals(5.0 / 8, r.metrics().accuracy(), 1e-12);
		// positives {.9,.8,.5,.3} beat negatives {.6,.4,.2,.1} in 4+4+3+2 = 13 of 16 pairs
		assertEquals(13.0 / 16, r.auc(), 1e-12);
		assertEquals(List.of("test", "8", "2", "1", "2", "3", "0.666667", "0.5", "0.571429", "0.625", "0.8125", "0.55"),
			r.fields());
	}

	@Test
	void aProbabilityEqualToTheThresholdIsADefect() {
		Evaluation.Row r = split("val", P, T, 0.5).rows().get(0); // 0.5 >= 0.5
		assertEquals(3, r.metrics().tp());
		assertEquals(1, r.metrics().fp());
		assertEquals(1, r.metrics().fn());
		Evaluation.Row above = split("val", P, T, Math.nextUp(0.5f)).rows().get(0);
		assertEquals(2, above.metrics().tp());
	}

	@Test
	void nothingPredictedDefectiveGivesNaNPrecisionAndF1() throws IOException {
		Evaluation.Row r = split("test", P, T, 0.95).rows().get(0);
		assertEquals(List.of(0L, 0L, 4L, 4L), List.of(r.metrics().tp(), r.metrics().fp(), r.metrics().fn(), r.metrics().tn()));
		assertTrue(Double.isNaN(r.metrics().precision()));
		assertEquals(0.0, r.metrics().recall());
		assertTrue(Double.isNaN(r.metrics().f1()));
		StringWriter w = new StringWriter();
		Evaluation.writeCsv(w, List.of(r), null);
		assertEquals(Evaluation.HEADER + "\r\ntest,8,0,0,4,4,NaN,0,NaN,0.5,0.8125,0.95\r\n".replace("\r\n", lineEnd()),
			w.toString().replace("\r\n", lineEnd()).replace("\n", lineEnd()));
		assertTrue(Evaluation.explainUndefined(List.of(r)).contains("precision is NaN: no image was predicted defective"));
	}

	@Test
	void allImagesDefectiveGivesNaNAucAndAllCleanGivesNaNRecall() {
		int[] allDefect = { 1, 1, 1, 1, 1, 1, 1, 1 };
		Evaluation.Row r = split("test", P, allDefect, 0.5).rows().get(0);
		assertEquals(List.of(4L, 0L, 4L, 0L), List.of(r.metrics().tp(), r.metrics().fp(), r.metrics().fn(), r.metrics().tn()));
		assertEquals(1.0, r.metrics().precision());
		assertEquals(0.5, r.metrics().recall());
		assertEquals(2.0 / 3, r.metrics().f1(), 1e-12);
		assertTrue(Double.isNaN(r.auc()));

		Evaluation.Row clean = split("test", P, new int[8], 0.5).rows().get(0);
		assertEquals(List.of(0L, 4L, 0L, 4L), List.of(clean.metrics().tp(), clean.metrics().fp(), clean.metrics().fn(),
			clean.metrics().tn()));
		assertEquals(0.0, clean.metrics().precision());
		assertTrue(Double.isNaN(clean.metrics().recall()));
		assertTrue(Double.isNaN(clean.metrics().f1()));
		String why = Evaluation.explainUndefined(List.of(r, clean));
		assertTrue(why.contains("auc is NaN") && why.contains("recall is NaN: the split holds no defective image"), why);
	}

	@Test
	void fourOutputModelsGetOneRowPerClass() {
		Thresholds t = Thresholds.of(0.5, 0.5, 0.5, 0.5);
		Evaluation.Split s = new Evaluation.Split("test", t.values());
		// image a: class 3 found; b: class 1 missed, class 2 false alarm; c: clean, correctly so
		s.add(ClassifiedImage.of("a", new float[] { 0.1f, 0.2f, 0.9f, 0.1f }, t, new Truth(1, new int[] { 0, 0, 1, 0 })));
		s.add(ClassifiedImage.of("b", new float[] { 0.3f, 0.7f, 0.1f, 0.1f }, t, new Truth(1, new int[] { 1, 0, 0, 0 })));
		s.add(ClassifiedImage.of("c", new float[] { 0.1f, 0.1f, 0.2f, 0.4f }, t, new Truth(0, new int[] { 0, 0, 0, 0 })));
		List<Evaluation.Row> rows = s.rows();
		assertEquals(List.of("test", "test/class_1", "test/class_2", "test/class_3", "test/class_4"),
			rows.stream().map(Evaluation.Row::split).toList());
		// image level: a and b predicted (some class >= 0.5) and defective, c clean and not predicted
		assertEquals(List.of(2L, 0L, 0L, 1L), counts(rows.get(0)));
		assertEquals(List.of(0L, 0L, 1L, 2L), counts(rows.get(1)));
		assertEquals(List.of(0L, 1L, 0L, 2L), counts(rows.get(2)));
		assertEquals(List.of(1L, 0L, 0L, 2L), counts(rows.get(3)));
		assertEquals(List.of(0L, 0L, 0L, 3L), counts(rows.get(4)));
		assertEquals(0.5, rows.get(0).metrics().threshold());
	}

	private static List<Long> counts(Evaluation.Row r) {
		return List.of(r.metrics().tp(), r.metrics().fp(), r.metrics().fn(), r.metrics().tn());
	}

	@Test
	void alignedTextHasOneLinePerRowAndColumnsLinedUp() {
		List<Evaluation.Row> rows = List.of(split("train", P, T, 0.5).rows().get(0), split("test", P, T, 0.95).rows().get(0));
		String[] lines = Evaluation.toText(rows, null).split("\\R");
		assertEquals(3, lines.length);
		assertTrue(lines[0].startsWith("split") && lines[2].startsWith("test "));
		assertEquals(lines[0].length(), lines[1].length());
		assertEquals(lines[1].length(), lines[2].length());
		assertEquals(lines[0].indexOf("threshold") + "threshold".length(), lines[1].length());
	}

	@Test
	void predictionsCsvAgainstTruthCsv() throws IOException {
		Path pred = tmp.resolve("pred.csv"), truth = tmp.resolve("x_test.csv");
		StringBuilder p = new StringBuilder("image_id,probability,prediction\n");
		StringBuilder t = new StringBuilder("image_id,defect\n");
		for (int i = 0; i < P.length; i++) {
			p.append("img").append(i).append(',').append(P[i]).append(',').append(P[i] >= 0.55f ? 1 : 0).append('\n');
			t.append("img").append(i).append(',').append(T[i]).append('\n');
		}
		t.append("unused,1\n"); // a truth row that was not classified: refused unless missing=ignore
		Files.writeString(pred, p);
		Files.writeString(truth, t);
		assertEquals("test", Evaluation.splitName(truth));

		InputException partial = assertThrows(InputException.class, () -> Evaluation.fromCsv("test", pred, truth, "auto", false));
		assertTrue(partial.getMessage().contains("1 of the 9 images") && partial.getMessage().contains("missing=ignore"),
			partial.getMessage());
		Evaluation.Row asWritten = Evaluation.fromCsv("test", pred, truth, "auto", true).rows().get(0);
		assertEquals(List.of(2L, 1L, 2L, 3L), counts(asWritten));
		assertTrue(Double.isNaN(asWritten.metrics().threshold())); // not known from the CSV

		Evaluation.Row rethresholded = Evaluation.fromCsv("test", pred, truth, "0.5", true).rows().get(0);
		assertEquals(List.of(3L, 1L, 1L, 3L), counts(rethresholded));
		assertEquals(0.5, rethresholded.metrics().threshold());
		assertEquals(13.0 / 16, rethresholded.auc(), 1e-12);
	}

	@Test
	void predictionWithoutTruthNamesTheLine() throws IOException {
		Path pred = Files.writeString(tmp.resolve("pred.csv"), "image_id,probability,prediction\na.jpg,0.2,0\nb.jpg,0.7,1\n");
		Path truth = Files.writeString(tmp.resolve("x_val.csv"), "image_id,defect\na.jpg,0\n");
		InputException e = assertThrows(InputException.class, () -> Evaluation.fromCsv("val", pred, truth, "auto", false));
		assertTrue(e.getMessage().contains("pred.csv line 3: image b.jpg is not in"), e.getMessage());
		Path noDefect = Files.writeString(tmp.resolve("t.csv"), "image_id,x\na.jpg,0\n");
		e = assertThrows(InputException.class, () -> Evaluation.fromCsv("val", pred, noDefect, "auto", false));
		assertTrue(e.getMessage().contains("has no column 'defect'"), e.getMessage());
	}

	@Test
	void thresholdOption() {
		assertEquals(0.4, Thresholds.parse("auto", new double[] { 0.4 }, "classify").get(0));
		assertEquals(0.7, Thresholds.parse("0.7", new double[] { 0.4, 0.4 }, "classify").get(1));
		assertEquals(0.2, Thresholds.parse("0.1,0.2", new double[] { 0.4, 0.4 }, "classify").get(1));
		assertThrows(InputException.class, () -> Thresholds.parse("1.5", new double[] { 0.4 }, "classify"));
		InputException e = assertThrows(InputException.class, () -> Thresholds.parse("0.1,0.2", new double[] { 0.4 }, "classify"));
		assertTrue(e.getMessage().contains("the model has 1 output;"), e.getMessage());
		assertFalse(Thresholds.of(0.3f).predicts(0, Math.nextDown(0.3f)));
		assertTrue(Thresholds.of(0.3f).predicts(0, 0.3f));
	}

	private static String lineEnd() {
		return "\n";
	}
}
