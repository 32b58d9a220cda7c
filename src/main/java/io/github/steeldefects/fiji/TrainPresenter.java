package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.measure.ResultsTable;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.commands.TrainCommand;
import io.github.steeldefects.model.train.EpochListener;
import io.github.steeldefects.model.train.EpochMetrics;

/**
 * Training in ImageJ: one "Training" window per run, redrawn after every epoch, with two plots
 * one above the other: F1 of train and validation on a 0..1 axis, and the loss on its own axis
 * (lines with a marker per epoch, the best epoch marked in both); the per-epoch table ("Training
 * History"; the Results table when headless, so that macros can read it). The progress bar follows
 * the batches of all epochs, with the time left.
 */
@Plugin(type = Presenter.class)
public class TrainPresenter implements Presenter<TrainCommand> {

	static final Color TRAIN = new Color(0x1f77b4);
	static final Color VAL = new Color(0xd62728);
	static final Color BEST = new Color(0x2ca02c);
	/** Axis tops: the data stay below the legend in the top right corner. */
	static final double F1_TOP = 1.35, LOSS_TOP = 1.5;

	private ImagePlus window;
	private int epochs;

	@Override
	public void prepare(TrainCommand command, boolean headless) {
		if (headless) return;
		io.github.steeldefects.Progress status = command.progress();
		command.setEpochListener(new EpochListener() {

			@Override
			public void epochEnded(Progress p) {
				epochs = p.epochs();
				ImageProcessor ip = image(p.history(), p.epochs(), p.bestEpoch());
				java.awt.EventQueue.invokeLater(() -> showImage(ip));
			}

			@Override
			public void batchEnded(int epoch, int batch, int batches) {
				if (epochs <= 0) epochs = Math.max(epoch, 1);
				// all epochs' batches: the bar and the time left cover the whole run (early stopping ends it sooner)
				status.progress((long) (epoch - 1) * batches + batch, (long) Math.max(epochs, epoch) * batches);
			}
		});
	}

	private void showImage(ImageProcessor ip) {
		if (window == null || window.getWindow() == null || window.getWindow().isClosed()) {
			window = new ImagePlus("Training", ip);
			window.show();
		}
		else window.setProcessor(ip);
	}

	@Override
	public void show(TrainCommand cmd, boolean headless) {
		List<EpochMetrics> history = cmd.outcome().result().history();
		ResultsTable rt = headless ? ResultsTable.getResultsTable() : new ResultsTable();
		fill(rt, history);
		Ij1.progress().log(cmd.summary());
		if (!headless) {
			rt.show("Training History");
			ImageProcessor ip = image(history, Math.max(epochs, history.size()), cmd.outcome().result().bestEpoch());
			if (java.awt.EventQueue.isDispatchThread()) showImage(ip);
			else {
				try {
					java.awt.EventQueue.invokeAndWait(() -> showImage(ip));
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				catch (java.lang.reflect.InvocationTargetException e) {
					throw new IllegalStateException(e.getCause());
				}
			}
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

	/** Both plots, F1 above loss, as one RGB image. */
	static ImageProcessor image(List<EpochMetrics> history, int epochs, int bestEpoch) {
		ImageProcessor top = f1Plot(history, epochs, bestEpoch).getProcessor().convertToRGB();
		ImageProcessor bottom = lossPlot(history, epochs, bestEpoch).getProcessor().convertToRGB();
		ImageProcessor both = new ColorProcessor(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() +
			bottom.getHeight());
		both.setColor(Color.WHITE);
		both.fill();
		both.insert(top, 0, 0);
		both.insert(bottom, 0, top.getHeight());
		return both;
	}

	/** F1 of train and validation per epoch, on 0..1; undefined F1 (no predicted defect) left out. */
	static Plot f1Plot(List<EpochMetrics> history, int epochs, int bestEpoch) {
		// F1 lies in 0..1; the room above 1 holds the legend, so that it never hides a point
		return plot("Training F1", "F1", "train F1\nvalidation F1", series(history, m -> m.trainF1(), m -> m.valF1()), F1_TOP,
			history, epochs, bestEpoch);
	}

	/** Loss of train and validation per epoch, on its own axis from 0. */
	static Plot lossPlot(List<EpochMetrics> history, int epochs, int bestEpoch) {
		double[][] v = series(history, m -> m.trainLoss(), m -> m.valLoss());
		double max = DoubleStream.concat(Arrays.stream(v[1]), Arrays.stream(v[2])).filter(Double::isFinite).max().orElse(0);
		if (max <= 0) max = 1;
		return plot("Training loss", "loss (binary cross-entropy)", "train loss\nvalidation loss", v, max * LOSS_TOP, history,
			epochs, bestEpoch);
	}

	/** One plot of the two series {@code v} on 0..top, the best epoch marked, the legend in the top right corner. */
	private static Plot plot(String title, String yLabel, String legend, double[][] v, double top, List<EpochMetrics> history,
		int epochs, int bestEpoch)
	{
		Plot plot = new Plot(title, "epoch", yLabel);
		plot.setFrameSize(560, 200);
		plot.setFormatFlags(Plot.X_NUMBERS | Plot.Y_NUMBERS | Plot.X_TICKS | Plot.Y_TICKS | Plot.Y_GRID | Plot.X_GRID);
		plot.setLimits(0.5, Math.max(epochs, history.size()) + 0.5, 0, top);
		plot.setLineWidth(2);
		plot.setColor(TRAIN, TRAIN);
		plot.add("connected circle", v[0], v[1]);
		plot.setColor(VAL, VAL);
		plot.add("connected circle", v[0], v[2]);
		plot.setLineWidth(1);
		String best = best(plot, bestEpoch, top, history);
		plot.setColor(Color.BLACK);
		plot.addLegend(legend + best, "top-right");
		return plot;
	}

	/** The best epoch as a vertical line of its own, named in the legend (not written across the data); its legend text. */
	private static String best(Plot plot, int bestEpoch, double top, List<EpochMetrics> history) {
		if (bestEpoch <= 0) return "";
		plot.setColor(BEST);
		plot.setLineWidth(2);
		plot.add("line", new double[] { bestEpoch, bestEpoch }, new double[] { 0, top });
		plot.setLineWidth(1);
		double f1 = history.stream().filter(m -> m.epoch() == bestEpoch).mapToDouble(EpochMetrics::valF1).findFirst()
			.orElse(Double.NaN);
		return "\nbest epoch " + bestEpoch + (Double.isNaN(f1) ? "" : String.format(java.util.Locale.ROOT,
			" (validation F1 %.3f)", f1));
	}

	/** x = epoch, then the two series. */
	private static double[][] series(List<EpochMetrics> history, ToDoubleFunction<EpochMetrics> a, ToDoubleFunction<EpochMetrics> b) {
		return new double[][] { history.stream().mapToDouble(EpochMetrics::epoch).toArray(), history.stream().mapToDouble(a).toArray(),
			history.stream().mapToDouble(b).toArray() };
	}
}
