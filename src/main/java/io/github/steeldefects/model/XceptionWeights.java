package io.github.steeldefects.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All weights of the Xception base, by canonical name {@code layer/param} (see {@link XceptionLayer}
 * for the layer names, {@link WeightSpec} for shapes), as flat row-major float arrays in Keras
 * layout (kernels HWIO).
 * <p>
 * Complete by construction: every weight of {@link XceptionLayer#allWeights()} is present with
 * the right number of values. Arrays are shared, not copied: treat them as read-only.
 */
public final class XceptionWeights {

	private final Map<String, float[]> values;
	private final String id;

	private XceptionWeights(Map<String, float[]> values, String id) {
		this.values = values;
		this.id = id;
	}

	/**
	 * Weights from a map keyed by canonical name.
	 *
	 * @param values one entry per weight of {@link XceptionLayer#allWeights()}, flat, in Keras layout
	 * @param id identifies these weights in cache keys (e.g. the SHA-256 of the weights file)
	 * @throws IllegalArgumentException naming the first missing, unknown or wrongly sized weight
	 */
	public static XceptionWeights of(Map<String, float[]> values, String id) {
		Map<String, float[]> ordered = new LinkedHashMap<>();
		for (WeightSpec spec : XceptionLayer.allWeights()) {
			float[] v = values.get(spec.name());
			if (v == null) {
				throw new IllegalArgumentException("Xception weight '" + spec.name() + "' is missing.");
			}
			if (v.length != spec.size()) {
				throw new IllegalArgumentException("Xception weight '" + spec.name() + "' has " + v.length
					+ " values where shape " + spec.shapeText() + " needs " + spec.size() + ".");
			}
			ordered.put(spec.name(), v);
		}
		for (String name : values.keySet()) get(ordered, name); // refuses a name that is not a weight
		return new XceptionWeights(Collections.unmodifiableMap(ordered), id);
	}

	/**
	 * A fresh random base for {@code weights=none}: variance-preserving (He-uniform) kernels, with
	 * fan-in 3 x 3 for a depthwise kernel (each output channel sees one input channel) and
	 * kh x kw x input channels otherwise; batch norm gamma 1, beta 0, moving mean 0, moving variance 1.
	 * Not Keras's Glorot init on purpose: with it every separable convolution shrinks the signal
	 * about twentyfold, so a frozen random base gives pooled features of about 1e-5 that hardly
	 * depend on the image. Same seed, same weights.
	 */
	public static XceptionWeights random(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Map<String, float[]> v = new LinkedHashMap<>();
		for (WeightSpec spec : XceptionLayer.allWeights()) {
			float[] a = new float[spec.size()];
			switch (spec.param()) {
				case "gamma", "moving_variance" -> java.util.Arrays.fill(a, 1f);
				case "beta", "moving_mean" -> { }
				default -> {
					long[] s = spec.shape();
					long receptive = s[0] * s[1];
					long fanIn = spec.param().equals("depthwise_kernel") ? receptive : receptive * s[2];
					double limit = Math.sqrt(6.0 / fanIn);
					for (int i = 0; i < a.length; i++) a[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
				}
			}
			v.put(spec.name(), a);
		}
		return new XceptionWeights(Collections.unmodifiableMap(v), "random-he-seed-" + seed);
	}

	/**
	 * These weights with some replaced, e.g. by values read back from the variables of a fine-tuned
	 * network; checked like {@link #of}.
	 *
	 * @param changed new values by canonical name
	 * @param newId identifies the result in cache keys; must differ from this {@link #id()}
	 */
	public XceptionWeights with(Map<String, float[]> changed, String newId) {
		if (newId.equals(id)) {
			throw new IllegalArgumentException("Changed weights need a new id; '" + id + "' names the original ones.");
		}
		Map<String, float[]> all = new LinkedHashMap<>(values);
		all.putAll(changed);
		return of(all, newId);
	}

	/** Values of one weight, flat row-major in Keras layout; shared, do not modify. */
	public float[] get(String name) {
		return get(values, name);
	}

	private static float[] get(Map<String, float[]> values, String name) {
		float[] v = values.get(name);
		if (v == null) throw new IllegalArgumentException("'" + name + "' is not a weight of the Xception base.");
		return v;
	}

	/** Keras shape of one weight. */
	public static long[] shape(String name) {
		return XceptionLayer.allWeights().stream().filter(s -> s.name().equals(name)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a weight of the Xception base.")).shape();
	}

	/** All weights by canonical name, in Keras model order; read-only. */
	public Map<String, float[]> asMap() {
		return values;
	}

	/** Identifier for cache keys: SHA-256 of the weights file, or the random seed. */
	public String id() {
		return id;
	}

	/** Total number of scalars; 20,861,480 for the Xception base. */
	public long parameterCount() {
		return values.values().stream().mapToLong(v -> v.length).sum();
	}

	@Override
	public String toString() {
		return "Xception weights " + id;
	}
}
