package io.github.steeldefects.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;

class BalanceTest {

	static List<Balance.Item> items(int positives, int negatives) {
		List<Balance.Item> out = new ArrayList<>();
		for (int i = 0; i < positives + negatives; i++)
			out.add(new Balance.Item("img" + i + ".jpg", i % (positives + negatives) < positives));
		return out;
	}

	static int positives(List<Balance.Sample> s) {
		int n = 0;
		for (Balance.Sample x : s) if (x.positive()) n++;
		return n;
	}

	@Test
	void minorityIsCopiedToTheTargetRatio() {
		// 10 defect, 30 clean; 0.5 wants 30 defect: 20 copies, 2 of each defect image
		List<Balance.Sample> s = Balance.oversample(items(10, 30), 0.5, 0);
		assertEquals(60, s.size());
		assertEquals(30, positives(s));
		Map<String, Integer> copies = new HashMap<>();
		for (Balance.Sample x : s) if (x.variant() > 0) copies.merge(x.imageId(), 1, Integer::sum);
		assertEquals(10, copies.size());
		for (int c : copies.values()) assertEquals(2, c);
	}

	@Test
	void unevenCopiesAreSpreadAndSeeded() {
		// 7 defect, 20 clean, 0.4: 0.4 * 20 / 0.6 = 13.33 -> 13 defect images, 6 copies over 7 images
		List<Balance.Sample> a = Balance.oversample(items(7, 20), 0.4, 1);
		assertEquals(13, positives(a));
		Set<String> ids = new HashSet<>();
		for (Balance.Sample x : a) {
			if (x.variant() > 0) {
				assertEquals(1, x.variant());
				assertTrue(ids.add(x.imageId()));
			}
		}
		assertEquals(6, ids.size());
		assertEquals(a.toString(), Balance.oversample(items(7, 20), 0.4, 1).toString());
		Set<String> chosen = new HashSet<>();
		for (long seed = 0; seed < 20; seed++) chosen.add(Balance.oversample(items(7, 20), 0.4, seed).toString());
		assertTrue(chosen.size() > 1, "the seed chooses which images get the extra copy");
	}

	@Test
	void cleanImagesAreCopiedWhenDefectsAreTheMajority() {
		// Severstal: 6666 of 12568 have a defect; 0.5 copies 764 clean images
		List<Balance.Sample> s = Balance.oversample(items(6666, 5902), 0.5, 0);
		assertEquals(6666, positives(s));
		assertEquals(6666, s.size() - positives(s));
	}

	@Test
	void offOrReachedAddsNothing() {
		assertEquals(40, Balance.oversample(items(10, 30), 0, 0).size());
		assertEquals(40, Balance.oversample(items(10, 30), 0.25, 0).size());
		for (Balance.Sample x : Balance.oversample(items(10, 30), 0.25, 0)) assertEquals(0, x.variant());
	}

	@Test
	void impossibleTargetsAreRefused() {
		assertThrows(InputException.class, () -> Balance.oversample(items(10, 30), 1, 0));
		assertThrows(InputException.class, () -> Balance.oversample(items(10, 30), -0.5, 0));
		InputException e = assertThrows(InputException.class, () -> Balance.oversample(items(0, 30), 0.5, 0));
		assertTrue(e.getMessage().contains("none"), e.getMessage());
	}
}
