package io.github.steeldefects;

/**
 * Bad input from the user: a file, a line, an image or an option that cannot be used as given.
 * The message is one sentence that names the input at fault and says what would fix it; the
 * command line exits with code 2 on it, and Fiji shows it in a single error dialog.
 */
public class InputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InputException(String message) {
		super(message);
	}

	public InputException(String message, Throwable cause) {
		super(message, cause);
	}
}
