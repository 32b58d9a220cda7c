package io.github.steeldefects.model;

import java.util.Locale;

/** What happens to RGB values 0..255 before they enter a model. */
public enum Preprocessing {
	/** The model's graph preprocesses itself: feed raw 0..255 (models exported by this plugin). */
	INSIDE,
	/** Keras Xception / Inception: {@code x / 127.5 - 1}, done before feeding. */
	XCEPTION,
	/** {@code x / 255}, done before feeding. */
	UNIT,
	/** Feed raw 0..255. */
	NONE;

	/** Parses inside|xception|unit|none, any case. */
	public static Preprocessing parse(String text) {
		String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
		for (Preprocessing p : values()) if (p.name().equals(t)) return p;
		throw new IllegalArgumentException("Preprocessing '" + text + "' is not one of inside, xception, unit, none.");
	}

	/** Applies this preprocessing in place. */
	public void apply(float[] rgb) {
		switch (this) {
			case XCEPTION -> { for (int i = 0; i < rgb.length; i++) rgb[i] = rgb[i] / 127.5f - 1f; }
			case UNIT -> { for (int i = 0; i < rgb.length; i++) rgb[i] = rgb[i] / 255f; }
			default -> { }
		}
	}
}
