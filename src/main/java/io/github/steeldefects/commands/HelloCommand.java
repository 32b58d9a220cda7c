package io.github.steeldefects.commands;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Throwaway: proves that a command is one file. */
@Plugin(type = Command.class, headless = true, name = "hello", label = "Say Hello...", priority = 5,
	description = "Says hello (a throwaway command).")
public class HelloCommand extends SteelCommand {

	@Parameter(label = "who", description = "whom to greet", persist = false, choices = { "world", "fiji" })
	private String who = "world";

	@Parameter(label = "times", description = "how often", persist = false, min = "1", max = "3")
	private int times = 1;

	@Override
	protected void execute() {
		setSummary(("Hello, " + who + "! ").repeat(times).trim());
	}
}
