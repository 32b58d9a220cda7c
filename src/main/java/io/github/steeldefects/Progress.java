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

	/** Discards everything. */
	Progress NONE = message -> {};

	/** Sends log lines to the given sink, ignores the rest. */
	static Progress of(Consumer<String> sink) {
		return sink::accept;
	}
}
