package io.github.steeldefects.split;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import io.github.steeldefects.SeededRandom;
import java.util.TreeMap;

import io.github.steeldefects.InputException;

/**
 * One shuffled two-way split, counted the way scikit-learn's {@code train_test_split} counts:
 * {@code n_test = ceil(fraction * n)}, {@code n_train = n - n_test}, and with strata, each stratum's
 * share from {@code StratifiedShuffleSplit}'s allocation ({@link #approximateMode}): proportional
 * floor first, then the strata with the largest remainders get one more, ties broken at random.
 * <p>
 * The random numbers are this project's own ({@link SeededRandom}), so the images
 * that land in each part differ from numpy's; the counts do not (up to tie-breaking, at most one
 * image per stratum).
 */
public final class StratifiedShuffle {

	private StratifiedShuffle() {}

	/** The two parts of a split, as indices into the input, each in shuffled order. */
	public record Parts(int[] train, int[] test) {}

	/** A stratum with fewer than two members, which scikit-learn refuses to split. */
	public static final class TooSmallException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/** The strata that are too small, each with its size, in stratum order. */
		public final Map<String, Integer> strata;

		TooSmallException(Map<String, Integer> strata) {
			super("strata with fewer than 2 members: " + strata);
			this.strata = strata;
		}
	}

	/** scikit-learn's test count: {@code ceil(fraction * n)}. */
	public static int testCount(double fraction, int n) {
		// the product is computed in floating point as numpy does; a hair above a whole number
		// (0.1 * 30 = 3.0000000000000004) therefore rounds up, exactly like scikit-learn
		return (int) Math.ceil(fraction * n);
	}

	/**
	 * scikit-learn's {@code _approximate_mode}: how many of {@code draws} items each class gets when
	 * drawn in proportion to {@code counts}. Floors of the exact shares first, then one more for the
	 * classes with the largest remainders; equal remainders are ordered at random.
	 */
	public static int[] approximateMode(int[] counts, int draws, SeededRandom rng) {
		long total = Arrays.stream(counts).asLongStream().sum();
		int[] out = new int[counts.length];
		if (total == 0) return out;
		long[] remainder = new long[counts.length]; // numerator over total: exact comparisons
		long floored = 0;
		for (int i = 0; i < counts.length; i++) {
			long exact = (long) counts[i] * draws;
			out[i] = (int) (exact / total);
			remainder[i] = exact % total;
			floored += out[i];
		}
		long needToAdd = draws - floored;
		if (needToAdd <= 0) return out;
		// distinct remainders, largest first; within one value, a random subset
		long[] values = Arrays.stream(remainder).distinct().sorted().toArray();
		for (int v = values.length - 1; v >= 0 && needToAdd > 0; v--) {
			List<Integer> ties = new ArrayList<>();
			for (int i = 0; i < counts.length; i++)
				if (remainder[i] == values[v]) ties.add(i);
			int[] order = ties.stream().mapToInt(Integer::intValue).toArray();
			if (order.length > needToAdd) rng.shuffle(order);
			int addNow = (int) Math.min(order.length, needToAdd);
			for (int k = 0; k < addNow; k++) out[order[k]]++;
			needToAdd -= addNow;
		}
		return out;
	}

	/**
	 * Splits items into train and test, keeping the proportion of each stratum (null strata: a
	 * plain shuffle). Fails with {@link TooSmallException} when a stratum has a single member, and
	 * with an {@link InputException} when a part would be empty or smaller than the number of strata.
	 *
	 * @param strata the stratum of each item, or null
	 * @param testFraction fraction of the items for the test part, in (0, 1)
	 * @param what the name of the test part in messages, e.g. "test" or "val"
	 */
	public static Parts split(String[] strata, int n, double testFraction, SeededRandom rng, String what) {
		int nTest = testCount(testFraction, n);
		int nTrain = n - nTest;
		if (nTest < 1 || nTrain < 1) throw new InputException(what + "=" + testFraction + " of " + n +
			" images leaves " + (nTest < 1 ? "no " + what : "nothing for the rest") +
			" images; choose a fraction that leaves at least one image on each side.");
		if (strata == null) {
			int[] perm = permutation(n, rng);
			return new Parts(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOfRange(perm, 0, nTest));
		}
		// strata in sorted order, as numpy's unique gives them; members in input order
		TreeMap<String, List<Integer>> members = new TreeMap<>();
		for (int i = 0; i < n; i++)
			members.computeIfAbsent(strata[i], k -> new ArrayList<>()).add(i);
		Map<String, Integer> tooSmall = new TreeMap<>();
		for (Map.Entry<String, List<Integer>> e : members.entrySet())
			if (e.getValue().size() < 2) tooSmall.put(e.getKey(), e.getValue().size());
		if (!tooSmall.isEmpty()) throw new TooSmallException(tooSmall);
		int k = members.size();
		if (nTrain < k || nTest < k) throw new InputException(what + "=" + testFraction + " of " + n + " images gives " +
			Math.min(nTrain, nTest) + " images to one side, fewer than the " + k +
			" strata; choose a fraction nearer 0.5, stratify on a coarser column, or use stratify=none.");
		List<List<Integer>> lists = new ArrayList<>(members.values());
		int[] counts = lists.stream().mapToInt(List::size).toArray();
		int[] trainCounts = approximateMode(counts, nTrain, rng);
		int[] left = new int[k];
		for (int c = 0; c < k; c++) left[c] = counts[c] - trainCounts[c];
		int[] testCounts = approximateMode(left, nTest, rng);
		int[] train = new int[nTrain];
		int[] test = new int[nTest];
		int tr = 0, te = 0;
		for (int c = 0; c < k; c++) {
			List<Integer> m = lists.get(c);
			int[] perm = permutation(m.size(), rng);
			for (int j = 0; j < trainCounts[c]; j++) train[tr++] = m.get(perm[j]);
			for (int j = trainCounts[c]; j < trainCounts[c] + testCounts[c]; j++) test[te++] = m.get(perm[j]);
		}
		rng.shuffle(train);
		rng.shuffle(test);
		return new Parts(train, test);
	}

	static int[] permutation(int n, SeededRandom rng) {
		int[] p = java.util.stream.IntStream.range(0, n).toArray();
		rng.shuffle(p);
		return p;
	}
}
