package io.github.steeldefects.classify;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.metrics.BinaryMetrics;

/**
 * The F1 results table: one row per split with {@value #HEADER}, from confusion counts over the
 * whole split at once (F1 = 2 P R / (P + R) of those counts; not the batch-averaged metric of the
 * reference notebook).
 * <p>
 * Rows: for each split, the image-level row {@code split} (defect / no defect), then for a model
 * with several outputs and labels with {@code defect_1..defect_4} one row per class named
 * {@code split/class_k} (k = 1..4, the Severstal ClassId). At image level a model with several
 * outputs calls an image defective when any class probability reaches its threshold, and ranks
 * images by their largest class probability for the AUC; its {@code threshold} cell holds the
 * common threshold of the classes, or NaN when they differ (the class rows give each).
 * <p>
 * Undefined scores are written {@code NaN}, never 0:
 * <ul>
 * <li>precision = tp / (tp + fp): NaN when no image is predicted defective (all-negative predictions);</li>
 * <li>recall = tp / (tp + fn): NaN when the split holds no defective image;</li>
 * <li>f1: NaN when precision or recall is NaN, or both are 0;</li>
 * <li>auc (ROC, ties count one half): NaN unless the split holds both defective and clean images;</li>
 * <li>threshold: NaN when the decisions were read from a predictions CSV's prediction column
 *     rather than made here, or when classes differ (see above).</li>
 * </ul>
 */
public final class Evaluation {

	public static final String HEADER = "split,images,tp,fp,fn,tn,precision,recall,f1,accuracy,auc,threshold";

	/** One row of the table. */
	public record Row(String split, BinaryMetrics metrics, double auc) {

		public long images() {
			return metrics.count();
		}

		public List<String> fields() {
			BinaryMetrics m = metrics;
			return List.of(split, Long.toString(m.count()), Long.toString(m.tp()), Long.toString(m.fp()),
				Long.toString(m.fn()), Long.toString(m.tn()), Thresholds.format(m.precision()),
				Thresholds.format(m.recall()), Thresholds.format(m.f1()), Thresholds.format(m.accuracy()),
				Thresholds.format(auc), Thresholds.exact(m.threshold()));
		}
	}

	/**
	 * The scores and decisions of one split, kept for the table and the threshold plot: image-level
	 * score and truth, per-output probabilities and per-class truth (null when unknown).
	 */
	public static final class Split {

		final String name;
		final List<ClassifiedImage> images = new ArrayList<>();
		double[] thresholds; // null: decisions given, not made here
		int outputs = -1;

		public Split(String name, double[] thresholds) {
			this.name = name;
			this.thresholds = thresholds == null ? null : thresholds.clone();
		}

		public String name() {
			return name;
		}

		public int size() {
			return images.size();
		}

		/** Adds one classified image; its truth must be known. */
		public void add(ClassifiedImage c) {
			if (outputs < 0) outputs = c.probabilities().length;
			images.add(c);
		}

		/** Image-level score: the only output or the largest class probability. */
		public float[] scores() {
			float[] s = new float[size()];
			for (int i = 0; i < s.length; i++) s[i] = images.get(i).probability();
			return s;
		}

		/** Image-level truth. */
		public boolean[] defects() {
			boolean[] d = new boolean[size()];
			for (int i = 0; i < d.length; i++) d[i] = images.get(i).truth().defect() == 1;
			return d;
		}

		/** The threshold of the image-level decision: common threshold of all outputs, NaN if none. */
		public double threshold() {
			if (thresholds == null || thresholds.length == 0) return Double.NaN;
			return Arrays.stream(thresholds).allMatch(t -> t == thresholds[0]) ? thresholds[0] : Double.NaN;
		}

		/** The table rows of this split: image level, then per class where known. */
		public List<Row> rows() {
			List<Row> rows = new ArrayList<>();
			int n = size();
			boolean[] truthDefect = defects(), predicted = new boolean[n];
			for (int i = 0; i < n; i++) predicted[i] = images.get(i).prediction();
			rows.add(new Row(name, BinaryMetrics.fromDecisions(threshold(), predicted, truthDefect),
				n == 0 ? Double.NaN : BinaryMetrics.rocAuc(scores(), truthDefect)));
			boolean classTruth = n > 0 && outputs > 1;
			for (ClassifiedImage c : images) classTruth &= c.truth().knowsClasses() && c.truth().classes().length == outputs;
			if (classTruth) {
				for (int k = 0; k < outputs; k++) {
					float[] p = new float[n];
					boolean[] truthK = new boolean[n], predictedK = new boolean[n];
					for (int i = 0; i < n; i++) {
						p[i] = images.get(i).probabilities()[k];
						truthK[i] = images.get(i).truth().classes()[k] == 1;
						predictedK[i] = images.get(i).predictions()[k];
					}
					double t = thresholds == null ? Double.NaN : thresholds[k];
					rows.add(new Row(name + "/class_" + (k + 1), BinaryMetrics.fromDecisions(t, predictedK, truthK),
						BinaryMetrics.rocAuc(p, truthK)));
				}
			}
			return rows;
		}

