package io.github.steeldefects.model.infer;

/**
 * One image's class activation maps: per output k and cell (y, x) of the last feature map, that
 * cell's share of the output's logit. The mean over the cells of output k is the logit
 * {@code log(p_k / (1 - p_k))}.
 *
 * @param outputs one map per model output, in the model's class order
 * @param height cells down (feature-map rows)
 * @param width cells across (feature-map columns)
 * @param values row-major per output: {@code values[(k * height + y) * width + x]}
 */
public record Heatmap(int outputs, int height, int width, float[] values) {

	public Heatmap {
		if (outputs < 1 || height < 1 || width < 1 || values.length != outputs * height * width)
			throw new IllegalArgumentException("A heatmap of " + outputs + " x " + height + " x " + width + " cells cannot hold "
				+ values.length + " values.");
	}

	/** From a TensorFlow NHWC slab [h, w, outputs] starting at {@code offset}. */
	static Heatmap fromNhwc(float[] nhwc, int offset, int height, int width, int outputs) {
		float[] v = new float[outputs * height * width];
		for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) for (int k = 0; k < outputs; k++)
			v[(k * height + y) * width + x] = nhwc[offset + (y * width + x) * outputs + k];
		return new Heatmap(outputs, height, width, v);
	}

	public float value(int output, int y, int x) {
		return values[(output * height + y) * width + x];
	}

	/** The map of one output, row-major [y][x] (a copy). */
	public float[] slice(int output) {
		return java.util.Arrays.copyOfRange(values, output * height * width, (output + 1) * height * width);
	}

	/** Mean over the cells of one output: its logit. */
	public double mean(int output) {
		double sum = 0;
		int n = height * width;
		for (int i = 0; i < n; i++) sum += values[output * n + i];
		return sum / n;
	}
}
