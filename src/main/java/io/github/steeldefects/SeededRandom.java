package io.github.steeldefects;

/**
 * This project's one random number generator: SplitMix64, written out so that a seed gives the same
 * numbers on every Java version, and so that nearby seeds (0, 1, 2, ...) give unrelated streams, which
 * {@link java.util.Random} does not for its first draws. Not thread-safe; cheap to create.
 * <p>
 * Two ways in, kept apart because committed outputs depend on their exact numbers: {@code new
 * SeededRandom(seed)} with {@link #derive} (splits, augmentation) and {@link #of(long, long...)} with
 * {@link #mix(long, long...)} (the synthetic generator, whose sample data the tests regenerate).
 */
public final class SeededRandom {

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private long state;

	public SeededRandom(long seed) {
		this.state = mix(seed);
	}

	private SeededRandom() {}

	/** A generator for one purpose of one item, independent of every other (seed, keys) pair. */
	public static SeededRandom of(long seed, long... keys) {
		SeededRandom r = new SeededRandom();
		r.state = mix(seed, keys);
		return r;
	}

	/** Hashes a seed and its keys into one well-mixed 64-bit value ({@code mix(x)} alone is the finaliser below, another function). */
	public static long mix(long seed, long... keys) {
		long h = mix(seed + GOLDEN);
		for (long k : keys) h = mix(h ^ mix(k + KEY));
		return h;
	}

	/** {@link #mix(long, long...)} for two keys, without an array (used per pixel). */
	public static long mix(long seed, long a, long b) {
		long h = mix(seed + GOLDEN);
		h = mix(h ^ mix(a + KEY));
		return mix(h ^ mix(b + KEY));
	}

	private static final long KEY = 0x632BE59BD9B4E019L;

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

	/** Uniform in [lo, hi). */
	public double uniform(double lo, double hi) {
		return lo + (hi - lo) * nextDouble();
	}

	/** True with probability p; always takes one draw. */
	public boolean chance(double p) {
		return nextDouble() < p;
	}

	/** Uniform in 0 .. n-1 by multiply-shift (one draw, a bias below 2^-31 n). */
	public int nextInt(int n) {
		if (n <= 0) throw new IllegalArgumentException("n must be positive: " + n);
		return (int) (((nextLong() >>> 33) * n) >>> 31);
	}

	/** Uniform in lo .. hi (both included). */
	public int between(int lo, int hi) {
		return hi <= lo ? lo : lo + nextInt(hi - lo + 1);
	}

	/** Standard normal (Box-Muller with StrictMath, so reproducible everywhere). */
	public double gaussian() {
		double u = 1.0 - nextDouble();
		double v = nextDouble();
		return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
	}

	/** Uniform in [0, bound), without bias (rejecting the uneven tail; the shuffle's draws). */
	private int unbiased(int bound) {
		long limit = (1L << 32) - (1L << 32) % bound; // reject the uneven tail
		while (true) {
			long r = nextLong() >>> 32;
			if (r < limit) return (int) (r % bound);
		}
	}

	/** Fisher-Yates shuffle of the whole array. */
	public void shuffle(int[] a) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = unbiased(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
