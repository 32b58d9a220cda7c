package io.github.steeldefects.fiji;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.util.Tools;

import io.github.steeldefects.Progress;
import io.github.steeldefects.commands.FijiHooks;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.ImageSource;

/** What ImageJ 1 has open, for the commands: the open image, the Results table, the overlay, the status bar. */
@Plugin(type = FijiHooks.class)
public class Ij1Hooks implements FijiHooks {

	@Override
	public List<? extends ImageSource> openImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		return imp == null ? null : OpenImageSource.slices(imp);
	}

	/**
	 * The system Results table as a {@link Csv}, or null when it is empty: for commands whose table
	 * option was left empty in Fiji (e.g. split right after import showed the per-image table there).
	 */
	@Override
	public Csv resultsTable() {
		ResultsTable rt = ResultsTable.getResultsTable();
		if (rt.size() == 0) return null;
		String[] headings = rt.getHeadings();
		List<String> header = new ArrayList<>(Arrays.asList(headings));
		// a table whose image ids are its row labels
		int label = header.indexOf("Label");
		if (label >= 0 && !header.contains("image_id")) header.set(label, "image_id");
		List<String[]> rows = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		for (int r = 0; r < rt.size(); r++) {
			String[] row = new String[headings.length];
			for (int c = 0; c < headings.length; c++) row[c] = cell(rt, headings[c], r);
			rows.add(row);
			lines.add(r + 2); // as if saved with a header line: row 0 is line 2
		}
		return new Csv(Paths.get("Results table"), header, rows, lines);
	}

	private static String cell(ResultsTable rt, String column, int row) {
		if ("Label".equals(column)) return rt.getLabel(row);
		String s = rt.getStringValue(column, row);
		double v = rt.getValue(column, row);
		// numbers come back with the table's decimals; whole numbers are written as such
		if (!Double.isNaN(v) && s != null && !Double.isNaN(Tools.parseDouble(s)))
			return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
		return s == null ? "" : s;
	}

	@Override
	public SortedMap<String, ImageMasks> openImageMasks() {
		return DefectOverlays.currentImageRles();
	}

	/** The status bar, Log and Esc, when an ImageJ window is there (a command run through SciJava's CommandService). */
	@Override
	public Progress progress() {
		return IJ.getInstance() == null ? null : Ij1.progress();
	}
}
