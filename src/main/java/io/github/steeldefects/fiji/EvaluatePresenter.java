package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.List;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.commands.EvaluateCommand;
import io.github.steeldefects.commands.SteelCommand;
import io.github.steeldefects.metrics.BinaryMetrics;

/**
 * Shows an evaluation: the F1 table in the system Results table (headless too), and with a
 * screen a confusion matrix table per split and a plot of F1, precision and recall against the
 * threshold on the validation split (or the first split given), the chosen threshold marked by a
 * vertical line.
 */
public class EvaluatePresenter implements Presenters.Presenter {

	@Override
	public void show(SteelCommand command, boolean headless) {
		EvaluateCommand cmd = (EvaluateCommand) command;
		if (cmd.rows().isEmpty()) return;
		Ij1.progress().log(cmd.summary());
		ResultsTable rt = ResultsTable.getResultsTable();
		if (rt == null) rt = new ResultsTable();
		fill(rt, cmd.rows());
		if (headless) return;
		rt.show("Results");
		for (Evaluation.Row r : cmd.rows()) {
			if (r.split().contains("/")) continue; // classes: in the Results table only
			confusion(r).show("Confusion matrix (" + r.split() + ")");
		}
		Evaluation.Split s = cmd.plotSplit();
		if (s != null) plot(s).show();
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
		int n = curve.size();
		double[] t = new double[n], f1 = new double[n], p = new double[n], r = new double[n];
		for (int i = 0; i < n; i++) {
			BinaryMetrics m = curve.get(i);
			t[i] = m.threshold();
			f1[i] = m.f1();
			p[i] = m.precision();
			r[i] = m.recall();
		}
		Plot plot = new Plot("F1 / precision / recall against threshold (" + s.name() + ", " + s.size() + " images)",
			"threshold", "score");
		// a little room beyond 0 and 1: a threshold at either end stays visible
		plot.setLimits(-0.02, 1.02, 0, 1.05);
		plot.setColor(new Color(0x1f77b4));
		plot.setLineWidth(2);
		plot.add("line", t, f1);
		plot.setLineWidth(1);
		plot.setColor(new Color(0xff7f0e));
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
