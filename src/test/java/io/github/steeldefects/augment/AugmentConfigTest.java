package io.github.steeldefects.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;
import io.github.steeldefects.augment.AugmentConfig.Kind;
import io.github.steeldefects.commands.Options;

class AugmentConfigTest {

	@Test
	void macroOptionStringParses() {
		Map<String, String> o = Options.parse(
			"images=/data/train_images image=0002cc93b.jpg augment=[hflip vflip brightness=0.2 contrast=0.2 noise=0.02 shift=0.05 zoom=0.1] n=8");
		AugmentConfig c = AugmentConfig.parse(o.get("augment"));
		for (Kind k : Kind.values()) assertTrue(c.get(k) != null, k + " is in the default set");
		assertEquals(0.5, c.get(Kind.HFLIP).probability());
		assertEquals(0.2, c.get(Kind.BRIGHTNESS).strength());
		assertEquals(1.0, c.get(Kind.BRIGHTNESS).probability());
		assertEquals(0.02, c.get(Kind.NOISE).strength());
		assertEquals(0.05, c.get(Kind.SHIFT).strength());
		assertEquals(0.1, c.get(Kind.ZOOM).strength());
	}

	@Test
	void probabilitiesAndDefaults() {
		AugmentConfig c = AugmentConfig.parse("hflip=0.3 zoom=0.15@0.5 , brightness; VFLIP@0.9");
		assertEquals(0.3, c.get(Kind.HFLIP).probability());
		assertEquals(0.9, c.get(Kind.VFLIP).probability());
		assertEquals(0.15, c.get(Kind.ZOOM).strength());
		assertEquals(0.5, c.get(Kind.ZOOM).probability());
		assertEquals(0.2, c.get(Kind.BRIGHTNESS).strength());
		assertNull(c.get(Kind.NOISE));
	}

	@Test
	void canonicalStringReadsBackTheSame() {
		AugmentConfig c = AugmentConfig.parse("zoom=0.1@0.5 hflip=0.3 brightness=0.25 vflip");
		assertEquals("hflip=0.3 vflip zoom=0.1@0.5 brightness=0.25", c.toString());
		assertEquals(c, AugmentConfig.parse(c.toString()));
		assertEquals("none", AugmentConfig.parse("").toString());
		assertTrue(AugmentConfig.parse("none").isEmpty());
		assertTrue(AugmentConfig.parse("[ ]").isEmpty());
		assertTrue(AugmentConfig.parse("brightness=0 hflip=0").isEmpty());
	}

	@Test
	void badTokensAreNamed() {
		String[][] cases = { { "hflip bright=0.2", "'bright=0.2'" }, { "zoom=abc", "'abc' is not a number" },
			{ "zoom=2", "between 0 and 0.5" }, { "hflip=1.5", "between 0 and 1" }, { "noise=0.02@7", "'noise=0.02@7'" },
			{ "hflip hflip=0.2", "given twice" }, { "zoom@0.5=0.1", "after the value" }, { "hflip=0.5@0.5", "only a probability" } };
		for (String[] c : cases) {
			InputException e = assertThrows(InputException.class, () -> AugmentConfig.parse(c[0]), c[0]);
			assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
		}
	}
}
