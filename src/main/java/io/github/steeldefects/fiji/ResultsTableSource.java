package io.github.steeldefects.fiji;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.measure.ResultsTable;

import io.github.steeldefects.io.Csv;

/**
 * The open "Results" table as a {@link Csv}, for commands whose table option was left empty in
 * Fiji (e.g. split right after import showed the per-image table there).
 */
public final class ResultsTableSource {

	private ResultsTableSource() {}

	/** The system Results table, or null when there is none or it is empty. */
	public static Csv current() {
		ResultsTable rt = ResultsTable.getResultsTable();
		if (rt == null || rt.size() == 0) return null;
		String[] headings = rt.getHeadings();
		List<String> header = new ArrayList<>(Arrays.asList(headings));
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
		if (!Double.isNaN(v) && s != null) {
			try {
				Double.parseDouble(s);
				// numbers come back with the table's decimals; whole numbers are written as such
				return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
			}
			catch (NumberFormatException e) {
				return s;
			}
		}
		return s == null ? "" : s;
	}
}