		/** Precision, recall and F1 of the image-level decision at thresholds 0.01..0.99 (for the plot). */
		public List<BinaryMetrics> curve() {
			float[] s = scores();
			boolean[] d = defects();
			double[] ts = BinaryMetrics.percentThresholds();
			List<BinaryMetrics> out = new ArrayList<>(ts.length);
			// single precision, as the decisions of classify
			boolean[] predicted = new boolean[s.length];
			for (double t : ts) {
				float ft = (float) t;
				for (int i = 0; i < s.length; i++) predicted[i] = s[i] >= ft;
				out.add(BinaryMetrics.fromDecisions(t, predicted, d));
			}
			return out;
		}
	}

	private Evaluation() {}

	/**
	 * Writes the table as CSV, with the localization columns ({@value Localization#HEADER}) appended
	 * when {@code localization} is not null (rows it has no score for get empty cells).
	 */
	public static void writeCsv(Writer w, List<Row> rows, Map<String, Localization.Score> localization) throws IOException {
		for (List<String> line : lines(rows, localization)) Csv.writeRow(w, line);
	}

	private static List<List<String>> lines(List<Row> rows, Map<String, Localization.Score> localization) {
		List<List<String>> cells = new ArrayList<>();
		List<String> header = new ArrayList<>(List.of(HEADER.split(",")));
		if (localization != null) header.addAll(List.of(Localization.HEADER.split(",")));
		cells.add(header);
		for (Row r : rows) {
			List<String> f = new ArrayList<>(r.fields());
			if (localization != null) f.addAll(Localization.cells(localization, r.split()));
			cells.add(f);
		}
		return cells;
	}

