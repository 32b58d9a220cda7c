package io.github.steeldefects.model;

import java.util.Arrays;

/**
 * One weight tensor of the Xception base: its canonical name {@code layer/param}
 * (e.g. {@code block2_sepconv1/depthwise_kernel}), the layer it belongs to, and its
 * Keras shape (kernels HWIO, depthwise kernels {@code (3, 3, C, 1)}).
 */
public record WeightSpec(String layer, String param, long[] shape) {

	public WeightSpec {
		shape = shape.clone();
	}

	/** Canonical weight name, {@code layer/param}, e.g. {@code block1_conv1_bn/gamma}. */
	public String name() {
		return layer + "/" + param;
	}

	/** Number of scalars in this tensor. */
	public int size() {
		return Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
	}

	@Override
	public long[] shape() {
		return shape.clone();
	}

	/** The shape as Keras prints it, e.g. {@code (3, 3, 64, 1)}. */
	public String shapeText() {
		return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList()) + ")";
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof WeightSpec w && layer.equals(w.layer) && param.equals(w.param)
			&& Arrays.equals(shape, w.shape);
	}

	@Override
	public int hashCode() {
		return name().hashCode() * 31 + Arrays.hashCode(shape);
	}

	@Override
	public String toString() {
		return name() + " " + shapeText();
	}
}
