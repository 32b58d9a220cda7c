package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class XceptionTest {

	static XceptionWeights weights;
	static TensorFlowRuntime runtime;

	@BeforeAll
	static void setUp() {
		runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		weights = XceptionWeights.random(7);
	}

	@Test
	void parameterCountMatchesKeras() {
		assertEquals(20_861_480L, weights.parameterCount());
		assertEquals(Xception.PARAMETER_COUNT,
			XceptionLayer.all().stream().mapToLong(XceptionLayer::parameterCount).sum());
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
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, w, 3)));
			Operand<TFloat32> out = Xception.build(tf, Xception.preprocess(tf, in), weights, Set.of());
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
}
