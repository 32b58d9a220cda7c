package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

@Tag("tensorflow")
class XceptionTest {

	static XceptionWeights weights;
	static TensorFlowRuntime runtime;

	@BeforeAll
	static void setUp() {
		runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		weights = TestWeights.random();
	}

	@Test
	void parameterCountMatchesKeras() {
		assertEquals(20_861_480L, weights.parameterCount());
		assertEquals(Xception.PARAMETER_COUNT,
			XceptionLayer.all().stream().mapToLong(XceptionLayer::parameterCount).sum());
	}

	@Test
	void weightsAreCheckedByNameAndSize() {
		float[] gamma = new float[32];
		XceptionWeights changed = weights.with(java.util.Map.of("block1_conv1_bn/gamma", gamma), "tuned");
		assertTrue(changed.get("block1_conv1_bn/gamma") == gamma);
		assertTrue(changed.get("block14_sepconv2/pointwise_kernel") == weights.get("block14_sepconv2/pointwise_kernel"));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> weights.with(java.util.Map.of("block1_conv1_bn/gamma", new float[31]), "bad"));
		assertEquals("Xception weight 'block1_conv1_bn/gamma' has 31 values where shape (32) needs 32.", e.getMessage());
		e = assertThrows(IllegalArgumentException.class,
			() -> weights.with(java.util.Map.of("dense/kernel", new float[1]), "bad"));
		assertEquals("'dense/kernel' is not a weight of the Xception base.", e.getMessage());
		assertArrayEquals(new long[] { 3, 3, 728, 1 }, XceptionWeights.shape("block7_sepconv3/depthwise_kernel"));
	}

	@Test
	void twoBasesFitInOneGraph() {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 71, 71, 3)));
			Operand<TFloat32> a = Xception.build(tf, in, weights);
			Operand<TFloat32> b = Xception.buildNetwork(tf, in, weights, Set.of("block14")).features();
			assertTrue(!a.op().name().equals(b.op().name()), a.op().name());
		}
	}

	@Test
	void flopsMatchTheMeasuredFigure() {
		assertEquals(23.85, Xception.flopsPerImage(256, 512) / 1e9, 0.01);
		assertArrayEquals(new int[] { 8, 16 }, Xception.featureMapSize(256, 512));
		assertArrayEquals(new int[] { 3, 3 }, Xception.featureMapSize(71, 71));
	}

	@Test
	void smallestInputGivesPooledFeaturesDeterministically() {
		float[] input = new float[2 * 71 * 71 * 3];
		java.util.Random r = new java.util.Random(1);
		for (int i = 0; i < input.length; i++) input[i] = r.nextFloat() * 255f;
		float[] a = run(input, 2, 71, 71);
		float[] b = run(input, 2, 71, 71);
		assertEquals(2 * 2048, a.length);
		assertArrayEquals(a, b);
		// last op is a ReLU before averaging: features are non-negative, and not all zero
		double sum = 0;
		for (float v : a) {
			assertTrue(v >= 0);
			sum += v;
		}
		assertTrue(sum > 0);
	}

	static float[] run(float[] rgb, int n, int h, int w) {
		return run(rgb, n, h, w, weights);
	}

	static float[] run(float[] rgb, int n, int h, int w, XceptionWeights weights) {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, w, 3)));
			Operand<TFloat32> out = Xception.build(tf, Xception.preprocess(tf, in), weights);
			try (Session s = runtime.newSession(g);
				TFloat32 x = TFloat32.tensorOf(Shape.of(n, h, w, 3), DataBuffers.of(rgb, true, false));
				var r = s.runner().feed(in, x).fetch(out).run())
			{
				TFloat32 y = (TFloat32) r.get(0);
				assertEquals(Shape.of(n, 2048), y.shape());
				float[] f = new float[(int) y.size()];
				y.copyTo(DataBuffers.of(f, false, false));
				return f;
			}
		}
	}

	/**
	 * The TensorFlow graph against a plain-Java Keras Xception at an odd, non-square size
	 * (75 x 97: 'same' pools then pad 1+1 on odd sides and 0+1 on even sides), with batch norm
	 * statistics far from identity so that a swapped or misplaced parameter shows.
	 */
	@Test
	void graphMatchesNaiveJavaReference() {
		// Variance-preserving kernels (Keras's Glorot init shrinks the signal ~100x per depthwise conv, so
		// the output would hardly depend on the image) and batch norm statistics far from identity.
		java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
		java.util.Random r = new java.util.Random(3);
		for (WeightSpec spec : XceptionLayer.allWeights()) {
			long[] sh = spec.shape();
			float[] a;
			switch (spec.param()) {
				case "gamma" -> a = uniform(r, spec.size(), 0.6f, 1.4f);
				case "beta" -> a = uniform(r, spec.size(), -0.2f, 0.2f);
				case "moving_mean" -> a = uniform(r, spec.size(), -0.3f, 0.3f);
				case "moving_variance" -> a = uniform(r, spec.size(), 0.5f, 2f);
				case "depthwise_kernel" -> a = symmetric(r, spec.size(), Math.sqrt(3.0 / (sh[0] * sh[1])));
				default -> a = symmetric(r, spec.size(), Math.sqrt(6.0 / (sh[0] * sh[1] * sh[2])));
			}
			m.put(spec.name(), a);
		}
		XceptionWeights w = XceptionWeights.of(m, "test-bn");
		int h = 75, wd = 97;
		float[] rgb = new float[2 * h * wd * 3];
		for (int i = 0; i < rgb.length; i++) rgb[i] = r.nextInt(256);
		float[] tf = run(rgb, 2, h, wd, w);
		double between = 0;
		for (int i = 0; i < 2048; i++) between = Math.max(between, Math.abs(tf[i] - tf[2048 + i]));
		NaiveXception naive = new NaiveXception(w);
		for (int n = 0; n < 2; n++) {
			float[] img = java.util.Arrays.copyOfRange(rgb, n * h * wd * 3, (n + 1) * h * wd * 3);
			Preprocessing.XCEPTION.apply(img);
			float[] expected = naive.forward(new NaiveXception.Map3(h, wd, 3, img));
			double maxAbs = 0, maxErr = 0;
			for (int i = 0; i < 2048; i++) {
				maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
				maxErr = Math.max(maxErr, Math.abs(expected[i] - tf[n * 2048 + i]));
			}
			System.out.printf("image %d: max |feature| %.4g, max error vs naive Java %.3g%n", n, maxAbs, maxErr);
			assertTrue(between > 0.1 * maxAbs, "features must depend on the image: " + between + " vs " + maxAbs);
			assertTrue(maxErr <= 1e-4 * maxAbs, "image " + n + ": max error " + maxErr + " for max value " + maxAbs);
		}
	}

	private static float[] symmetric(java.util.Random r, int n, double limit) {
		return uniform(r, n, (float) -limit, (float) limit);
	}

	private static float[] uniform(java.util.Random r, int n, float lo, float hi) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++) a[i] = lo + r.nextFloat() * (hi - lo);
		return a;
	}

	@Test
	void trainableBlocksBecomeVariablesThatGradientsReach() {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 71, 71, 3)));
			Xception.Network net = Xception.buildNetwork(tf, Xception.preprocess(tf, in), weights, Set.of("block14"));
			assertEquals(List.of("block14_sepconv1/depthwise_kernel", "block14_sepconv1/pointwise_kernel",
				"block14_sepconv1_bn/gamma", "block14_sepconv1_bn/beta", "block14_sepconv2/depthwise_kernel",
				"block14_sepconv2/pointwise_kernel", "block14_sepconv2_bn/gamma", "block14_sepconv2_bn/beta"),
				new ArrayList<>(net.variables().keySet()));
			Operand<TFloat32> loss = tf.math.mean(net.features(), tf.constant(new int[] { 0, 1 }));
			var vars = net.variables().values().stream().map(v -> v.asOutput()).toArray(org.tensorflow.Output[]::new);
			var grads = g.addGradients(loss.asOutput(), vars);
			float[] rgb = new float[71 * 71 * 3];
			java.util.Arrays.fill(rgb, 128f);
			try (Session s = runtime.newSession(g);
				TFloat32 x = TFloat32.tensorOf(Shape.of(1, 71, 71, 3), DataBuffers.of(rgb, true, false));
				var r = s.runner().feed(in, x).fetch(grads[3]).fetch(grads[5]).run())
			{
				TFloat32 betaGrad = (TFloat32) r.get(0);
				assertEquals(Shape.of(1536), betaGrad.shape());
				assertEquals(Shape.of(1, 1, 1536, 2048), r.get(1).shape());
				double sum = 0;
				for (int i = 0; i < 1536; i++) sum += Math.abs(betaGrad.getFloat(i));
				assertTrue(sum > 0, "gradient reaches block14_sepconv1_bn/beta");
			}
		}
		assertThrows(IllegalArgumentException.class, () -> {
			try (Graph g = new Graph()) {
				Ops tf = Ops.create(g);
				Xception.buildNetwork(tf, tf.placeholder(TFloat32.class), weights, Set.of("head"));
			}
		});
	}
}
