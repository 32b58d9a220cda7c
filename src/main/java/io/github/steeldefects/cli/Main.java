package io.github.steeldefects.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CancellationException;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.commands.Options;
import io.github.steeldefects.commands.SteelCommand;
import io.github.steeldefects.io.IoFaults;

/**
 * The headless command line: {@code java -jar Steel_Defects.jar COMMAND key=value ...}, with the
 * same keys as the command's macro options. Exit code 0 on success, 2 on bad input (one sentence
 * on standard error), 1 on any other failure.
 */
public final class Main {

	private Main() {}

	public static void main(String[] args) {
		// DJL logs through SLF4J; without a logging backend SLF4J warns about it on every run
		if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
		quietTensorFlow();
		System.exit(run(args, System.out, System.err));
	}

	/** The C library's setenv, to reach TensorFlow's native code (Java cannot change its own environment). */
	interface CLibrary extends com.sun.jna.Library {
		int setenv(String name, String value, int overwrite);
	}

	/**
	 * TensorFlow's native start-up notices ("oneDNN custom operations are on", ...) would follow every
	 * command on standard error; keep its warnings and errors only, unless the user set
	 * TF_CPP_MIN_LOG_LEVEL.
	 */
	static void quietTensorFlow() {
		if (System.getenv("TF_CPP_MIN_LOG_LEVEL") != null) return;
		try {
			com.sun.jna.Native.load("c", CLibrary.class).setenv("TF_CPP_MIN_LOG_LEVEL", "1", 0);
		}
		catch (Throwable e) {
			// not a C library we can reach: TensorFlow is only noisier
		}
	}

	/** Runs one command line and returns its exit code; never calls System.exit. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
			usage(out);
			return args.length == 0 ? 2 : 0;
		}
		try {
			Commands.Entry entry = Commands.get(args[0]);
			if (args.length > 1 && (args[1].equals("help") || args[1].equals("--help"))) {
				out.print(CommandRunner.help(entry));
				return 0;
			}
			Map<String, String> options = Options.parseArgs(args, 1);
			SteelCommand command = CommandRunner.create(entry.name(), options);
			command.setProgress(Progress.of(out::println));
			command.run();
			if (!command.summary().isEmpty()) out.println(command.summary());
			return 0;
		}
		catch (InputException e) {
			err.println(e.getMessage());
			return 2;
		}
		catch (CancellationException e) {
			err.println("Canceled.");
			return 1;
		}
		catch (UncheckedIOException e) {
			err.println("Failed: " + IoFaults.text(e));
			return 1;
		}
		catch (RuntimeException | Error e) {
			err.println("Failed: " + e);
			e.printStackTrace(err);
			return 1;
		}
	}

	private static void usage(PrintStream out) {
		out.println("Steel Defects for Fiji: java -jar Steel_Defects.jar COMMAND key=value ...");
		out.println("The keys are the command's macro option keys. 'java -jar Steel_Defects.jar COMMAND help' lists them.");
		out.println("Commands:");
		for (Commands.Entry e : Commands.available())
			out.printf("  %-10s %s%n", e.name(), e.description());
	}
}
