package io.github.steeldefects.fiji;

import java.awt.GraphicsEnvironment;
import java.util.HashMap;
import java.util.Map;


import io.github.steeldefects.commands.SteelCommand;

/**
 * Shows a finished command's results in ImageJ: stacks with overlays, the Results table, plots.
 * Each command has its presenter class here (loaded by name); without one, the summary goes to
 * the Log window.
 */
public final class Presenters {

	/** Shows one command's results. */
	public interface Presenter {

		/** @param headless true when no window may be opened (only the Results table and the log) */
		void show(SteelCommand command, boolean headless);

		/** Called before the command runs, e.g. to attach a live plot; does nothing by default. */
		default void prepare(SteelCommand command, boolean headless) {}
	}

	private static final Map<String, String> PRESENTERS = new HashMap<>();

	static {
		for (String name : new String[] { "generate", "import", "masks", "encode", "split", "augment", "features",
			"train", "classify", "evaluate", "pipeline" })
		{
			PRESENTERS.put(name, "io.github.steeldefects.fiji." + Character.toUpperCase(name.charAt(0)) +
				name.substring(1) + "Presenter");
		}
	}

	private Presenters() {}

	/** Shows a finished command's results with its presenter (null: the summary goes to the log). */
	static void show(Presenter p, SteelCommand command) {
		boolean headless = GraphicsEnvironment.isHeadless();
		if (p != null) p.show(command, headless);
		else if (!command.summary().isEmpty()) Ij1.progress().log(command.summary());
	}

	/** The presenter of a command, or null; one instance serves prepare and show. */
	static Presenter find(String name) {
		String cls = PRESENTERS.get(name);
		if (cls == null) return null;
		try {
			return (Presenter) Class.forName(cls, true, Presenters.class.getClassLoader()).getDeclaredConstructor()
				.newInstance();
		}
		catch (ClassNotFoundException e) {
			return null;
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot create " + cls, e);
		}
	}
}
