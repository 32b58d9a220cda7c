package io.github.steeldefects.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The Keras {@code Xception(include_top=False, pooling='avg')} base as a TensorFlow graph.
 * <p>
 * Same layers, order, strides, paddings and ReLU placement as Keras: block1_conv1 (3x3, stride 2)
 * and block1_conv2 are 'valid', everything else 'same' (TensorFlow's rule, which is Keras's);
 * separable convs are depthwise 3x3 then pointwise 1x1 without biases; batch norm in inference
 * mode (moving mean and variance, epsilon 1e-3), or, for fine-tuning with {@link #buildTraining}, in
 * training mode in the trainable blocks; blocks 2, 3, 4 and 13 add a strided 1x1
 * convolution + batch norm residual to a 3x3 stride 2 'same' max pool; global average pooling
 * gives {@code [N, 2048]}.
 * <p>
 * Input: NHWC float images already {@linkplain #preprocess(Ops, Operand) preprocessed}
 * ({@code x / 127.5 - 1} on RGB 0..255); height and width at least {@value #MIN_SIZE}.
 */
public final class Xception {

	/** Smallest input height and width Keras accepts for Xception. */
	public static final int MIN_SIZE = 71;
	/** Default input height (Severstal images are 256 x 1600; resized to 256 x 512). */
	public static final int DEFAULT_HEIGHT = 256;
	/** Default input width. */
	public static final int DEFAULT_WIDTH = 512;
	/** Length of the pooled feature vector. */
	public static final int FEATURES = 2048;
	/** Parameters of the base, batch norm moving statistics included (Keras {@code count_params()}). */
	public static final long PARAMETER_COUNT = 20_861_480L;

	private Xception() { }

	/**
	 * The graph of the base with its trainable variables.
	 *
	 * @param features pooled features {@code [N, 2048]}
	 * @param variables trainable weights by canonical name ({@code layer/param}), in model order: kernels, and
	 *          batch norm gamma and beta, of the trainable blocks. Moving statistics stay constant
	 *          (batch norm runs in inference mode, as for a Keras base fine-tuned with training=False).
	 */
	public record Network(Operand<TFloat32> features, Map<String, Variable<TFloat32>> variables) {}

	/** Builds the base with all weights frozen (graph constants); returns pooled features {@code [N, 2048]}. */
	public static Operand<TFloat32> build(Ops tf, Operand<TFloat32> preprocessedImages, XceptionWeights weights) {
		return buildNetwork(tf, preprocessedImages, weights, Set.of()).features();
	}

	/**
	 * Builds the base with the weights of {@code trainableBlocks} ({@code block1} .. {@code block14}) as
	 * variables, and returns them too, for fine-tuning with batch norm in inference mode everywhere (moving
	 * statistics stay constant, as Keras' recommended {@code training=False} for fine-tuning ImageNet weights).
	 * Variables are initialised from {@code weights} (TensorFlow Java sessions run initialisers on first use).
	 */
	public static Network buildNetwork(Ops tf, Operand<TFloat32> preprocessedImages, XceptionWeights weights,
		Set<String> trainableBlocks)
	{
		checkBlocks(trainableBlocks);
		checkInput(preprocessedImages);
		Builder g = new Builder(tf, weights, trainableBlocks, false, new LinkedHashMap<>(), Map.of());
		return new Network(g.network(preprocessedImages), Collections.unmodifiableMap(g.variables));
	}

	/**
	 * The base for fine-tuning with batch norm of the trainable blocks in training mode, as Keras runs
	 * a trainable {@code BatchNormalization} under {@code training=True}: each step normalises with the
	 * batch's mean and variance, and the moving statistics follow them by an exponential moving
	 * average. Build in two steps, so an optimiser that differentiates every variable of the graph
	 * sees only the trainable ones: {@link #buildTraining} gives the training path and its variables;
	 * {@link Training#buildInference} then adds the moving statistics (variables), their update ops and
	 * the inference path (moving statistics, same trainable variables) that scoring and export use.
	 */
	public static Training buildTraining(Ops tf, Operand<TFloat32> preprocessedImages, XceptionWeights weights,
		Set<String> trainableBlocks)
	{
		checkBlocks(trainableBlocks);
		checkInput(preprocessedImages);
		Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
		Builder g = new Builder(tf, weights, trainableBlocks, true, variables, Map.of());
		Operand<TFloat32> features = g.network(preprocessedImages);
		return new Training(tf, weights, trainableBlocks, features, Collections.unmodifiableMap(variables),
			Collections.unmodifiableMap(g.batchStatistics), g.constants);
	}

	/** Batch mean and (Bessel-corrected) variance of one training-mode batch norm layer. */
	public record BatchStatistics(Operand<TFloat32> mean, Operand<TFloat32> variance) {}

	/**
	 * The inference side of a {@link Training} base: features, the moving statistics by canonical name, their
	 * update ops, and the training path's batch statistics by the same names (for re-estimating them).
	 */
	public record Inference(Operand<TFloat32> features, Map<String, Variable<TFloat32>> movingStatistics,
		List<Operand<TFloat32>> updates, Map<String, Operand<TFloat32>> batchStatistics) {}

	/**
	 * The training path of a base whose trainable blocks run batch norm in training mode.
	 *
	 * @param features pooled features {@code [N, 2048]} of the training path (batch statistics)
	 * @param variables trainable weights by canonical name: kernels, gamma and beta of the trainable blocks
	 */
	public record Training(Ops tf, XceptionWeights weights, Set<String> trainableBlocks, Operand<TFloat32> features,
		Map<String, Variable<TFloat32>> variables, Map<String, BatchStatistics> batchStatistics,
		Map<String, Operand<TFloat32>> constants)
	{
		/**
		 * Adds the moving statistics of the training-mode layers (variables named
		 * {@code layer/moving_mean}, {@code layer/moving_variance}, initialised from the weights), their
		 * updates {@code moving = moving * momentum + batch * (1 - momentum)} (run them with each
		 * training step) and the inference path over {@code preprocessedImages}.
		 */
		public Inference buildInference(Operand<TFloat32> preprocessedImages, float momentum) {
			Map<String, Variable<TFloat32>> moving = new LinkedHashMap<>();
			Map<String, Operand<TFloat32>> batches = new LinkedHashMap<>();
			List<Operand<TFloat32>> updates = new ArrayList<>();
			Operand<TFloat32> m = tf.constant(momentum), oneMinus = tf.constant(1f - momentum);
			for (Map.Entry<String, BatchStatistics> e : batchStatistics.entrySet()) {
				String layer = e.getKey();
				Ops scoped = tf.withSubScope(layer);
				for (String param : List.of("moving_mean", "moving_variance")) {
					String name = layer + "/" + param;
					Shape shape = Shape.of(XceptionWeights.shape(name));
					Variable<TFloat32> v = scoped.withName(param).variable(scoped.withName(param + "_init")
						.constant(shape, DataBuffers.of(weights.get(name), true, false)));
					moving.put(name, v);
					Operand<TFloat32> batch = param.equals("moving_mean") ? e.getValue().mean() : e.getValue().variance();
					batches.put(name, batch);
					updates.add(tf.withName(layer + "_update_" + param).assign(v,
						tf.math.add(tf.math.mul(v, m), tf.math.mul(batch, oneMinus))));
				}
			}
			Map<String, Variable<TFloat32>> shared = new LinkedHashMap<>(variables);
			shared.putAll(moving);
			Builder g = new Builder(tf.withSubScope("inference"), weights, trainableBlocks, false, shared, moving);
			g.constants = constants;
			return new Inference(g.network(preprocessedImages), Collections.unmodifiableMap(moving), List.copyOf(updates),
				Collections.unmodifiableMap(batches));
		}
	}

	static void checkBlocks(Set<String> trainableBlocks) {
		for (String b : trainableBlocks) {
			if (!XceptionLayer.blocks().contains(b)) {
				throw new IllegalArgumentException("Trainable block '" + b + "' is not one of block1 .. block14.");
			}
		}
	}

	private static void checkInput(Operand<TFloat32> preprocessedImages) {
		Shape in = preprocessedImages.shape();
		if (!in.isUnknown() && in.numDimensions() == 4) {
			if (in.size(1) > 0 && in.size(2) > 0) checkInputSize((int) in.size(1), (int) in.size(2));
			if (in.size(3) > 0 && in.size(3) != 3) {
				throw new IllegalArgumentException("Xception needs 3 colour channels (RGB, NHWC); the input has "
					+ in.size(3) + ".");
			}
		}
	}

	/**
	 * Blocks {@code firstBlock} .. 14 and the pooling, on the output of block {@code firstBlock - 1}
	 * computed elsewhere: the fp32 part of {@link XceptionBf16#buildNetwork}, whose frozen first blocks
	 * run in bf16. Same layers and variables as {@link #buildNetwork} for these blocks.
	 *
	 * @param firstBlock 2 .. 14
	 * @param blockInput output of block {@code firstBlock - 1}, NHWC
	 */
	public static Network buildNetworkFrom(Ops tf, int firstBlock, Operand<TFloat32> blockInput, XceptionWeights weights,
		Set<String> trainableBlocks)
	{
		if (firstBlock < 2 || firstBlock > 14) throw new IllegalArgumentException("First block " + firstBlock
			+ " is not one of 2 .. 14.");
		Builder g = new Builder(tf, weights, trainableBlocks, false, new LinkedHashMap<>(), Map.of());
		return new Network(g.pool(g.blocks(blockInput, firstBlock, 14)), Collections.unmodifiableMap(g.variables));
	}

	/** Keras {@code xception.preprocess_input}: {@code x / 127.5 - 1} on RGB values 0..255. */
	public static Operand<TFloat32> preprocess(Ops tf, Operand<TFloat32> rgb0to255) {
		return tf.math.sub(tf.math.div(rgb0to255, tf.constant(127.5f)), tf.constant(1f));
	}

	/** Checks an input size, with a message naming the limit. */
	public static void checkInputSize(int height, int width) {
		if (height < MIN_SIZE || width < MIN_SIZE) {
			throw new IllegalArgumentException("Xception input size " + height + " x " + width
				+ " (height x width) is too small; both must be at least " + MIN_SIZE + ".");
		}
	}

	/** Spatial size of the last feature map for an input size, {@code [h, w]} (e.g. 8 x 16 for 256 x 512). */
	public static int[] featureMapSize(int height, int width) {
		int h = (height - 3) / 2 + 1 - 2; // block1_conv1 valid stride 2, block1_conv2 valid
		int w = (width - 3) / 2 + 1 - 2;
		for (int i = 0; i < 4; i++) { // four 'same' stride 2 pools
			h = (h + 1) / 2;
			w = (w + 1) / 2;
		}
		return new int[] { h, w };
	}

	/**
	 * Floating-point operations (2 x multiply-adds) of the convolutions for one image: 23.85 GFLOP at
	 * 256 x 512. Batch norm, ReLU, pooling and adds are left out (under 1 %).
	 */
	public static double flopsPerImage(int height, int width) {
		double flops = 0;
		int h = height, w = width;
		for (XceptionLayer l : XceptionLayer.all()) {
			switch (l.kind()) {
				case BATCH_NORM -> { }
				case SEPARABLE_CONV -> flops += 2.0 * h * w * (9.0 * l.inChannels() + (double) l.inChannels() * l.outChannels());
				case CONV -> {
					if (l.isResidual()) {
						// listed after sepconv2: runs on the block input, stride 2, same size as the pooled output
						h = (h + 1) / 2;
						w = (w + 1) / 2;
						flops += 2.0 * h * w * l.inChannels() * l.outChannels();
					}
					else {
						h = (h - l.kernelSize()) / l.stride() + 1;
						w = (w - l.kernelSize()) / l.stride() + 1;
						flops += 2.0 * h * w * l.kernelSize() * l.kernelSize() * l.inChannels() * l.outChannels();
					}
				}
			}
		}
		return flops;
	}

	/**
	 * The layer sequence of the base, shared by this fp32 build and {@link XceptionBf16}'s: {@code conv} and
	 * {@code sep} include the batch norm {@code name_bn} that follows each.
	 */
	abstract static class Layers<T extends TNumber> {
		final Ops tf;

		Layers(Ops tf) {
			this.tf = tf;
		}

		/** Convolution {@code name} with its batch norm. */
		abstract Operand<T> conv(String name, Operand<T> x);

		/** Separable convolution {@code name} (depthwise 3x3, pointwise 1x1) with its batch norm. */
		abstract Operand<T> sep(String name, Operand<T> x);

		/** Block 1: two 'valid' convolutions, each with batch norm and ReLU. */
		Operand<T> block1(Operand<T> x) {
			return tf.nn.relu(conv("block1_conv2", tf.nn.relu(conv("block1_conv1", x))));
		}

		/** Blocks {@code first} .. {@code last} (2 .. 14) on the output of block {@code first - 1}. */
		Operand<T> blocks(Operand<T> x, int first, int last) {
			for (int b = first; b <= Math.min(last, 13); b++) {
				if (b <= 4 || b == 13) {
					x = entryBlock(b, x, b != 2);
					continue;
				}
				Operand<T> residual = x;
				for (int s = 1; s <= 3; s++) x = sep("block" + b + "_sepconv" + s, tf.nn.relu(x));
				x = tf.math.add(x, residual);
			}
			if (last >= 14) {
				x = tf.nn.relu(sep("block14_sepconv1", x));
				x = tf.nn.relu(sep("block14_sepconv2", x));
			}
			return x;
		}

		/** Blocks 2, 3, 4, 13: [relu] sep, relu, sep, max pool + (1x1 stride 2 conv) of the input. */
		private Operand<T> entryBlock(int b, Operand<T> input, boolean reluFirst) {
			String block = "block" + b;
			Operand<T> residual = conv(block + "_residual", input);
			Operand<T> x = sep(block + "_sepconv1", reluFirst ? tf.nn.relu(input) : input);
			x = sep(block + "_sepconv2", tf.nn.relu(x));
			x = tf.withName(block + "_pool").nn.maxPool(x, tf.constant(new int[] { 1, 3, 3, 1 }),
				tf.constant(new int[] { 1, 2, 2, 1 }), "SAME");
			return tf.math.add(x, residual);
		}

		/** Global average pooling of an fp32 feature map: {@code [N, 2048]}. */
		Operand<TFloat32> pool(Operand<TFloat32> featureMap) {
			return tf.withName("avg_pool").math.mean(featureMap, tf.constant(new int[] { 1, 2 }));
		}
	}

	/** Adds layers to the graph, taking weights as constants or variables. */
	private static final class Builder extends Layers<TFloat32> {
		private final XceptionWeights weights;
		private final Set<String> trainableBlocks;
		/** Training-mode batch norm in the trainable blocks (batch statistics). */
		private final boolean trainBatchNorm;
		/** Variables by canonical name: created here, or shared with another path of the same graph. */
		private final Map<String, Variable<TFloat32>> variables;
		/** Moving statistics that are variables (of training-mode layers), for the inference path. */
		private final Map<String, Variable<TFloat32>> movingVariables;
		private final Map<String, BatchStatistics> batchStatistics = new LinkedHashMap<>();
		/** Frozen weights as graph constants, shared with the inference path (one copy in the graph). */
		private Map<String, Operand<TFloat32>> constants = new java.util.HashMap<>();

		Builder(Ops tf, XceptionWeights weights, Set<String> trainableBlocks, boolean trainBatchNorm,
			Map<String, Variable<TFloat32>> variables, Map<String, Variable<TFloat32>> movingVariables)
		{
			super(tf);
			this.weights = weights;
			this.trainableBlocks = trainableBlocks;
			this.trainBatchNorm = trainBatchNorm;
			this.variables = variables;
			this.movingVariables = movingVariables;
		}

		Operand<TFloat32> network(Operand<TFloat32> preprocessedImages) {
			return pool(blocks(block1(preprocessedImages), 2, 14));
		}

		@Override
		Operand<TFloat32> conv(String name, Operand<TFloat32> x) {
			XceptionLayer l = XceptionLayer.byName(name);
			long s = l.stride();
			return bn(name + "_bn", tf.withName(name).nn.conv2d(x, weight(l, "kernel"), List.of(1L, s, s, 1L), l.padding()));
		}

		@Override
		Operand<TFloat32> sep(String name, Operand<TFloat32> x) {
			XceptionLayer l = XceptionLayer.byName(name);
			Operand<TFloat32> dw = tf.withName(name + "_depthwise").nn.depthwiseConv2dNative(x,
				weight(l, "depthwise_kernel"), List.of(1L, 1L, 1L, 1L), "SAME");
			return bn(name + "_bn", tf.withName(name).nn.conv2d(dw, weight(l, "pointwise_kernel"), List.of(1L, 1L, 1L, 1L),
				"VALID"));
		}

		Operand<TFloat32> bn(String name, Operand<TFloat32> x) {
			XceptionLayer l = XceptionLayer.byName(name);
			if (trainBatchNorm && trainableBlocks.contains(l.block())) {
				// Training mode: the op normalises with the batch's statistics and returns them; the moving
				// statistics are not read (empty inputs, as tf.nn.fused_batch_norm passes).
				Operand<TFloat32> none = tf.constant(new float[0]);
				FusedBatchNorm<TFloat32, TFloat32> bn = tf.withName(name).nn.fusedBatchNorm(x, weight(l, "gamma"),
					weight(l, "beta"), none, none, FusedBatchNorm.epsilon(XceptionLayer.BN_EPSILON),
					FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
				batchStatistics.put(name, new BatchStatistics(bn.batchMean(), bn.batchVariance()));
				return bn.y();
			}
			FusedBatchNorm<TFloat32, TFloat32> bn = tf.withName(name).nn.fusedBatchNorm(x, weight(l, "gamma"),
				weight(l, "beta"), weight(l, "moving_mean"), weight(l, "moving_variance"),
				FusedBatchNorm.epsilon(XceptionLayer.BN_EPSILON), FusedBatchNorm.isTraining(false),
				FusedBatchNorm.dataFormat("NHWC"));
			return bn.y();
		}

		Operand<TFloat32> weight(XceptionLayer layer, String param) {
			String name = layer.name() + "/" + param;
			Variable<TFloat32> existing = variables.get(name);
			if (existing != null && (trainable(layer, param) || movingVariables.containsKey(name))) return existing;
			if (!trainable(layer, param) && constants.containsKey(name)) return constants.get(name);
			Shape shape = Shape.of(XceptionWeights.shape(name));
			Ops scoped = tf.withSubScope(layer.name());
			Operand<TFloat32> constant = scoped.withName(param + (trainable(layer, param) ? "_init" : ""))
				.constant(shape, DataBuffers.of(weights.get(name), true, false));
			if (!trainable(layer, param)) {
				constants.put(name, constant);
				return constant;
			}
			Variable<TFloat32> v = scoped.withName(param).variable(constant);
			variables.put(name, v);
			return v;
		}

		private boolean trainable(XceptionLayer layer, String param) {
			return trainableBlocks.contains(layer.block()) && !param.startsWith("moving_");
		}
	}
}
