package io.github.steeldefects.fiji;

import java.awt.GraphicsEnvironment;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ij.IJ;
import ij.Macro;
import ij.macro.Interpreter;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.SteelCommand;

/** Runs commands inside ImageJ 1: progress to the status bar and Log, results to windows. */
final class Ij1 {

	/** Commands that start TensorFlow. */
	private static final java.util.Set<String> NEEDS_TENSORFLOW = java.util.Set.of("features", "train", "classify",
		"evaluate", "pipeline");

	private Ij1() {}

	/** A {@link Progress} that reports through ImageJ; Esc cancels. */
	static Progress progress() {
		return new Progress() {

			@Override
			public void log(String message) {
				if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) System.out.println(message);
				else IJ.log(message);
			}

			@Override
			public void status(String message) {
				IJ.showStatus(message);
			}

			@Override
			public void progress(long done, long total) {
				IJ.showProgress(total <= 0 ? 1 : (double) done / total);
			}

			@Override
			public boolean isCanceled() {
				return IJ.escapePressed();
			}
		};
	}

	/** Runs a command and presents its results; errors are shown once and abort a running macro. */
	static SteelCommand runAndShow(String name, Map<String, String> options) {
		IJ.resetEscape();
		try {
			if (NEEDS_TENSORFLOW.contains(name)) {
				// inside Fiji, other plugins' jars may hide the engine's classes: say which, up front
				String clash = EngineClashCheck.problem();
				if (clash != null) throw new InputException(clash);
			}
			SteelCommand command = CommandRunner.create(name, options);
			command.setProgress(progress());
			// ImageJ's -batch mode has no ImageJ window but can hold images that a macro flattens
			// and saves: only a JVM without a display must not open anything
			Presenters.Presenter presenter = Presenters.find(name);
			if (presenter != null) presenter.prepare(command, java.awt.GraphicsEnvironment.isHeadless());
			command.run();
			Presenters.show(presenter, command);
			IJ.showProgress(1.0);
			return command;
		}
		catch (InputException e) {
			error(e.getMessage());
		}
		catch (CancellationException e) {
			IJ.showStatus("Steel Defects: canceled.");
			IJ.showProgress(1.0);
			abortMacro();
		}
		catch (RuntimeException e) {
			error("Steel Defects " + name + " failed: " + e);
			if (!GraphicsEnvironment.isHeadless()) IJ.handleException(e);
			else e.printStackTrace();
		}
		return null;
	}

	/** One error: a dialog in the GUI, standard error when headless or in -batch; aborts a macro. */
	static void error(String message) {
		if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) {
			// no Log window here: IJ.log would print to standard output a second time
			System.err.println("Steel Defects: " + message);
		}
		else IJ.error("Steel Defects", message);
		abortMacro();
	}

	private static void abortMacro() {
		if (Interpreter.getInstance() != null || Macro.getOptions() != null) {
			// stop the macro here rather than letting it run on with missing results
			Interpreter.abort();
		}
	}
}
