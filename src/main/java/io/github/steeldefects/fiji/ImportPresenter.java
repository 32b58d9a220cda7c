package io.github.steeldefects.fiji;

import java.awt.Color;
import java.util.List;
import java.util.stream.IntStream;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.commands.ImportCommand;
import io.github.steeldefects.data.ClassSummary;
import io.github.steeldefects.data.DefectTable;

/**
 * Shows an import in ImageJ: the per-image table in the system Results table (headless too, so
 * macros can read it), and in the GUI the images as a virtual stack with coloured defect overlays,
 * the class summary as a table and a bar plot.
 */
@Plugin(type = Presenter.class)
public class ImportPresenter implements Presenter<ImportCommand> {

	@Override
	public void show(ImportCommand cmd, boolean headless) {
		DefectTable table = cmd.table();
		fillResults(ResultsTable.getResultsTable(), table);
		Ij1.progress().log(cmd.summary());
		if (headless) return;
		ResultsTable.getResultsTable().show("Results");
		summaryTable(cmd.classSummary()).show("Class Summary");
		summaryPlot(cmd.classSummary()).show();
		// the stack last, so that it is the active image a recorded macro goes on with
		ImagePlus imp = openStack(table, cmd.limit());
		imp.show();
	}

	/** The images as a virtual stack, overlay of slice 1 set; later slices get theirs when shown. */
	public static ImagePlus openStack(DefectTable table, int limit) {
		DefectStack stack = new DefectStack(table, limit);
		String title = table.imagesFolder().getFileName() + (stack.size() < table.size() ? " (first " + stack.size() +
			" of " + table.size() + ")" : "");
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setOverlay(stack.overlay(1));
		return imp;
	}

	/** Fills a Results table with the per-image table, one row per image, columns as in the CSV. */
	public static void fillResults(ResultsTable rt, DefectTable table) {
		rt.reset();
		for (DefectTable.Row r : table.rows()) {
			rt.incrementCounter();
			rt.addValue("image_id", r.imageId());
			for (int c = 1; c <= DefectTable.CLASSES; c++) rt.addValue("rle_" + c, r.rle(c));
			rt.addValue("defect", r.defect());
			rt.addValue("stratify", r.stratify());
			for (int c = 1; c <= DefectTable.CLASSES; c++) rt.addValue("defect_" + c, r.has(c) ? 1 : 0);
			rt.addValue("total_defects", r.totalDefects());
		}
		for (String col : List.of("defect", "defect_1", "defect_2", "defect_3", "defect_4", "total_defects"))
			rt.setDecimalPlaces(rt.getColumnIndex(col), 0);
	}

	/**
	 * The class summary as a table: a row per class (images, defect pixels), then a row per
	 * number of classes in an image (0..4).
	 */
	public static ResultsTable summaryTable(ClassSummary s) {
		ResultsTable rt = new ResultsTable();
		for (int c = 1; c <= ClassSummary.CLASSES; c++) {
			rt.incrementCounter();
			rt.addValue("what", "class " + c);
			rt.addValue("images", s.imagesWithClass(c));
			rt.addValue("defect_pixels", s.area(c));
		}
		for (int n = 0; n <= ClassSummary.CLASSES; n++) {
			rt.incrementCounter();
			rt.addValue("what", n + (n == 1 ? " class" : " classes"));
			rt.addValue("images", s.imagesWithClassCount(n));
			rt.addValue("defect_pixels", "");
		}
		rt.setDecimalPlaces(rt.getColumnIndex("images"), 0);
		rt.setDecimalPlaces(rt.getColumnIndex("defect_pixels"), 0);
		return rt;
	}

	/** Images per class as bars, each in its class colour. */
	public static Plot summaryPlot(ClassSummary s) {
		// the images without a defect in the axis label: no text inside the frame to collide with bars or grid
		Plot plot = new Plot("Images per defect class", "class (images without defect: " + s.imagesWithClassCount(0) + ")",
			"images");
		double max = Math.max(1, IntStream.rangeClosed(1, ClassSummary.CLASSES).map(s::imagesWithClass).max().orElse(1));
		plot.setLimits(0.4, ClassSummary.CLASSES + 0.6, 0, max * 1.1);
		for (int c = 1; c <= ClassSummary.CLASSES; c++) {
			plot.setColor(DefectOverlays.color(c).darker(), DefectOverlays.color(c));
			plot.add("filled", new double[] { c - 0.35, c - 0.35, c + 0.35, c + 0.35 },
				new double[] { 0, s.imagesWithClass(c), s.imagesWithClass(c), 0 });
		}
		plot.setColor(Color.BLACK);
		IJ.showStatus("");
		return plot;
	}
}
