package io.github.steeldefects.classify;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.steeldefects.InputException;

/**
 * Decision thresholds, one per model output. An output is predicted positive when its probability
 * is {@code >= threshold}, compared in single precision as the model gives probabilities: so a
 * threshold copied from a probability in the predictions CSV selects that very image.
 */
public final class Thresholds {

	private final double[] values;

	private Thresholds(double[] values) {
		this.values = values;
	}

	/** The given thresholds, one per output. */
	public static Thresholds of(double... values) {
		for (double v : values) {
			if (!(v >= 0 && v <= 1)) throw new InputException("Threshold " + v + " is not a probability; give a value from 0 to 1.");
		}
		return new Thresholds(values.clone());
	}

	/**
	 * Parses the {@code threshold=} option: {@code auto} or empty gives {@code modelThresholds}; one
	 * number applies to every output; a comma-separated list gives one per output.
	 */
	public static Thresholds parse(String text, double[] modelThresholds, String command) {
		String t = text == null ? "" : text.trim();
		if (t.isEmpty() || t.equalsIgnoreCase("auto")) return of(modelThresholds);
		String[] parts = t.split(",");
		double[] v = new double[parts.length];
		for (int i = 0; i < parts.length; i++) {
			try {
				v[i] = Double.parseDouble(parts[i].trim());
			}
			catch (NumberFormatException e) {
				v[i] = Double.NaN;
			}
			if (!(v[i] >= 0 && v[i] <= 1)) throw new InputException("Option threshold of the " + command
				+ " command must be auto, a probability from 0 to 1, or one per model output separated by commas, not '" + text + "'.");
		}
		int outputs = modelThresholds.length;
		if (v.length == 1) {
			double[] all = new double[outputs];
			Arrays.fill(all, v[0]);
			return new Thresholds(all);
		}
		if (v.length != outputs) throw new InputException("Option threshold of the " + command + " command lists "
			+ v.length + " values but the model has " + outputs + (outputs == 1 ? " output" : " outputs") + "; give one value, or one per output.");
		return new Thresholds(v);
	}

	/** Checks the text of a {@code threshold=} option before any model is opened. */
	public static void check(String text, String command) {
		double[] any = new double[text == null ? 1 : Math.max(1, text.split(",").length)];
		Arrays.fill(any, 0.5);
		parse(text, any, command);
	}

	public int size() {
		return values.length;
	}

	public double get(int output) {
		return values[output];
	}

	public double[] values() {
		return values.clone();
	}

	/** True when {@code probability >= threshold} of that output (single precision). */
	public boolean predicts(int output, float probability) {
		return probability >= (float) values[output];
	}

	/** The common threshold of all outputs, or NaN when they differ. */
	public double common() {
		for (double v : values) if (v != values[0]) return Double.NaN;
		return values.length == 0 ? Double.NaN : values[0];
	}

	/** As a {@code threshold=} option reads it back: one value, or one per output separated by commas. */
	@Override
	public String toString() {
		if (!Double.isNaN(common())) return exact(common());
		return Arrays.stream(values).mapToObj(Thresholds::exact).collect(Collectors.joining(","));
	}

	/** A threshold with every digit it needs (so that it can be given back as threshold=), plain notation. */
	public static String exact(double v) {
		if (Double.isNaN(v)) return "NaN";
		return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
	}

	/** A number with up to 6 decimals, trailing zeros dropped; NaN as {@code NaN}. */
	public static String format(double v) {
		if (Double.isNaN(v)) return "NaN";
		String s = String.format(Locale.ROOT, "%.6f", v);
		if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
		return s.equals("-0") ? "0" : s;
	}
}
