package io.github.steeldefects.fiji;

import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Window;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ij.IJ;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.commands.SteelCommand;

/** Runs commands inside ImageJ 1: progress to the status bar and Log, results to windows. */
final class Ij1 {

	private Ij1() {}

	/** A {@link Progress} that reports through ImageJ; Esc cancels. */
	static Progress progress() {
		return new StatusLine();
	}

	/** What the status line says after a bar reached {@code done} of {@code total} items, e.g. "Features 12/45, 8 s left (Esc cancels)". */
	static String statusText(String what, long done, long total, double secondsLeft) {
		StringBuilder sb = new StringBuilder(what == null ? "" : what);
		// a status with a count of its own ("Epoch 3, batch 2/5") keeps it
		if (total > 0 && !sb.toString().matches(".*\\d+/\\d+.*")) sb.append(sb.length() == 0 ? "" : ": ").append(done)
			.append('/').append(total);
		if (!Double.isNaN(secondsLeft) && done > 0 && done < total) sb.append(", ").append(Progress.eta(secondsLeft)).append(" left");
		return sb.append(" ").append(ESC_CANCELS).toString();
	}

	static final String ESC_CANCELS = "(Esc cancels)";

	/**
	 * The status line and progress bar of one command run: every status says what is happening now
	 * and that Esc cancels; a bar's ETA is measured from the start of its count.
	 */
	static final class StatusLine implements Progress {

		private String what = "";
		private long total = -1;
		private long startNanos;
		private long startDone;
		private long done;
		private double left = Double.NaN;

		@Override
		public void log(String message) {
			if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null) System.out.println(message);
			else IJ.log(message);
		}

		@Override
		public synchronized void status(String message) {
			what = message == null ? "" : message.replaceAll(" \\(Esc cancels\\)$", "");
			if (what.isEmpty()) IJ.showStatus("");
			// while a bar runs, a status without its own time left gets the bar's
			else if (total > 0 && done < total && !Double.isNaN(left) && !what.contains(" left")) IJ.showStatus(statusText(
				what, done, total, left));
			else IJ.showStatus(what + " " + ESC_CANCELS);
		}

		@Override
		public synchronized void progress(long done, long all) {
			long now = System.nanoTime();
			if (all != total || done < startDone) {
				total = all;
				startNanos = now;
				startDone = done;
			}
			this.done = done;
			IJ.showProgress(all <= 0 ? 1 : (double) done / all);
			left = Double.NaN;
			if (done > startDone && now > startNanos) left = (now - startNanos) / 1e9 / (done - startDone) * (all - done);
			// "Classified 100/400 images" is this bar's own count: the live one replaces it
			IJ.showStatus(statusText(what.replaceAll("\\s*\\d+/" + all + "\\b.*$", ""), done, all, left));
		}

		@Override
		public boolean isCanceled() {
			return IJ.escapePressed();
		}
	}

	/** Ends a run's status: the bar hidden and the status line cleared (or set to its last word). */
	static void endStatus(String last) {
		IJ.showProgress(1.0);
		IJ.showStatus(last);
	}

	/** Runs a command and presents its results; errors are shown once and abort a running macro. */
	static SteelCommand runAndShow(String name, Map<String, String> options) {
		return run(name, options, false).command;
	}

	/** A finished run: the command, or the one sentence that stopped it (null when it ran or was canceled). */
	record Run(SteelCommand command, String error) {}

	/**
	 * Runs a command and presents its results. The progress bar and status line are cleared at the
	 * end, whatever happened. With {@code reopen} (an interactive dialog that will show the error
	 * above the typed values) a bad input or an I/O fault is returned, not shown; otherwise every
	 * error is shown once and aborts a running macro.
	 */
	static Run run(String name, Map<String, String> options, boolean reopen) {
		IJ.resetEscape();
		try {
			Commands.Entry entry = Commands.get(name);
			if (entry.needsTensorFlow()) {
				// inside Fiji, other plugins' jars may hide the engine's classes: say which, up front
				String clash = EngineClashCheck.problem();
				if (clash != null) throw new InputException(clash);
			}
			SteelCommand command = CommandRunner.create(name, options);
			command.setProgress(progress());
			// ImageJ's -batch mode has no ImageJ window but can hold images that a macro flattens
			// and saves: only a JVM without a display must not open anything
			Presenters.Bound presenter = Presenters.of(command);
			presenter.prepare(GraphicsEnvironment.isHeadless());
			IJ.showStatus(entry.menuLabel().replace("...", "") + " " + ESC_CANCELS);
			command.run();
			endStatus("");
			presenter.show();
			tidy();
			endStatus("");
			return new Run(command, null);
		}
		catch (InputException | java.io.UncheckedIOException e) {
			endStatus("");
			String message = e instanceof InputException ? e.getMessage() : "Steel Defects " + name + " failed: " + e.getCause();
			if (reopen) return new Run(null, message);
			error(message);
		}
		catch (CancellationException e) {
			endStatus("Steel Defects: canceled.");
			abortMacro();
		}
		catch (RuntimeException e) {
			endStatus("");
			error("Steel Defects " + name + " failed: " + e);
			if (!GraphicsEnvironment.isHeadless()) IJ.handleException(e);
			else e.printStackTrace();
		}
		return new Run(null, null);
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

	/** Zooms an image's window out until it is no wider (and no taller) than the screen. */
	static void fitScreen(ij.ImagePlus imp) {
		ij.gui.ImageWindow win = imp.getWindow();
		if (win == null) return;
		Rectangle screen = win.getGraphicsConfiguration().getBounds();
		for (int i = 0; i < 4 && (win.getWidth() > screen.width || win.getHeight() > screen.height); i++) {
			win.getCanvas().zoomOut(0, 0);
			win.pack();
		}
		if (win.getX() + win.getWidth() > screen.x + screen.width) win.setLocation(screen.x, win.getY());
	}

	/** Moves the Log window beside (or below) the Results window when the two overlap. */
	static void tidy() {
		if (IJ.getInstance() == null) return;
		Window results = WindowManager.getWindow("Results");
		Window log = WindowManager.getWindow("Log");
		if (results == null || log == null || !results.isVisible() || !log.isVisible()) return;
		Rectangle r = results.getBounds(), l = log.getBounds();
		if (!r.intersects(l)) return;
		Rectangle screen = results.getGraphicsConfiguration().getBounds();
		if (r.x + r.width + l.width <= screen.x + screen.width) log.setLocation(r.x + r.width, r.y);
		else if (r.y + r.height + l.height <= screen.y + screen.height) log.setLocation(r.x, r.y + r.height);
		else if (r.x - l.width >= screen.x) log.setLocation(r.x - l.width, r.y);
		else log.setLocation(screen.x, screen.y + screen.height - l.height);
	}
}
