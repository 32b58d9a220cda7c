package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The status line of a long step says what is happening, how far, the time left, and that Esc cancels. */
class Ij1StatusTest {

	@Test
	void aCountedStepSaysHowFarTheTimeLeftAndThatEscCancels() {
		assertEquals("Classified: 120/400, 1 min 5 s left (Esc cancels)", Ij1.statusText("Classified", 120, 400, 65.2));
		assertEquals("Features 12/45 (Esc cancels)", Ij1.statusText("Features 12/45", 12, 45, Double.NaN));
		assertEquals("Training: 400/400 (Esc cancels)", Ij1.statusText("Training", 400, 400, 0));
		assertEquals("Epoch 3, batch 2/5, 4 s left (Esc cancels)", Ij1.statusText("Epoch 3, batch 2/5", 12, 30, 4));
	}
}
