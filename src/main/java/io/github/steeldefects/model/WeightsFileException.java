package io.github.steeldefects.model;

import java.nio.file.Path;

/** A weights file that cannot be used, with a message naming the file, the problem and the fix. */
public final class WeightsFileException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	public WeightsFileException(Path file, String message) {
		super(message);
		this.file = file;
	}

	public WeightsFileException(Path file, String message, Throwable cause) {
		super(message, cause);
		this.file = file;
	}

	/** The file at fault. */
	public Path file() {
		return file;
	}
}
