package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.InputException;
import io.github.steeldefects.split.SeverstalTables;

/**
 * The {@code @Parameter} checks (required, choices in any case, min, max) hold whichever way a
 * command is run: the command line's {@link CommandRunner}, SciJava's CommandService, plain Java.
 */
class AnnotationChecksTest {

	@TempDir
	static Path dir;

	static Path table;

	@BeforeAll
	static void paintTable() throws IOException {
		table = SeverstalTables.write(dir.resolve("table.csv"), SeverstalTables.smallMix());
	}

	private static InputException refusedByCommandService(Class<? extends SteelCommand> type, Map<String, Object> inputs)
		throws InterruptedException
	{
		try (Context ctx = new Context(CommandService.class)) {
			ExecutionException e = assertThrows(ExecutionException.class,
				() -> ctx.service(CommandService.class).run(type, true, inputs).get());
			Throwable cause = e.getCause();
			while (cause != null && !(cause instanceof InputException)) cause = cause.getCause();
			assertInstanceOf(InputException.class, cause, String.valueOf(e));
			return (InputException) cause;
		}
	}

	@Test
	void commandServiceRunsMeetTheSameChecksAsTheCommandLine() throws Exception {
		Path none = dir.resolve("refused");
		Map<String, Object> in = new HashMap<>();
		in.put("images", dir.toFile());
		in.put("n", 0);
		assertTrue(refusedByCommandService(AugmentCommand.class, in).getMessage()
			.contains("Option n of the augment command must lie between 1 and 64, not 0."));

		in = new HashMap<>();
		in.put("table", table.toFile());
		in.put("out", none.toFile());
		in.put("rare", "maybe");
		assertEquals("Option rare of the split command must be one of error, merge, not 'maybe'.",
			refusedByCommandService(SplitCommand.class, in).getMessage());

		in.put("rare", "merge");
		in.put("test", Double.NaN);
		assertEquals("Option test of the split command must be a number, not NaN.",
			refusedByCommandService(SplitCommand.class, in).getMessage());

		// a required input left out: SciJava itself cancels the run (its own check of required inputs)
		in = new HashMap<>();
		in.put("table", table.toFile());
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(SplitCommand.class, true, in).get();
			assertTrue(m.isCanceled(), "ran without out=");
			assertTrue(String.valueOf(m.getCancelReason()).contains("'out' is required"), m.getCancelReason());
		}
		assertFalse(Files.exists(none), "nothing may be written on bad input");
	}

	@Test
	void choicesAreTakenInAnyCaseOnEveryPath() throws Exception {
		// CommandService: rare=MERGE is rare=merge
		Map<String, Object> in = new HashMap<>();
		in.put("table", table.toFile());
		in.put("out", dir.resolve("service").toFile());
		in.put("rare", "MERGE");
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(SplitCommand.class, true, in).get();
			assertArrayEquals(new int[] { 134, 34, 19 }, ((SplitCommand) m.getCommand()).splitSummary().totals());
			assertEquals("merge", field(m.getCommand(), "rare"));
		}
		// the command line and the macros: bn=Train is bn=train, device=CPU is device=cpu
		Map<String, String> options = new LinkedHashMap<>();
		for (String k : new String[] { "train", "val", "images", "out" }) options.put(k, "x");
		options.put("bn", "Train");
		options.put("device", " CPU");
		options.put("finetune", "ALL");
		SteelCommand train = CommandRunner.create("train", options);
		assertEquals("train", field(train, "bn"));
		assertEquals("cpu", field(train, "device"));
		options.put("bn", "trains");
		InputException e = assertThrows(InputException.class, () -> CommandRunner.create("train", options));
		assertEquals("Option bn of the train command must be one of auto, train, freeze, not 'trains'.", e.getMessage());
	}

	@Test
	void plainJavaRunsAreCheckedToo() {
		InputException e = assertThrows(InputException.class, () -> new MasksCommand().run());
		assertTrue(e.getMessage().startsWith("The masks command needs csv=..."), e.getMessage());
	}

	private static Object field(Object command, String name) throws ReflectiveOperationException {
		Field f = command.getClass().getDeclaredField(name);
		f.setAccessible(true);
		return f.get(command);
	}
}
