package io.github.steeldefects.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import io.github.steeldefects.SeededRandom;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.InputException;

class StratifiedShuffleTest {

	@Test
	void testCountIsScikitLearnsCeiling() {
		assertEquals(1257, StratifiedShuffle.testCount(0.10, 12568)); // 1256.8
		assertEquals(2263, StratifiedShuffle.testCount(0.20, 11311)); // 2262.2
		assertEquals(3, StratifiedShuffle.testCount(0.25, 10)); // 2.5
		// 0.55 * 100 is 55.00000000000001 in floating point: scikit-learn's ceil gives 56, so do we
		assertEquals(56, StratifiedShuffle.testCount(0.55, 100));
		assertEquals(3, StratifiedShuffle.testCount(0.30, 10));
	}

	@Test
	void approximateModeFloorsThenFillsLargestRemainders() {
		// shares 3.5, 2.1, 1.4 -> floors 3, 2, 1 (6); the one left goes to the largest remainder (.5)
		assertArrayEquals(new int[] { 4, 2, 1 }, StratifiedShuffle.approximateMode(new int[] { 5, 3, 2 }, 7, new SeededRandom(1)));
		// shares 2.5, 1.5, 1.0 -> floors 2, 1, 1 (4); one left, tie .5/.5 between the first two
		int[] tie = StratifiedShuffle.approximateMode(new int[] { 5, 3, 2 }, 5, new SeededRandom(1));
		assertEquals(1, tie[2]);
		assertEquals(5, Arrays.stream(tie).sum());
		assertTrue(Arrays.equals(tie, new int[] { 3, 1, 1 }) || Arrays.equals(tie, new int[] { 2, 2, 1 }),
			Arrays.toString(tie));
		// exact shares: nothing to add
		assertArrayEquals(new int[] { 1, 1, 1 }, StratifiedShuffle.approximateMode(new int[] { 1, 1, 1 }, 3, new SeededRandom(1)));
		// three equal shares of 4.333: one more for one of them
		int[] even = StratifiedShuffle.approximateMode(new int[] { 10, 10, 10 }, 13, new SeededRandom(3));
		assertEquals(13, Arrays.stream(even).sum());
		for (int c : even) assertTrue(c == 4 || c == 5);
	}

	@Test
	void bothTieBreaksHappenForSomeSeed() {
		Set<String> seen = new HashSet<>();
		for (long seed = 0; seed < 50; seed++)
			seen.add(Arrays.toString(StratifiedShuffle.approximateMode(new int[] { 5, 3, 2 }, 5, new SeededRandom(seed))));
		assertEquals(Set.of("[3, 1, 1]", "[2, 2, 1]"), seen);
	}

	@Test
	void stratifiedSplitKeepsEachStratumsShare() {
		String[] strata = { "a", "b", "a", "c", "a", "b", "a", "c", "a", "b" }; // a 5, b 3, c 2
		StratifiedShuffle.Parts p = StratifiedShuffle.split(strata, strata.length, 0.3, new SeededRandom(7), "test");
		// n_test = 3, n_train = 7: train shares 3.5 / 2.1 / 1.4 -> 4 / 2 / 1; the rest, 1 / 1 / 1, is the test part
		assertEquals(7, p.train().length);
		assertEquals(3, p.test().length);
		assertEquals("{a=4, b=2, c=1}", histogram(strata, p.train()));
		assertEquals("{a=1, b=1, c=1}", histogram(strata, p.test()));
		Set<Integer> all = new HashSet<>();
		for (int i : p.train()) assertTrue(all.add(i));
		for (int i : p.test()) assertTrue(all.add(i));
		assertEquals(10, all.size());
	}

	@Test
	void plainShuffleCoversEveryItemOnce() {
		StratifiedShuffle.Parts p = StratifiedShuffle.split(null, 30, 0.1, new SeededRandom(0), "test");
		assertEquals(3, p.test().length);
		assertEquals(27, p.train().length);
		int[] all = new int[30];
		for (int i : p.train()) all[i]++;
		for (int i : p.test()) all[i]++;
		for (int c : all) assertEquals(1, c);
	}

	@Test
	void singleMemberStratumIsRefused() {
		String[] strata = { "a", "a", "a", "b" };
		StratifiedShuffle.TooSmallException e = assertThrows(StratifiedShuffle.TooSmallException.class,
			() -> StratifiedShuffle.split(strata, 4, 0.5, new SeededRandom(0), "test"));
		assertEquals(1, e.strata.get("b"));
	}

	@Test
	void tooFewTestImagesForTheStrataIsRefused() {
		String[] strata = { "a", "a", "b", "b", "c", "c", "d", "d", "e", "e" };
		InputException e = assertThrows(InputException.class,
			() -> StratifiedShuffle.split(strata, 10, 0.1, new SeededRandom(0), "test"));
		assertTrue(e.getMessage().contains("5 strata"), e.getMessage());
	}

	private static String histogram(String[] strata, int[] idx) {
		java.util.TreeMap<String, Integer> h = new java.util.TreeMap<>();
		for (int i : idx) h.merge(strata[i], 1, Integer::sum);
		return h.toString();
	}
}
