package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.Localization;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.commands.EvaluateCommand;
import io.github.steeldefects.metrics.BinaryMetrics;

/**
 * Shows an evaluation: the F1 table in the system Results table (headless too), and with a
 * screen a confusion matrix table per split and a plot of F1, precision and recall against the
 * threshold on the validation split (or the first split given), the chosen threshold marked by a
 * vertical line. With {@code masks=}, the localization columns in the same table and a plot of
 * pointing and Dice per split and class.
 */
@Plugin(type = Presenter.class)
public class EvaluatePresenter implements Presenter<EvaluateCommand> {

	@Override
	public void show(EvaluateCommand cmd, boolean headless) {
		if (cmd.rows().isEmpty()) return;
		Ij1.progress().log(cmd.summary());
		ResultsTable rt = ResultsTable.getResultsTable();
		fill(rt, cmd.rows());
		if (cmd.localization() != null) fillLocalization(rt, cmd.rows(), cmd.localization());
		if (headless) return;
		rt.show("Results");
		for (Evaluation.Row r : cmd.rows()) {
			if (r.split().contains("/")) continue; // classes: in the Results table only
			confusion(r).show("Confusion matrix (" + r.split() + ")");
		}
		Evaluation.Split s = cmd.plotSplit();
		if (s != null) plot(s).show();
		if (cmd.localization() != null) localizationPlot(cmd.rows(), cmd.localization()).show();
	}

	/** Appends the localization columns ({@value Localization#HEADER}) to the F1 table's rows; NaN where a row has none. */
	public static void fillLocalization(ResultsTable rt, List<Evaluation.Row> rows, Map<String, Localization.Score> scores) {
		String[] header = Localization.HEADER.split(",");
		for (int i = 0; i < rows.size() && i < rt.size(); i++) {
			Localization.Score sc = scores.get(rows.get(i).split());
			double[] v = sc == null ? new double[] { Double.NaN, Double.NaN, Double.NaN }
				: new double[] { sc.localized(), sc.pointing(), sc.dice() };
			for (int k = 0; k < 3; k++) rt.setValue(header[k], i, v[k]);
		}
		for (int k = 0; k < 3; k++) rt.setDecimalPlaces(rt.getColumnIndex(header[k]), k == 0 ? 0 : 4);
	}

	private static final Color BLUE = new Color(0x1f77b4), ORANGE = new Color(0xff7f0e);

	/** Bars 0.3 wide centred on x, from 0 to y (NaN: none), as rectangles [left, top, right, bottom]. */
	private static void bars(Plot plot, Color colour, double[] x, double[] y) {
		ArrayList<float[]> r = new ArrayList<>();
		for (int i = 0; i < x.length; i++)
			if (!Double.isNaN(y[i])) r.add(new float[] { (float) (x[i] - 0.15), (float) y[i], (float) (x[i] + 0.15), 0f });
		plot.setColor(colour, colour);
		plot.drawShapes("rectangles", r);
	}

