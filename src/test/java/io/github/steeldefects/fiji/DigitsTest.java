package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.data.Truth;

/** A probability is never shown with so few digits that it reads like its threshold. */
class DigitsTest {

	@Test
	void aProbabilityNextToAThresholdOf099997ShowsTheDigitsThatTellThemApart() {
		Thresholds t = Thresholds.of(0.99997);
		ClassifiedImage above = ClassifiedImage.of("a.jpg", new float[] { 0.999985f }, t, Truth.UNKNOWN);
		ClassifiedImage below = ClassifiedImage.of("b.jpg", new float[] { 0.99992f }, t, Truth.UNKNOWN);
		assertEquals("0.99998 \u2265 0.99997", Digits.label(above, t));
		assertEquals("0.99992 < 0.99997", Digits.label(below, t));
	}

	@Test
	void ordinaryValuesKeepTwoDecimals() {
		assertEquals("0.31 < 0.50", Digits.versus(0.31, 0.5));
		assertEquals("0.97 \u2265 0.62", Digits.versus(0.97, 0.62));
		assertEquals(2, Digits.toTell(0.5, 0.5));
	}

	@Test
	void aColumnTakesTheDecimalsOfItsClosestValue() {
		assertEquals(5, Digits.toTell(new double[] { 0.2, 0.99998, 0.7 }, 0.99997));
	}
}
