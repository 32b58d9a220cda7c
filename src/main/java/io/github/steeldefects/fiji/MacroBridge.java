package io.github.steeldefects.fiji;

import io.github.steeldefects.commands.Options;
import io.github.steeldefects.commands.SteelCommand;

/**
 * Runs a command from an ImageJ macro where ImageJ has no menus (a headless JVM), through the
 * macro function {@code call}:
 *
 * <pre>
 * call("io.github.steeldefects.fiji.MacroBridge.run", "split", "table=/data/table.csv out=/data/split");
 * </pre>
 *
 * The options are the same as those of {@code run("Split Dataset...", "...")}. Returns the
 * command's summary, or an empty string after an error (which is printed and aborts the macro).
 */
public final class MacroBridge {

	private MacroBridge() {}

	public static String run(String command, String options) {
		SteelCommand done = Ij1.runAndShow(command, Options.parse(options));
		return done == null ? "" : done.summary();
	}
}
