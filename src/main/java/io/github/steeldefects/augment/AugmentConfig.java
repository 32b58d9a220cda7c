package io.github.steeldefects.augment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.steeldefects.InputException;

/**
 * Which augmentations to apply, each with a strength and a probability, as written in a macro:
 * {@code augment=[hflip vflip brightness=0.2 contrast=0.2 noise=0.02 shift=0.05 zoom=0.1]}.
 * <ul>
 * <li>{@code hflip}, {@code vflip}: mirror image and masks; the value is the probability
 * (default 0.5), e.g. {@code hflip=0.3}.</li>
 * <li>{@code brightness=b}: add a level drawn from [-b, b] x 255 (default 0.2).</li>
 * <li>{@code contrast=c}: stretch about the image mean by a factor drawn from [1-c, 1+c] (default 0.2).</li>
 * <li>{@code noise=s}: add gaussian noise of standard deviation s x 255 (default 0.02).</li>
 * <li>{@code shift=s}: move by whole pixels, up to s x width across and s x height down (default 0.05).</li>
 * <li>{@code zoom=z}: scale about the centre by a factor drawn from [1-z, 1+z] (default 0.1).</li>
 * </ul>
 * Strength operations apply always unless a probability follows an {@code @}: {@code zoom=0.1@0.5}
 * zooms half of the time. The order in the string does not matter: geometry (flips, shift and
 * zoom together) comes first, then contrast, brightness and noise. {@code none} or an empty string
 * means no augmentation.
 */
public final class AugmentConfig {

	/** The operations, in the order they are applied. */
	public enum Kind {
		HFLIP(0.5, 1, true), VFLIP(0.5, 1, true), SHIFT(0.05, 0.5, false), ZOOM(0.1, 0.5, false),
		CONTRAST(0.2, 1, false), BRIGHTNESS(0.2, 1, false), NOISE(0.02, 0.5, false);

		/** Default strength (for flips: default probability). */
		final double defaultValue;
		/** Largest strength accepted. */
		final double maxStrength;
		final boolean flip;

		Kind(double defaultValue, double maxStrength, boolean flip) {
			this.defaultValue = defaultValue;
			this.maxStrength = maxStrength;
			this.flip = flip;
		}

		/** The name used in option strings. */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * One operation: how strong, and how often (0..1).
	 *
	 * @param strength the operation's range (unused by flips)
	 */
	public record Op(Kind kind, double strength, double probability) {

		@Override
		public String toString() {
			if (kind.flip) return probability == 0.5 ? kind.key() : kind.key() + "=" + num(probability);
			return kind.key() + "=" + num(strength) + (probability == 1 ? "" : "@" + num(probability));
		}
	}

	/** No augmentation. */
	public static final AugmentConfig NONE = new AugmentConfig(new EnumMap<>(Kind.class));

	/** A sensible default for Severstal-like line-scan images. */
	public static final String DEFAULT = "hflip vflip brightness=0.2 contrast=0.2 noise=0.02 shift=0.05 zoom=0.1";

	private final Map<Kind, Op> ops;

	private AugmentConfig(Map<Kind, Op> ops) {
		this.ops = Collections.unmodifiableMap(ops);
	}

	/** Parses an option string; a bad token is an {@link InputException} that names it. */
	public static AugmentConfig parse(String text) {
		if (text == null) return NONE;
		String t = text.trim();
		if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1).trim();
		if (t.isEmpty() || t.equalsIgnoreCase("none")) return NONE;
		Map<Kind, Op> ops = new EnumMap<>(Kind.class);
		for (String token : t.split("[\\s,;]+")) {
			if (token.isEmpty()) continue;
			// name[=value][@probability]
			String lower = token.toLowerCase(Locale.ROOT);
			int eq = lower.indexOf('='), at = lower.indexOf('@'), end = at >= 0 ? at : lower.length();
			if (at >= 0 && eq > at) throw bad(token, "write the probability after the value, e.g. zoom=0.1@0.5");
			String name = lower.substring(0, eq >= 0 ? eq : end);
			String value = eq >= 0 ? lower.substring(eq + 1, end) : null;
			String probability = at >= 0 ? lower.substring(at + 1) : null;
			Kind kind = kind(name, token);
			if (ops.containsKey(kind)) throw bad(token, kind.key() + " is given twice; give each operation once");
			double p;
			double s;
			if (kind.flip) {
				if (value != null && probability != null) throw bad(token,
					"a flip takes only a probability, e.g. " + kind.key() + "=0.5");
				String pv = value != null ? value : probability;
				p = pv == null ? kind.defaultValue : number(pv, token, "probability", 0, 1);
				s = 0;
			}
			else {
				s = value == null ? kind.defaultValue : number(value, token, "strength", 0, kind.maxStrength);
				p = probability == null ? 1 : number(probability, token, "probability", 0, 1);
			}
			ops.put(kind, new Op(kind, s, p));
		}
		return new AugmentConfig(ops);
	}

	private static Kind kind(String name, String token) {
		for (Kind k : Kind.values())
			if (k.key().equals(name)) return k;
		throw bad(token, "it is not an augmentation; use hflip, vflip, brightness, contrast, noise, shift or zoom, " +
			"e.g. augment=[hflip brightness=0.2]");
	}

	private static double number(String v, String token, String what, double min, double max) {
		double d;
		try {
			d = Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw bad(token, "'" + v + "' is not a number");
		}
		if (!(d >= min && d <= max)) throw bad(token, "the " + what + " must lie between " + num(min) + " and " +
			num(max));
		return d;
	}

	private static InputException bad(String token, String why) {
		return new InputException("Augmentation option '" + token + "': " + why + ".");
	}

	/** The operation of that kind, or null when it is not used. */
	public Op get(Kind kind) {
		return ops.get(kind);
	}

	/** True when no operation would ever change an image. */
	public boolean isEmpty() {
		for (Op op : ops.values())
			if (op.probability > 0 && (op.kind.flip || op.strength > 0)) return false;
		return true;
	}

	/**
	 * The canonical option string (fixed order, strengths written out), e.g. for recording with a
	 * model or keying a feature cache: equal strings mean equal augmentations.
	 */
	@Override
	public String toString() {
		if (ops.isEmpty()) return "none";
		List<String> parts = new ArrayList<>();
		for (Op op : ops.values()) parts.add(op.toString());
		return String.join(" ", parts);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof AugmentConfig && toString().equals(o.toString());
	}

	@Override
	public int hashCode() {
		return toString().hashCode();
	}

	static String num(double d) {
		if (d == Math.rint(d)) return String.valueOf((long) d);
		return String.valueOf(d);
	}
}
