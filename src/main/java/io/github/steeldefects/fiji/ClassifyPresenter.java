package io.github.steeldefects.fiji;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.ImageHeatmap;
import io.github.steeldefects.classify.PredictionCsv;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.commands.ClassifyCommand;

/**
 * Shows a classification: the predictions in the system Results table (headless too, so macros
 * can read them), and, when the open image was classified, a label on each slice
 * ({@code DEFECT 0.97} in red, {@code ok 0.03} in green) over the slice's heatmap (see
 * {@link HeatmapOverlays}; off with {@code showheatmaps=false}).
 */
@Plugin(type = Presenter.class)
public class ClassifyPresenter implements Presenter<ClassifyCommand> {

	public static final Color DEFECT = new Color(0xe0, 0x20, 0x20);
	public static final Color OK = new Color(0x20, 0xb0, 0x40);
	/** On a stack held in memory, heatmap pictures (RGB at image size) are drawn on at most this many slices. */
	public static final int MAX_HEATMAP_SLICES = 200;

	@Override
	public void show(ClassifyCommand cmd, boolean headless) {
		if (cmd.result() == null) return;
		Ij1.progress().log(cmd.summary());
		if (cmd.classified().size() < cmd.result().images()) Ij1.progress().log("The Results table shows the first "
			+ cmd.classified().size() + " images; the predictions CSV has them all.");
		ResultsTable rt = ResultsTable.getResultsTable();
		fill(rt, cmd.classified(), cmd.outputs(), cmd.labelled());
		// enough decimals that no probability reads like the threshold it was compared with
		Digits.probabilityColumns(rt, cmd.classified(), cmd.thresholds());
		if (!headless) rt.show("Results");
		if (cmd.fromOpenImage()) {
			ImagePlus imp = WindowManager.getCurrentImage();
			if (imp != null && imp.getStackSize() == cmd.classified().size()) {
				heatmaps(imp, cmd.heatmaps(), cmd.classNames());
				label(imp, cmd.classified(), cmd.thresholds());
				imp.updateAndDraw();
			}
		}
	}

	/** The Results table with the CSV's columns. */
	public static void fill(ResultsTable rt, List<ClassifiedImage> rows, int outputs, boolean labelled) {
		rt.reset();
		List<String> header = PredictionCsv.header(outputs, labelled);
		for (ClassifiedImage c : rows) {
			rt.incrementCounter();
			List<String> f = PredictionCsv.fields(c, labelled);
			rt.addValue(header.get(0), f.get(0));
			for (int i = 1; i < header.size(); i++) rt.addValue(header.get(i), Double.parseDouble(f.get(i)));
		}
		for (int i = 1; i < header.size(); i++) {
			int col = rt.getColumnIndex(header.get(i));
			if (col >= 0) rt.setDecimalPlaces(col, header.get(i).startsWith("probability") ? 4 : 0);
		}
	}

	/**
	 * Adds one text label per slice to the image's overlay (replacing earlier classify labels), each
	 * saying how the probability compares with the threshold (null: the probability alone).
	 */
	public static void label(ImagePlus imp, List<ClassifiedImage> rows, Thresholds thresholds) {
		int size = Math.max(12, Math.min(imp.getWidth(), imp.getHeight()) / 12);
		Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
		if (imp.getStack() instanceof DefectStack stack) {
			// an imported stack redraws each slice's defect overlay on every slice change: the labels
			// go with it, so they stay
			List<ClassifiedImage> copy = List.copyOf(rows);
			stack.setSliceLabels(n -> n <= copy.size() ? textRoi(copy.get(n - 1), thresholds, font, n, false) : null);
			imp.setOverlay(stack.overlay(imp.getCurrentSlice()));
			return;
		}
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (Roi r : overlay.toArray()) if ("classify".equals(r.getProperty("steel-defects"))) overlay.remove(r);
		for (int s = 0; s < rows.size(); s++) overlay.add(textRoi(rows.get(s), thresholds, font, s + 1, imp.getStackSize() > 1));
		imp.setOverlay(overlay);
	}

	/**
	 * Draws the heatmaps (slice i + 1 gets {@code maps.get(i)}) under the labels, replacing earlier
	 * ones; with no heatmaps (showheatmaps=false, or a model without them) earlier ones are removed.
	 * Call before {@link #label}, so the labels stay on top.
	 */
	public static void heatmaps(ImagePlus imp, List<ImageHeatmap> maps, List<String> classNames) {
		boolean draw = !maps.isEmpty() && maps.size() == imp.getStackSize();
		float[] scale = draw ? HeatmapOverlays.scale(maps) : null;
		if (imp.getStack() instanceof DefectStack stack) {
			// a virtual stack redraws each slice's overlay when shown: build the slice's heatmap then
			if (!draw) stack.setSliceOverlays(null);
			else {
				List<ImageHeatmap> copy = List.copyOf(maps);
				stack.setSliceOverlays(n -> HeatmapOverlays.rois(copy.get(n - 1), scale, classNames, imp.getWidth(), imp.getHeight(), 0));
			}
			imp.setOverlay(stack.overlay(imp.getCurrentSlice()));
			return;
		}
		Overlay overlay = imp.getOverlay() == null ? new Overlay() : imp.getOverlay();
		for (Roi r : overlay.toArray()) if (HeatmapOverlays.TAG.equals(r.getProperty("steel-defects"))) overlay.remove(r);
		if (draw) {
			boolean stack = imp.getStackSize() > 1;
			int drawn = Math.min(maps.size(), MAX_HEATMAP_SLICES);
			if (drawn < maps.size()) Ij1.progress().log("Heatmaps are drawn on the first " + drawn + " of " + maps.size()
				+ " slices (each takes 4 bytes per pixel in memory); heatmaps= writes them all as TIFFs.");
			for (int s = 0; s < drawn; s++) {
				for (Roi r : HeatmapOverlays.rois(maps.get(s), scale, classNames, imp.getWidth(), imp.getHeight(), stack ? s + 1 : 0))
					overlay.add(r);
			}
		}
		imp.setOverlay(overlay);
	}

	static TextRoi textRoi(ClassifiedImage c, Thresholds thresholds, Font font, int slice, boolean stack) {
		String text = (c.prediction() ? "DEFECT " : "ok ") + Digits.label(c, thresholds);
		TextRoi roi = new TextRoi(4, 2, text, font);
		roi.setStrokeColor(c.prediction() ? DEFECT : OK);
		roi.setFillColor(new Color(0, 0, 0, 140));
		roi.setProperty("steel-defects", "classify");
		if (stack) roi.setPosition(slice);
		return roi;
	}
}
