package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.split.SeverstalTables;

class SplitCommandTest {

	@TempDir
	static Path dir;

	static Path table;

	@BeforeAll
	static void paintTable() throws IOException {
		table = SeverstalTables.write(dir.resolve("table.csv"), SeverstalTables.smallMix());
	}

	private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
		return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
			StandardCharsets.UTF_8));
	}

	@Test
	void commandLineSplitsAndRefusesBadInput() throws IOException {
		Path out = dir.resolve("cli");
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		// the single 2_4 image: exit 2, one sentence, nothing written
		assertEquals(2, cli(o, e, "split", "table=" + table, "out=" + out, "seed=1"));
		assertTrue(e.toString(StandardCharsets.UTF_8).contains("'2_4'"), e.toString(StandardCharsets.UTF_8));
		assertFalse(Files.exists(out.resolve("x_train.csv")));

		o.reset();
		e.reset();
		assertEquals(0, cli(o, e, "split", "table=" + table, "out=" + out, "seed=1", "rare=merge"), e.toString());
		String printed = o.toString(StandardCharsets.UTF_8);
		// 187 images: test ceil(18.7) = 19, val ceil(0.2 * 168) = 34, train 134
		assertTrue(printed.contains("134 train / 34 val / 19 test"), printed);
		assertTrue(printed.contains("defect ratio") && printed.contains("rare=merge pooled"), printed);
		for (String f : new String[] { "x_train.csv", "x_val.csv", "x_test.csv" }) assertTrue(Files.exists(out.resolve(f)));
		byte[] train = Files.readAllBytes(out.resolve("x_train.csv"));

		// existing outputs: exit 2 and untouched, unless overwrite=true
		e.reset();
		assertEquals(2, cli(o, e, "split", "table=" + table, "out=" + out, "seed=2", "rare=merge"));
		assertTrue(e.toString(StandardCharsets.UTF_8).contains("overwrite=true"), e.toString(StandardCharsets.UTF_8));
		assertArrayEquals(train, Files.readAllBytes(out.resolve("x_train.csv")));
		assertEquals(0, cli(o, e, "split", "table=" + table, "out=" + out, "seed=1", "rare=merge", "overwrite=true"));
		assertArrayEquals(train, Files.readAllBytes(out.resolve("x_train.csv")), "same seed, same bytes");

		Path none = dir.resolve("none");
		for (String[] bad : new String[][] { { "test=1.5" }, { "val=0" }, { "stratify=colour" }, { "rare=maybe" },
			{ "table=" + dir.resolve("missing.csv") } })
		{
			e.reset();
			String[] args = { "split", "table=" + table, "out=" + none, "rare=merge", bad[0] };
			assertEquals(2, cli(o, e, args), bad[0]);
			String msg = e.toString(StandardCharsets.UTF_8).trim();
			assertFalse(msg.isEmpty() || msg.contains("\n") || msg.contains("Exception"), msg);
		}
		assertFalse(Files.exists(none), "nothing may be written on bad input");
	}

	@Test
	void commandServiceRunsItHeadless() throws Exception {
		Path out = dir.resolve("service");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("table", table.toFile());
		inputs.put("out", out.toFile());
		inputs.put("stratify", "defect");
		inputs.put("seed", 4L);
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(SplitCommand.class, true, inputs).get();
			SplitCommand c = (SplitCommand) m.getCommand();
			assertArrayEquals(new int[] { 134, 34, 19 }, c.splitSummary().totals());
			assertEquals(2, c.splitSummary().counts().size());
		}
		assertTrue(Files.exists(out.resolve("x_val.csv")));
	}
}
