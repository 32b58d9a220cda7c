package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.List;

import ij.gui.Plot;
import ij.gui.PlotWindow;
import ij.measure.ResultsTable;

import io.github.steeldefects.commands.SteelCommand;
import io.github.steeldefects.commands.TrainCommand;
import io.github.steeldefects.model.train.EpochListener;
import io.github.steeldefects.model.train.EpochMetrics;

/**
 * Training in ImageJ: a live plot of loss and F1 per epoch for train and validation, redrawn after
 * every epoch, and the per-epoch table ("Training History"; the Results table when headless, so
 * that macros can read it).
 */
public class TrainPresenter implements Presenters.Presenter {

	private PlotWindow window;

	@Override
	public void prepare(SteelCommand command, boolean headless) {
		if (headless) return;
		((TrainCommand) command).setEpochListener(new EpochListener() {

			@Override
			public void epochEnded(Progress p) {
				Plot plot = plot(p.history(), p.epochs(), p.bestEpoch());
				java.awt.EventQueue.invokeLater(() -> {
					if (window == null || window.isClosed()) window = plot.show();
					else window.drawPlot(plot);
				});
			}
		});
	}

	@Override
	public void show(SteelCommand command, boolean headless) {
		TrainCommand cmd = (TrainCommand) command;
		List<EpochMetrics> history = cmd.outcome().result().history();
		ResultsTable rt = headless ? ResultsTable.getResultsTable() : new ResultsTable();
		fill(rt, history);
		Ij1.progress().log(cmd.summary());
		if (!headless) {
			rt.show("Training History");
			Plot plot = plot(history, history.size(), cmd.outcome().result().bestEpoch());
			if (window == null || window.isClosed()) plot.show();
			else window.drawPlot(plot);
		}
	}

	static void fill(ResultsTable rt, List<EpochMetrics> history) {
		rt.reset();
		for (EpochMetrics m : history) {
			rt.incrementCounter();
			rt.addValue("epoch", m.epoch());
			rt.addValue("loss", m.trainLoss());
			rt.addValue("precision", m.trainPrecision());
			rt.addValue("recall", m.trainRecall());
			rt.addValue("f1", m.trainF1());
			rt.addValue("val_loss", m.valLoss());
			rt.addValue("val_precision", m.valPrecision());
			rt.addValue("val_recall", m.valRecall());
			rt.addValue("val_f1", m.valF1());
			rt.addValue("seconds", m.seconds());
		}
		if (rt.size() > 0) rt.setDecimalPlaces(rt.getColumnIndex("epoch"), 0);
	}

	/** Loss (dashed) and F1 (solid) of train (blue) and validation (red) against epoch; the best epoch marked. */
	static Plot plot(List<EpochMetrics> history, int epochs, int bestEpoch) {
		int n = history.size();
		double[] x = new double[n], loss = new double[n], valLoss = new double[n], f1 = new double[n], valF1 = new double[n];
		double maxLoss = 1;
		for (int i = 0; i < n; i++) {
			EpochMetrics m = history.get(i);
			x[i] = m.epoch();
			loss[i] = m.trainLoss();
			valLoss[i] = m.valLoss();
			f1[i] = nanToZero(m.trainF1());
			valF1[i] = nanToZero(m.valF1());
			maxLoss = Math.max(maxLoss, Math.max(loss[i], valLoss[i]));
		}
		Plot plot = new Plot("Training", "epoch", "F1 (solid), loss (dashed)");
		plot.setLimits(0.5, Math.max(epochs, n) + 0.5, 0, Math.max(1.05, maxLoss * 1.05));
		plot.setColor(Color.BLUE);
		plot.add("line", x, f1);
		plot.setColor(Color.RED);
		plot.add("line", x, valF1);
		plot.setLineWidth(1);
		plot.setColor(new Color(120, 120, 255));
		plot.add("dot", x, loss);
		plot.setColor(new Color(255, 120, 120));
		plot.add("dot", x, valLoss);
		if (bestEpoch > 0) {
			plot.setColor(Color.GRAY);
			plot.drawDottedLine(bestEpoch, 0, bestEpoch, 1, 2);
		}
		plot.setColor(Color.BLACK);
		plot.setLegend("train F1\tvalidation F1\ttrain loss\tvalidation loss", Plot.AUTO_POSITION);
		return plot;
	}

	private static double nanToZero(double v) {
		return Double.isNaN(v) ? 0 : v;
	}
}