	/**
	 * The table as aligned text (split left-aligned, numbers right-aligned), with the localization
	 * columns when {@code localization} is not null.
	 */
	public static String toText(List<Row> rows, Map<String, Localization.Score> localization) {
		List<List<String>> cells = lines(rows, localization);
		int cols = cells.get(0).size();
		int[] width = new int[cols];
		for (List<String> line : cells) for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], line.get(c).length());
		StringBuilder sb = new StringBuilder();
		for (List<String> line : cells) {
			for (int c = 0; c < cols; c++) {
				if (c > 0) sb.append("  ");
				String v = line.get(c);
				String pad = " ".repeat(width[c] - v.length());
				sb.append(c == 0 ? v + pad : pad + v);
			}
			sb.append(System.lineSeparator());
		}
		return sb.toString();
	}

	/** A sentence for each kind of NaN in the table, to print below it. */
	public static String explainUndefined(List<Row> rows) {
		StringBuilder sb = new StringBuilder();
		for (Row r : rows) {
			BinaryMetrics m = r.metrics();
			List<String> why = new ArrayList<>();
			if (m.predictedPositives() == 0) why.add("precision is NaN: no image was predicted defective");
			if (m.positives() == 0) why.add("recall is NaN: the split holds no defective image");
			if (Double.isNaN(m.f1()) && m.predictedPositives() > 0 && m.positives() > 0)
				why.add("f1 is NaN: precision and recall are both 0");
			if (Double.isNaN(r.auc()) && m.count() > 0) why.add("auc is NaN: the split does not hold both defective and clean images");
			if (Double.isNaN(m.threshold())) why.add("threshold is NaN: decisions came from the prediction column or differ per class");
			if (!why.isEmpty()) sb.append(r.split()).append(": ").append(String.join("; ", why)).append('.').append(System.lineSeparator());
		}
		return sb.toString();
	}

	/**
	 * A split from a predictions CSV (as classify writes it) joined on {@code image_id} with a
	 * truth CSV (a list or per-image table with {@code defect} and/or {@code defect_1..defect_4}).
	 * With {@code thresholds} null the decisions are the CSV's {@code prediction} columns;
	 * otherwise they are made from the probabilities. Every predicted image needs a truth row. An
	 * image listed twice (in either CSV) is refused; truth images without a prediction are refused
	 * too, unless {@code ignoreMissing} (then the scores cover the predicted images only).
	 */
	public static Split fromCsv(String name, Path predictionsCsv, Path truthCsv, String thresholdOption,
		boolean ignoreMissing)
	{
		Csv truth = Csv.read(truthCsv);
		int idT = truth.column("image_id");
		ImageList.TruthColumns columns = ImageList.TruthColumns.of(truth);
		if (columns.defect() < 0 && columns.classes() == null) throw new InputException(truthCsv + " has no column 'defect' "
			+ "(nor defect_1..defect_4); give truth= a list CSV from the split or the per-image table.");
		Map<String, Truth> byId = new HashMap<>();
		for (int r = 0; r < truth.size(); r++) {
			Truth labels = columns.read(truth, r);
			String tid = truth.row(r)[idT].trim();
			Truth before = byId.put(tid, labels);
			if (before != null) throw new InputException(truthCsv + " line " + truth.line(r) + " names image " + tid
				+ " a second time" + (before.defect() == labels.defect() && Arrays.equals(before.classes(), labels.classes()) ? ""
					: " with other labels")
				+ "; give each image once.");
		}
		Map<String, Integer> predicted = new HashMap<>();

		Csv pred = Csv.read(predictionsCsv);
		int idP = pred.column("image_id");
		int outputs = 1;
		while (pred.has("probability_" + (outputs + 1))) outputs++;
		int[] probColumns = new int[outputs], predColumns = new int[outputs];
		boolean multi = outputs > 1;
		for (int k = 0; k < outputs; k++) probColumns[k] = pred.column(multi ? "probability_" + (k + 1) : "probability");
		Thresholds thresholds = null;
		String t = thresholdOption == null ? "" : thresholdOption.trim();
		if (!t.isEmpty() && !t.equalsIgnoreCase("auto")) {
			double[] half = new double[outputs];
			Arrays.fill(half, 0.5);
			thresholds = Thresholds.parse(t, half, "evaluate");
		}
		else {
			for (int k = 0; k < outputs; k++) {
				String col = multi ? "prediction_" + (k + 1) : "prediction";
				if (!pred.has(col)) throw new InputException(predictionsCsv + " has no column '" + col
					+ "'; give threshold= to decide from the probabilities, or the CSV classify wrote.");
				predColumns[k] = pred.column(col);
			}
		}
		Split split = new Split(name, thresholds == null ? null : thresholds.values());
		for (int r = 0; r < pred.size(); r++) {
			String[] row = pred.row(r);
			String id = row[idP].trim();
			Integer firstLine = predicted.putIfAbsent(id, pred.line(r));
			if (firstLine != null) throw new InputException(predictionsCsv + " line " + pred.line(r) + " predicts image " + id
				+ " a second time (first on line " + firstLine + "); give each image once.");
			Truth tr = byId.get(id);
			if (tr == null) throw new InputException(predictionsCsv + " line " + pred.line(r) + ": image " + id
				+ " is not in " + truthCsv + "; give truth= the list CSV of the images that were classified.");
			float[] p = new float[outputs];
			boolean[] d = new boolean[outputs];
			for (int k = 0; k < outputs; k++) {
				String cell = row[probColumns[k]].trim();
				try {
					p[k] = Float.parseFloat(cell);
				}
				catch (NumberFormatException e) {
					p[k] = Float.NaN;
				}
				if (!(p[k] >= 0 && p[k] <= 1)) throw new InputException(predictionsCsv + " line " + pred.line(r)
					+ " has probability '" + cell + "' for image " + id + "; give probabilities from 0 to 1.");
				d[k] = thresholds != null ? thresholds.predicts(k, p[k])
					: ImageList.label(predictionsCsv, pred.line(r), pred.header().get(predColumns[k]), row[predColumns[k]]) == 1;
			}
			split.add(new ClassifiedImage(id, p, d, tr));
		}
		if (split.size() == 0) throw new InputException(predictionsCsv + " holds no predictions (only a header); give the CSV classify wrote.");
		int missing = byId.size() - predicted.size();
		if (missing > 0 && !ignoreMissing) throw new InputException(missing + " of the " + byId.size() + " images in " + truthCsv
			+ " have no prediction in " + predictionsCsv + "; classify them too, or pass missing=ignore to score the predicted ones only.");
		return split;
	}

	/** The split name of a list CSV: {@code x_test.csv} gives {@code test}. */
	public static String splitName(Path listCsv) {
		String n = listCsv.getFileName().toString();
		int dot = n.lastIndexOf('.');
		if (dot > 0) n = n.substring(0, dot);
		if (n.toLowerCase(Locale.ROOT).startsWith("x_") && n.length() > 2) n = n.substring(2);
		return n;
	}
}
