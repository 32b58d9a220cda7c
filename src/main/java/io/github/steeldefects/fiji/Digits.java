package io.github.steeldefects.fiji;

import java.util.List;
import java.util.Locale;

import ij.measure.ResultsTable;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.Thresholds;

/**
 * Enough decimals to tell a probability from the threshold it was compared with: a threshold of
 * 0.99997 beside a probability of 0.999982 shows as {@code 0.99998 >= 0.99997}, not {@code 1.00}
 * beside {@code 1.00}.
 */
final class Digits {

	static final int MIN = 2, MAX = 8;

	private Digits() {}

	/**
	 * The fewest decimals (at least {@link #MIN}) at which p and t read differently and a threshold
	 * short of 0 or 1 does not read as 0 or 1; {@link #MAX} when they never do.
	 */
	static int toTell(double p, double t) {
		if (Double.isNaN(p) || Double.isNaN(t)) return MIN;
		for (int d = MIN; d < MAX; d++) {
			String ts = fixed(t, d);
			double shown = Double.parseDouble(ts);
			boolean edge = (shown == 0 || shown == 1) && t != shown;
			if (!edge && (p == t || !fixed(p, d).equals(ts))) return d;
		}
		return MAX;
	}

	/** The decimals a column of probabilities needs so that each reads differently from its threshold. */
	static int toTell(double[] p, double t) {
		int d = MIN;
		for (double v : p) d = Math.max(d, toTell(v, t));
		return d;
	}

	static String fixed(double v, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", v);
	}

	/** "0.99998 >= 0.99997" or "0.31 < 0.50": the probability, the comparison and the threshold. */
	static String versus(double p, double t) {
		if (Double.isNaN(t)) return fixed(p, MIN);
		int d = toTell(p, t);
		return fixed(p, d) + (p >= t ? " \u2265 " : " < ") + fixed(t, d);
	}

	/** Sets the probability columns' decimals so that each row's probability reads differently from the threshold. */
	static void probabilityColumns(ResultsTable rt, List<ClassifiedImage> rows, Thresholds thresholds) {
		if (thresholds == null || rows.isEmpty()) return;
		int k = rows.get(0).probabilities().length;
		int all = Digits.MIN;
		for (int o = 0; o < k; o++) {
			double[] p = new double[rows.size()];
			for (int i = 0; i < p.length; i++) p[i] = rows.get(i).probabilities()[o];
			int d = Digits.toTell(p, thresholds.get(Math.min(o, thresholds.size() - 1)));
			all = Math.max(all, d);
			int col = rt.getColumnIndex(k == 1 ? "probability" : "probability_" + (o + 1));
			if (k > 1 && col >= 0) rt.setDecimalPlaces(col, Math.max(4, d));
		}
		int col = rt.getColumnIndex("probability");
		if (col >= 0) rt.setDecimalPlaces(col, Math.max(4, all));
	}

	/** "0.99998 >= 0.99997" (one output), or the largest class probability against its class's threshold. */
	static String label(ClassifiedImage c, Thresholds thresholds) {
		if (thresholds == null) return Digits.fixed(c.probability(), Digits.MIN);
		float[] p = c.probabilities();
		int o = 0;
		for (int i = 1; i < p.length; i++) if (p[i] > p[o]) o = i;
		String v = Digits.versus(p[o], thresholds.get(Math.min(o, thresholds.size() - 1)));
		return p.length == 1 ? v : "class " + (o + 1) + " " + v;
	}
}
