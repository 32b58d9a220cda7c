package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.scijava.plugin.Parameter;

import io.github.steeldefects.InputException;

class CommandsTest {

	/** plugins.config (written at build time) is what ImageJ reads; the registry is what the command line reads. */
	@Test
	void pluginsConfigListsExactlyTheAvailableCommands() throws Exception {
		List<String> menu = new ArrayList<>();
		Pattern line = Pattern.compile("Plugins>Steel Defects, \"(.+)\", io\\.github\\.steeldefects\\.fiji\\.SteelDefectsPlugin\\(\"(\\w+)\"\\)");
		try (BufferedReader r = new BufferedReader(new InputStreamReader(
			getClass().getResourceAsStream("/plugins.config"), StandardCharsets.UTF_8)))
		{
			String s;
			while ((s = r.readLine()) != null) {
				if (s.startsWith("#") || s.isBlank()) continue;
				Matcher m = line.matcher(s);
				assertTrue(m.matches(), "unexpected plugins.config line: " + s);
				Commands.Entry e = Commands.get(m.group(2));
				assertEquals(e.menuLabel(), m.group(1));
				menu.add(e.name());
			}
		}
		List<String> available = new ArrayList<>();
		for (Commands.Entry e : Commands.available()) available.add(e.name());
		assertEquals(available, menu);
	}

	/** One-word lower-case field names keep macro keys, CLI keys and Fiji's legacy keys identical. */
	@Test
	void everyInputIsAOneWordLowerCaseKeyThatDoesNotPersist() {
		for (Commands.Entry e : Commands.available()) {
			Class<? extends SteelCommand> c = e.commandClass();
			assertNotNull(c.getAnnotation(org.scijava.plugin.Plugin.class), e.name() + " is not a SciJava plugin");
			for (CommandRunner.Input in : CommandRunner.inputs(c)) {
				assertTrue(in.field().getName().matches("[a-z]+"), e.name() + "." + in.field().getName());
				Parameter p = in.annotation();
				assertTrue(!p.persist(), e.name() + "." + in.key() + " must be persist = false");
			}
		}
	}

	/** The @Plugin annotations are the registry: names, menu labels, order and TensorFlow marks come from them. */
	@Test
	void theRegistryIsReadFromThePluginIndex() {
		List<String> names = new ArrayList<>();
		List<String> tensorflow = new ArrayList<>();
		for (Commands.Entry e : Commands.available()) {
			names.add(e.name());
			if (e.needsTensorFlow()) tensorflow.add(e.name());
			org.scijava.plugin.Plugin p = e.commandClass().getAnnotation(org.scijava.plugin.Plugin.class);
			assertEquals(p.name(), e.name());
			assertEquals(p.label(), e.menuLabel());
			assertEquals(p.description(), e.description());
			assertTrue(e.menuLabel().endsWith("...") && !e.description().isBlank(), e.name());
			assertEquals(e, Commands.get(e.name().toUpperCase()), "command names are taken in any case");
		}
		assertEquals(List.of("generate", "import", "masks", "encode", "split", "augment", "features", "train", "classify",
			"evaluate", "pipeline"), names);
		assertEquals(List.of("features", "train", "classify", "evaluate", "pipeline"), tensorflow);
	}

	@Test
	void unknownCommandListsTheCommands() {
		InputException ex = assertThrows(InputException.class, () -> Commands.get("nosuch"));
		assertTrue(ex.getMessage().contains("nosuch"), ex.getMessage());
	}
}
