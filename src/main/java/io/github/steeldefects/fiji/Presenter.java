package io.github.steeldefects.fiji;

import org.scijava.plugin.SciJavaPlugin;

import io.github.steeldefects.commands.SteelCommand;

/**
 * Shows a finished command's results in ImageJ: stacks with overlays, the Results table, plots.
 * A presenter is a SciJava plugin of this type ({@code @Plugin(type = Presenter.class)}), found in
 * the plugin index by the command type it names, e.g. {@code implements Presenter<SplitCommand>};
 * a command without one has its summary logged.
 *
 * @param <C> the command whose results it shows
 */
public interface Presenter<C extends SteelCommand> extends SciJavaPlugin {

	/** @param headless true when no window may be opened (only the Results table and the log) */
	void show(C command, boolean headless);

	/** Called before the command runs, e.g. to attach a live plot; does nothing by default. */
	default void prepare(C command, boolean headless) {}
}
