package io.github.steeldefects.commands;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.scijava.command.Command;

import io.github.steeldefects.Progress;

/**
 * Base of every Steel Defects command. A command reads like its menu entry: its {@code @Parameter}
 * fields (one-word, lower-case names: they are the macro keys and the command-line keys alike),
 * one call into the core, its outputs. Fields are declared with {@code persist = false}, so an
 * input left out never silently comes back from a previous run.
 * <p>
 * The same class runs three ways: through SciJava's {@code CommandService} (Fiji, ImageJ2
 * headless), through {@link CommandRunner} (the plugin's command line and the ImageJ 1 menu and
 * macro bridge), and directly from Java.
 */
public abstract class SteelCommand implements Command {

	private Progress progress = Progress.of(System.out::println);
	private String summary = "";

	/** Where the command reports what it does; by default, standard output. */
	public void setProgress(Progress progress) {
		this.progress = progress == null ? Progress.NONE : progress;
	}

	public Progress progress() {
		return progress;
	}

	/** A few lines that say what the command did (printed on the command line, logged in Fiji). */
	public String summary() {
		return summary;
	}

	protected void setSummary(String summary) {
		this.summary = summary == null ? "" : summary;
	}

	@Override
	public final void run() {
		try {
			execute();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * What Fiji has open (the open image, the Results table, ...), asked of a static no-argument
	 * method of a class of the Fiji face, loaded by name: commands and the core never touch ImageJ,
	 * and without ImageJ (or with nothing open) this is null.
	 */
	protected static Object fromFiji(String className, String method) {
		try {
			return Class.forName(className, true, SteelCommand.class.getClassLoader()).getMethod(method).invoke(null);
		}
		catch (ReflectiveOperationException | LinkageError e) {
			return null; // no ImageJ here
		}
	}

	/** The command's work: validate inputs, call the core, write outputs. */
	protected abstract void execute() throws IOException;
}
