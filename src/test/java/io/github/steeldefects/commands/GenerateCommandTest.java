package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.InputException;
import io.github.steeldefects.cli.Main;

class GenerateCommandTest {

	private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
		return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void commandLineWritesTheDatasetAndExitsZero(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("data");
		ByteArrayOutputStream so = new ByteArrayOutputStream();
		ByteArrayOutputStream se = new ByteArrayOutputStream();
		int rc = cli(so, se, "generate", "out=" + out, "images=6", "seed=5", "width=320", "height=64", "format=old");
		assertEquals(0, rc, se.toString(StandardCharsets.UTF_8));
		String summary = so.toString(StandardCharsets.UTF_8);
		assertTrue(summary.contains("Generated 6 synthetic images"), summary);
		assertTrue(summary.contains("defect-free"), summary);
		assertTrue(summary.contains("class 3:"), summary);
		try (Stream<Path> s = Files.list(out.resolve("train_images"))) {
			assertEquals(6, s.count());
		}
		List<String> lines = Files.readAllLines(out.resolve("train.csv"));
		assertEquals("ImageId_ClassId,EncodedPixels", lines.get(0));
		assertEquals(1 + 4 * 6, lines.size());
	}

	@Test
	void commandLineExitsTwoOnBadInputAndWritesNothing(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("data");
		ByteArrayOutputStream so = new ByteArrayOutputStream();
		ByteArrayOutputStream se = new ByteArrayOutputStream();
		assertEquals(2, cli(so, se, "generate", "images=3"));
		assertTrue(se.toString(StandardCharsets.UTF_8).contains("out="), se.toString(StandardCharsets.UTF_8));
		assertEquals(2, cli(so, se, "generate", "out=" + out, "format=parquet"));
		assertEquals(2, cli(so, se, "generate", "out=" + out, "images=0"));
		assertEquals(2, cli(so, se, "generate", "out=" + out, "width=10"));
		assertFalse(Files.exists(out));

		// a non-empty folder is refused without overwrite=true, and left as it was
		Files.createDirectories(out);
		Files.writeString(out.resolve("train.csv"), "mine");
		se.reset();
		assertEquals(2, cli(so, se, "generate", "out=" + out, "images=2", "width=64", "height=32"));
		assertTrue(se.toString(StandardCharsets.UTF_8).contains("overwrite=true"), se.toString(StandardCharsets.UTF_8));
		assertEquals("mine", Files.readString(out.resolve("train.csv")));
		assertEquals(0, cli(so, se, "generate", "out=" + out, "images=2", "width=64", "height=32", "overwrite=true"));
		assertTrue(Files.readString(out.resolve("train.csv")).startsWith("ImageId,ClassId,EncodedPixels"));
	}

	@Test
	void runsThroughSciJavaCommandService(@TempDir Path tmp) throws Exception {
		Path out = tmp.resolve("data");
		try (Context ctx = new Context(CommandService.class)) {
			Map<String, Object> inputs = new HashMap<>();
			inputs.put("out", out.toFile());
			inputs.put("images", 4);
			inputs.put("seed", 9L);
			inputs.put("format", "new");
			inputs.put("width", 400);
			inputs.put("height", 64);
			inputs.put("overwrite", false);
			CommandModule module = ctx.service(CommandService.class).run(GenerateCommand.class, true, inputs).get();
			GenerateCommand command = (GenerateCommand) module.getCommand();
			assertEquals(4, command.result().images());
			assertTrue(command.summary().startsWith("Generated 4 synthetic images"));
			try (Stream<Path> s = Files.list(out.resolve("train_images"))) {
				assertEquals(4, s.count());
			}

			// choices are not checked by SciJava when set programmatically: the command checks them
			inputs.put("out", new File(tmp.toFile(), "other"));
			inputs.put("format", "xml");
			ExecutionException e = assertThrows(ExecutionException.class,
				() -> ctx.service(CommandService.class).run(GenerateCommand.class, true, inputs).get());
			assertTrue(causedBy(e, InputException.class), String.valueOf(e.getCause()));
			assertFalse(Files.exists(tmp.resolve("other")));
		}
	}

	private static boolean causedBy(Throwable t, Class<?> type) {
		for (Throwable c = t; c != null; c = c.getCause())
			if (type.isInstance(c)) return true;
		return false;
	}
}
