package io.github.steeldefects.synth;

/**
 * A small SplitMix64 random number generator. It is written out here, rather than taken from
 * {@code java.util}, so that a seed gives the same dataset on every Java version: the synthetic
 * sample data committed with the project is checked against what the generator makes.
 */
final class Rng {

	private long state;

	Rng(long seed) {
		this.state = seed;
	}

	/** A generator for one purpose of one item, independent of every other (seed, keys) pair. */
	static Rng of(long seed, long... keys) {
		return new Rng(mix(seed, keys));
	}

	/** Hashes a seed and keys into one well-mixed 64-bit value. */
	static long mix(long seed, long... keys) {
		long h = finish(seed + 0x9E3779B97F4A7C15L);
		for (long k : keys)
			h = finish(h ^ finish(k + 0x632BE59BD9B4E019L));
		return h;
	}

	/** {@link #mix(long, long...)} for two keys, without an array (used per pixel). */
	static long mix(long seed, long a, long b) {
		long h = finish(seed + 0x9E3779B97F4A7C15L);
		h = finish(h ^ finish(a + 0x632BE59BD9B4E019L));
		return finish(h ^ finish(b + 0x632BE59BD9B4E019L));
	}

	private static long finish(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	long nextLong() {
		state += 0x9E3779B97F4A7C15L;
		return finish(state);
	}

	/** Uniform in [0, 1). */
	double nextDouble() {
		return (nextLong() >>> 11) * 0x1.0p-53;
	}

	/** Uniform in [lo, hi). */
	double uniform(double lo, double hi) {
		return lo + (hi - lo) * nextDouble();
	}

	/** Uniform in 0 .. n-1. */
	int nextInt(int n) {
		if (n <= 0) throw new IllegalArgumentException("n must be positive: " + n);
		return (int) (((nextLong() >>> 33) * n) >>> 31);
	}

	/** Uniform in lo .. hi (both included). */
	int between(int lo, int hi) {
		return hi <= lo ? lo : lo + nextInt(hi - lo + 1);
	}

	boolean chance(double p) {
		return nextDouble() < p;
	}

	/** Standard normal (Box-Muller with StrictMath, so reproducible everywhere). */
	double gaussian() {
		double u = 1.0 - nextDouble();
		double v = nextDouble();
		return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
	}
}
