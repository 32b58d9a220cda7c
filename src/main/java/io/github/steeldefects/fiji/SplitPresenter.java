package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Plot;
import ij.measure.ResultsTable;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.commands.SplitCommand;
import io.github.steeldefects.split.DatasetSplit;

/**
 * Shows a split: the count of each stratum in train / val / test and the defect ratio of each
 * split in the Results table, and, with a screen, a bar plot of each stratum's share of each split
 * (bars of equal height mean the split kept the proportions).
 */
@Plugin(type = Presenter.class)
public class SplitPresenter implements Presenter<SplitCommand> {

	static final Color[] PART_COLORS = { new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c) };

	@Override
	public void show(SplitCommand command, boolean headless) {
		DatasetSplit.Summary s = command.splitSummary();
		if (s == null) return;
		Ij1.progress().log(command.summary());
		ResultsTable rt = table(s);
		rt.show("Results");
		if (!headless) plot(s).show();
	}

	/** The Results table: one row per stratum, then all images, defect images and the defect ratio. */
	static ResultsTable table(DatasetSplit.Summary s) {
		ResultsTable rt = ResultsTable.getResultsTable();
		rt.reset();
		s.counts().forEach((stratum, c) -> row(rt, stratum, c[0], c[1], c[2], c[0] + c[1] + c[2]));
		int[] t = s.totals();
		int[] d = s.defects();
		row(rt, "all", t[0], t[1], t[2], t[0] + t[1] + t[2]);
		row(rt, "defect", d[0], d[1], d[2], d[0] + d[1] + d[2]);
		int all = t[0] + t[1] + t[2];
		row(rt, "defect ratio", s.defectRatio(0), s.defectRatio(1), s.defectRatio(2),
			all == 0 ? Double.NaN : (double) (d[0] + d[1] + d[2]) / all);
		// counts read as integers, the defect ratio row with its decimals
		for (String col : new String[] { "train", "val", "test", "total" })
			rt.setDecimalPlaces(rt.getColumnIndex(col), ResultsTable.AUTO_FORMAT);
		return rt;
	}

	private static void row(ResultsTable rt, String stratum, double train, double val, double test, double total) {
		rt.incrementCounter();
		rt.addValue("stratum", stratum);
		rt.addValue("train", train);
		rt.addValue("val", val);
		rt.addValue("test", test);
		rt.addValue("total", total);
	}

	/** Bars: for each stratum, its percentage of the train, val and test images; its name on the x axis. */
	static Plot plot(DatasetSplit.Summary s) {
		List<String> names = new ArrayList<>(s.counts().keySet());
		Plot plot = new Plot("Split: share of each stratum", "stratum", "% of the split's images");
		double max = 1;
		for (int p = 0; p < 3; p++) {
			double[] x = new double[names.size()];
			double[] y = new double[names.size()];
			for (int i = 0; i < names.size(); i++) {
				x[i] = i + (p - 1) * 0.27;
				y[i] = s.totals()[p] == 0 ? 0 : 100.0 * s.counts().get(names.get(i))[p] / s.totals()[p];
				max = Math.max(max, y[i]);
			}
			plot.setColor(PART_COLORS[p], PART_COLORS[p]);
			plot.add("separated bar", x, y);
		}
		plot.setColor(Color.BLACK);
		plot.addLegend(String.format(java.util.Locale.ROOT, "train (%d, defect ratio %.3f)\tval (%d, %.3f)\ttest (%d, %.3f)",
			s.totals()[0], s.defectRatio(0), s.totals()[1], s.defectRatio(1), s.totals()[2], s.defectRatio(2)), "top-right");
		// the strata name the x axis (categories at x = 0, 1, ...); room above the bars for the legend
		plot.setXYLabels("{" + String.join(",", names) + "}", "% of the split's images");
		plot.setFormatFlags(Plot.X_NUMBERS | Plot.Y_NUMBERS | Plot.Y_TICKS | Plot.Y_GRID);
		plot.setLimits(-0.6, names.size() - 0.4, 0, max * 1.5);
		int longest = Math.max(1, names.stream().mapToInt(String::length).max().orElse(1));
		plot.setFrameSize(Math.max(450, names.size() * Math.max(50, 9 * longest)), 260);
		return plot;
	}
}
