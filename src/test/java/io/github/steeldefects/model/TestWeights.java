package io.github.steeldefects.model;

/**
 * One shared set of random Xception weights for all tests: each set is 84 MB and surefire's heap
 * (pom-scijava) is 512 MB, so test classes must not each keep their own.
 */
final class TestWeights {

	private static XceptionWeights random;

	private TestWeights() { }

	static synchronized XceptionWeights random() {
		if (random == null) random = XceptionWeights.random(7);
		return random;
	}
}
