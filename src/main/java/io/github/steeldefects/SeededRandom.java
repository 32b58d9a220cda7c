package io.github.steeldefects;

/**
 * This project's random numbers: SplitMix64, written out so that a seed gives the same numbers
 * on every Java version, and so that nearby seeds (0, 1, 2, ...) give unrelated streams, which
 * {@link java.util.Random} does not for its first draws. Not thread-safe; cheap to create.
 */
public final class SeededRandom {

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private long state;

	public SeededRandom(long seed) {
		this.state = mix(seed);
	}

	/** A seed for one item of a stream, e.g. (seed, image, variant): order matters, nearby inputs scatter. */
	public static long derive(long seed, long... keys) {
		long h = mix(seed ^ 0x5DEECE66DL);
		for (long k : keys) h = mix(h + GOLDEN + mix(k));
		return h;
	}

	/** A stable 64-bit hash of a string (FNV-1a over its UTF-16 units, then mixed). */
	public static long hash(String s) {
		long h = 0xcbf29ce484222325L;
		for (int i = 0; i < s.length(); i++) {
			h ^= s.charAt(i);
			h *= 0x100000001b3L;
		}
		return mix(h);
	}

	/** SplitMix64's finaliser. */
	public static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	public long nextLong() {
		state += GOLDEN;
		return mix(state);
	}

	/** Uniform in [0, 1). */
	public double nextDouble() {
		return (nextLong() >>> 11) * 0x1.0p-53;
	}

	/** Uniform in [-r, r]. */
	public double nextSymmetric(double r) {
		return (2 * nextDouble() - 1) * r;
	}

	/** True with probability p. */
	public boolean nextBoolean(double p) {
		return p >= 1 || p > 0 && nextDouble() < p;
	}

	/** Uniform in [0, bound), without bias. */
	public int nextInt(int bound) {
		if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
		long limit = (1L << 32) - (1L << 32) % bound; // reject the uneven tail
		while (true) {
			long r = nextLong() >>> 32;
			if (r < limit) return (int) (r % bound);
		}
	}

	/** Fisher-Yates shuffle of the whole array. */
	public void shuffle(int[] a) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
