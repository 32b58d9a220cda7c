package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;

class OptionsTest {

	@Test
	void parsesMacroOptionsAsTheRecorderWritesThem() {
		Map<String, String> o = Options.parse("table=/data/t.csv out=[/my data/split] test=0.10 Overwrite");
		assertEquals("/data/t.csv", o.get("table"));
		assertEquals("/my data/split", o.get("out"));
		assertEquals("0.10", o.get("test"));
		assertEquals("true", o.get("overwrite"), "a bare word is a checked box, keys are lower-cased");
		assertEquals(4, o.size());
	}

	@Test
	void keepsAugmentationConfigsInBrackets() {
		Map<String, String> o = Options.parse("augment=[hflip vflip brightness=0.2] seed=3");
		assertEquals("hflip vflip brightness=0.2", o.get("augment"));
		assertEquals("3", o.get("seed"));
	}

	@Test
	void rejectsUnclosedBracketsAndRepeatedKeys() {
		InputException e = assertThrows(InputException.class, () -> Options.parse("out=[/a b"));
		assertTrue(e.getMessage().contains("out"), e.getMessage());
		e = assertThrows(InputException.class, () -> Options.parse("seed=1 seed=2"));
		assertTrue(e.getMessage().contains("seed"), e.getMessage());
	}

	@Test
	void parsesCommandLineArguments() {
		Map<String, String> o = Options.parseArgs(new String[] { "split", "table=t.csv", "augment=[hflip zoom=0.1]",
			"overwrite" }, 1);
		assertEquals("t.csv", o.get("table"));
		assertEquals("hflip zoom=0.1", o.get("augment"));
		assertEquals("true", o.get("overwrite"));
		assertThrows(InputException.class, () -> Options.parseArgs(new String[] { "=3" }, 0));
	}

	@Test
	void formatBracketsValuesWithSpaces() {
		assertEquals("out=[/my data]", Options.format("out", "/my data"));
		assertEquals("seed=0", Options.format("seed", "0"));
		assertEquals(Map.of("out", "/my data"), Options.parse(Options.format("out", "/my data")));
	}
}
