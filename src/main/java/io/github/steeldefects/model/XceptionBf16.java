package io.github.steeldefects.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * The frozen Xception base of {@link Xception} built in bfloat16 end to end, for processors that
 * execute bf16 dot products natively (AVX512_BF16, AMX).
 * <p>
 * Same layers, paddings and strides as {@link Xception}; what differs: every inference-mode batch
 * norm is folded into the convolution before it (kernel scaled by {@code gamma / sqrt(var + eps)}
 * per output channel, plus a bias {@code beta - mean * gamma / sqrt(var + eps)}), the folded
 * weights are stored as bf16 constants (rounded to nearest even), and activations stay bf16 from
 * the preprocessed input to the last ReLU. Only the global average pooling runs in fp32, on the
 * bf16 feature map cast up, so the 2048 features are averaged without bf16 rounding. Features agree
 * with the fp32 base to about 1e-2 of their scale (cosine similarity above 0.999); the fp32
 * {@link Xception} stays the Keras-exact path. {@link #buildNetwork} is the fine-tuning variant: frozen
 * blocks in bf16, trainable blocks in fp32.
 */
public final class XceptionBf16 {

	private XceptionBf16() { }

	/** Builds the frozen bf16 base on preprocessed fp32 images {@code [N, H, W, 3]}; returns fp32 features {@code [N, 2048]}. */
	public static Operand<TFloat32> build(Ops tf, Operand<TFloat32> preprocessedImages, XceptionWeights weights) {
		Builder g = new Builder(tf, weights);
		Operand<TBfloat16> x = g.blocks(g.block1(tf.dtypes.cast(preprocessedImages, TBfloat16.class)), 2, 14);
		return g.pool(tf.dtypes.cast(x, TFloat32.class));
	}

	/**
	 * For fine-tuning in bf16: the frozen blocks before the first trainable one in bf16 (as
	 * {@link #build}), their output cast to fp32, then the trainable blocks exactly as
	 * {@link Xception#buildNetwork} builds them, in fp32 with their variables
	 * ({@link Xception#buildNetworkFrom}). The head and every gradient stay fp32; only the frozen
	 * forward pass, most of the work when the last blocks train, runs in bf16.
	 */
	public static Xception.Network buildNetwork(Ops tf, Operand<TFloat32> preprocessedImages, XceptionWeights weights,
		Set<String> trainableBlocks)
	{
		Xception.checkBlocks(trainableBlocks);
		int first = trainableBlocks.stream().mapToInt(b -> XceptionLayer.blocks().indexOf(b) + 1).min().orElse(15);
		if (first == 15) return new Xception.Network(build(tf, preprocessedImages, weights), Map.of());
		if (first == 1) return Xception.buildNetwork(tf, preprocessedImages, weights, trainableBlocks);
		Builder g = new Builder(tf, weights);
		Operand<TBfloat16> prefix = g.blocks(g.block1(tf.dtypes.cast(preprocessedImages, TBfloat16.class)), 2, first - 1);
		return Xception.buildNetworkFrom(tf, first, tf.dtypes.cast(prefix, TFloat32.class), weights, trainableBlocks);
	}

	/** Rounds a float to the nearest bf16 (ties to even) and returns its 16 bits. */
	static short toBf16Bits(float f) {
		int bits = Float.floatToRawIntBits(f);
		if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
		int rounding = 0x7fff + ((bits >>> 16) & 1);
		return (short) ((bits + rounding) >>> 16);
	}

	private static final class Builder extends Xception.Layers<TBfloat16> {
		private final XceptionWeights weights;

		Builder(Ops tf, XceptionWeights weights) {
			super(tf);
			this.weights = weights;
		}

		/** Convolution with its batch norm folded in. */
		@Override
		Operand<TBfloat16> conv(String name, Operand<TBfloat16> x) {
			XceptionLayer l = XceptionLayer.byName(name);
			long s = l.stride();
			float[][] folded = fold(name + "/kernel", name + "_bn", l.outChannels());
			Operand<TBfloat16> y = tf.withName(name).nn.conv2d(x, constant(name + "/kernel", folded[0]),
				List.of(1L, s, s, 1L), l.padding());
			return tf.nn.biasAdd(y, constant(name + "_bn/beta", folded[1]));
		}

		/** Depthwise 3x3, then pointwise 1x1 with the batch norm folded in. */
		@Override
		Operand<TBfloat16> sep(String name, Operand<TBfloat16> x) {
			XceptionLayer l = XceptionLayer.byName(name);
			Operand<TBfloat16> dw = tf.withName(name + "_depthwise").nn.depthwiseConv2dNative(x,
				constant(name + "/depthwise_kernel", weights.get(name + "/depthwise_kernel")), List.of(1L, 1L, 1L, 1L),
				"SAME");
			float[][] folded = fold(name + "/pointwise_kernel", name + "_bn", l.outChannels());
			Operand<TBfloat16> y = tf.withName(name).nn.conv2d(dw, constant(name + "/pointwise_kernel", folded[0]),
				List.of(1L, 1L, 1L, 1L), "VALID");
			return tf.nn.biasAdd(y, constant(name + "_bn/beta", folded[1]));
		}

		/** {folded HWIO kernel, bias}: kernel * scale per output channel, beta - mean * scale. */
		float[][] fold(String kernelName, String bn, int out) {
			float[] kernel = weights.get(kernelName).clone();
			float[] gamma = weights.get(bn + "/gamma"), beta = weights.get(bn + "/beta");
			float[] mean = weights.get(bn + "/moving_mean"), var = weights.get(bn + "/moving_variance");
			double[] scale = new double[out];
			float[] bias = new float[out];
			for (int c = 0; c < out; c++) {
				scale[c] = gamma[c] / Math.sqrt(var[c] + (double) XceptionLayer.BN_EPSILON);
				bias[c] = (float) (beta[c] - mean[c] * scale[c]);
			}
			for (int i = 0; i < kernel.length; i++) kernel[i] = (float) (kernel[i] * scale[i % out]);
			return new float[][] { kernel, bias };
		}

		/** A bf16 constant of the shape of weight {@code shapeOf} (its name gives the shape). */
		Operand<TBfloat16> constant(String shapeOf, float[] values) {
			Shape shape = Shape.of(XceptionWeights.shape(shapeOf));
			byte[] bytes = new byte[values.length * 2];
			for (int i = 0; i < values.length; i++) {
				short b = toBf16Bits(values[i]);
				bytes[2 * i] = (byte) b; // little endian, as TensorFlow's buffers on x86
				bytes[2 * i + 1] = (byte) (b >> 8);
			}
			return tf.constant(TBfloat16.class, shape, DataBuffers.of(bytes, true, false));
		}
	}
}
