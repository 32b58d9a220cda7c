package io.github.steeldefects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one ETA formatter: the Fiji status line, the training log and the features log all say time left this way. */
class ProgressTest {

	@Test
	void timeLeftInWords() {
		assertEquals("0 s", Progress.eta(-3));
		assertEquals("8 s", Progress.eta(8.4));
		assertEquals("1 min 5 s", Progress.eta(65.2));
		assertEquals("59 min 59 s", Progress.eta(3599.4));
		assertEquals("1 h 00 min", Progress.eta(3600));
		assertEquals("2 h 05 min", Progress.eta(2 * 3600 + 5 * 60 + 20));
		assertEquals("?", Progress.eta(Double.NaN));
		assertEquals("?", Progress.eta(Double.POSITIVE_INFINITY));
	}
}
