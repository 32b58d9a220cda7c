package io.github.steeldefects;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * How the core reports what it does, without knowing whether a Fiji window, a log service or a
 * terminal is listening (in the spirit of TrackMate's Logger).
 */
public interface Progress {

	/** A line worth keeping in a log. */
	void log(String message);

	/** A short, transient status (e.g. "Decoding masks 120/400"). */
	default void status(String message) {}

	/** Fraction done, for a progress bar. */
	default void progress(long done, long total) {}

	/** True once the user asked to stop; long loops call {@link #checkCanceled()}. */
	default boolean isCanceled() {
		return false;
	}

	/** Throws {@link CancellationException} when the user asked to stop. */
	default void checkCanceled() {
		if (isCanceled()) throw new CancellationException("Canceled by the user.");
	}

	/** Time left in words: "8 s", "2 min 5 s", "1 h 02 min"; "?" when it is not known. */
	static String eta(double seconds) {
		if (!Double.isFinite(seconds)) return "?";
		long s = Math.round(Math.max(0, seconds));
		return s >= 3600 ? s / 3600 + " h " + String.format(java.util.Locale.ROOT, "%02d", s / 60 % 60) + " min"
			: s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
	}

	/** Discards everything. */
	Progress NONE = message -> {};

	/** Sends log lines to the given sink, ignores the rest. */
	static Progress of(Consumer<String> sink) {
		return sink::accept;
	}
}
