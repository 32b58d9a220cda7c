package io.github.steeldefects.model;

import java.util.List;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The float copies in and out of TensorFlow that the graphs here share: flat arrays, rows, image batches. */
public final class Tensors {

	private Tensors() { }

	/** A float tensor of {@code shape} over a row-major array (no copy); the caller closes it. */
	public static TFloat32 of(float[] flat, long... shape) {
		return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(flat, true, false));
	}

	/** All values of a float tensor, row-major. */
	public static float[] floats(Tensor tensor) {
		float[] v = new float[(int) tensor.shape().size()];
		tensor.asRawTensor().data().asFloats().read(v);
		return v;
	}

	/** A row-major array as {@code [length / k][k]}. */
	public static float[][] rows(float[] flat, int k) {
		float[][] m = new float[flat.length / k][k];
		for (int i = 0; i < m.length; i++) System.arraycopy(flat, i * k, m[i], 0, k);
		return m;
	}

	/** Rows of equal length as one row-major array. */
	public static float[] flat(float[][] rows) {
		int k = rows.length == 0 ? 0 : rows[0].length;
		float[] f = new float[rows.length * k];
		for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, f, i * k, k);
		return f;
	}

	/** The images resized to {@code height x width}, one after the other: an NHWC batch. */
	public static float[] batch(List<RgbImage> images, int height, int width) {
		int size = height * width * 3;
		float[] pixels = new float[images.size() * size];
		for (int i = 0; i < images.size(); i++) {
			System.arraycopy(images.get(i).resized(height, width).pixels(), 0, pixels, i * size, size);
		}
		return pixels;
	}
}
