package io.github.steeldefects.commands;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.scijava.command.Command;

import io.github.steeldefects.Progress;

/**
 * Base of every Steel Defects command. A command reads like its menu entry: its {@code @Plugin}
 * (the one registry, see {@link Commands}), its {@code @Parameter} fields (one-word, lower-case
 * names: they are the macro keys and the command-line keys alike), one call into the core, its
 * outputs. Fields are declared with {@code persist = false}, so an input left out never silently
 * comes back from a previous run.
 * <p>
 * The same class runs through SciJava's {@code CommandService} (Fiji, ImageJ2 headless), through
 * {@link CommandRunner} (the command line, the ImageJ 1 menus, macros and the macro bridge) and
 * directly from Java; whichever way, {@link #run} first makes {@link CommandRunner#check}'s checks,
 * so a command's {@link #execute} only checks what no annotation says.
 */
public abstract class SteelCommand implements Command {

	private Progress progress;
	private String summary = "";

	/** Where the command reports what it does; by default Fiji's status bar and Log, else standard output. */
	public void setProgress(Progress progress) {
		this.progress = progress == null ? Progress.NONE : progress;
	}

	public Progress progress() {
		if (progress == null) {
			Progress p = FijiHooks.current().progress();
			progress = p != null ? p : Progress.of(System.out::println);
		}
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
		CommandRunner.check(this);
		try {
			execute();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The work, once the fields passed their annotations' checks: check the rest, call the core, write outputs. */
	protected abstract void execute() throws IOException;
}