	/** Pointing and Dice per row of the table (split, then its classes), as bars side by side. */
	public static Plot localizationPlot(List<Evaluation.Row> rows, Map<String, Localization.Score> scores) {
		List<String> names = new ArrayList<>();
		List<Localization.Score> found = new ArrayList<>();
		for (Evaluation.Row r : rows) {
			Localization.Score sc = scores.get(r.split());
			if (sc == null) continue;
			names.add(r.split());
			found.add(sc);
		}
		int n = found.size();
		double[] xp = IntStream.range(0, n).mapToDouble(i -> i + 1 - 0.17).toArray();
		double[] xd = IntStream.range(0, n).mapToDouble(i -> i + 1 + 0.17).toArray();
		double[] p = found.stream().mapToDouble(Localization.Score::pointing).toArray();
		double[] d = found.stream().mapToDouble(Localization.Score::dice).toArray();
		Plot plot = new Plot("Heatmap localization (images with a true defect)", "split / class", "score");
		plot.setLimits(0.4, n + 0.6, 0, 1.1);
		bars(plot, BLUE, xp, p);
		bars(plot, ORANGE, xd, d);
		// dots on the bar tops, so that the legend has its two entries
		plot.setColor(BLUE, BLUE);
		plot.add("dot", xp, p);
		plot.setColor(ORANGE, ORANGE);
		plot.add("dot", xd, d);
		plot.setColor(Color.BLACK);
		// each pair of bars is named above it: split or class, and how many (image, class) pairs were scored
		for (int i = 0; i < n; i++) {
			String name = names.get(i);
			int slash = name.indexOf("/class_");
			if (slash >= 0) name = "class " + name.substring(slash + 7);
			plot.addText(name + " (" + found.get(i).localized() + ")", i + 1 - 0.3, 1.08);
		}
		plot.addLegend("pointing\tdice", "top-right");
		return plot;
	}

	/** The F1 table, one row per split (and class). */
	public static void fill(ResultsTable rt, List<Evaluation.Row> rows) {
		rt.reset();
		String[] header = Evaluation.HEADER.split(",");
		for (Evaluation.Row r : rows) {
			rt.incrementCounter();
			List<String> f = r.fields();
			rt.addValue(header[0], f.get(0));
			for (int i = 1; i < header.length; i++) rt.addValue(header[i], Double.parseDouble(f.get(i)));
		}
		for (int i = 1; i < header.length; i++) rt.setDecimalPlaces(rt.getColumnIndex(header[i]), i <= 5 ? 0 : 4);
	}

	/** Truth in rows, prediction in columns. */
	public static ResultsTable confusion(Evaluation.Row r) {
		BinaryMetrics m = r.metrics();
		ResultsTable t = new ResultsTable();
		t.incrementCounter();
		t.addValue("truth", "defect");
		t.addValue("predicted defect", m.tp());
		t.addValue("predicted ok", m.fn());
		t.incrementCounter();
		t.addValue("truth", "ok");
		t.addValue("predicted defect", m.fp());
		t.addValue("predicted ok", m.tn());
		t.setDecimalPlaces(1, 0);
		t.setDecimalPlaces(2, 0);
		return t;
	}

	/** F1, precision and recall against threshold; NaN points are left out. */
	public static Plot plot(Evaluation.Split s) {
		List<BinaryMetrics> curve = s.curve();
		double[] t = curve.stream().mapToDouble(BinaryMetrics::threshold).toArray();
		double[] f1 = curve.stream().mapToDouble(BinaryMetrics::f1).toArray();
		double[] p = curve.stream().mapToDouble(BinaryMetrics::precision).toArray();
		double[] r = curve.stream().mapToDouble(BinaryMetrics::recall).toArray();
		Plot plot = new Plot("F1 / precision / recall against threshold (" + s.name() + ", " + s.size() + " images)",
			"threshold", "score");
		// a little room beyond 0 and 1: a threshold at either end stays visible
		plot.setLimits(-0.02, 1.02, 0, 1.05);
		plot.setColor(BLUE);
		plot.setLineWidth(2);
		plot.add("line", t, f1);
		plot.setLineWidth(1);
		plot.setColor(ORANGE);
		plot.add("line", t, p);
		plot.setColor(new Color(0x2ca02c));
		plot.add("line", t, r);
		double chosen = s.threshold();
		String legend = "F1\tprecision\trecall";
		if (!Double.isNaN(chosen)) {
			// the chosen threshold as a series of its own: named in the legend, not written across the line
			plot.setColor(Color.RED);
			plot.setLineWidth(2);
			plot.add("line", new double[] { chosen, chosen }, new double[] { 0, 1.05 });
			plot.setLineWidth(1);
			legend += "\tthreshold " + Thresholds.format(chosen);
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(legend, "bottom-left");
		return plot;
	}
}
