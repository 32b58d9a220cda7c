package io.github.steeldefects.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A layer of the Keras Xception base that carries weights, in model order.
 * <p>
 * Named layers keep their Keras names ({@code block1_conv1}, {@code block2_sepconv1_bn}, ...).
 * The four residual 1x1 convolutions and their batch norms have auto-numbered names in Keras
 * ({@code conv2d_1}, {@code batch_normalization_1}, ...) that change between Keras versions;
 * here they carry role names instead: {@code block2_residual} / {@code block2_residual_bn}
 * (64 -> 128), {@code block3_residual} (128 -> 256), {@code block4_residual} (256 -> 728) and
 * {@code block13_residual} (728 -> 1024).
 */
public record XceptionLayer(String name, Kind kind, String block, int inChannels, int outChannels,
	int kernelSize, int stride, boolean samePadding)
{

	/** What a layer computes. */
	public enum Kind {
		/** Plain convolution, no bias; weight {@code kernel}. */
		CONV,
		/** Depthwise 3x3 then pointwise 1x1, no bias; weights {@code depthwise_kernel}, {@code pointwise_kernel}. */
		SEPARABLE_CONV,
		/** Batch norm, epsilon 1e-3; weights {@code gamma}, {@code beta}, {@code moving_mean}, {@code moving_variance}. */
		BATCH_NORM
	}

	/** Keras batch norm epsilon used by Xception. */
	public static final float BN_EPSILON = 1e-3f;

	/** True for the four residual 1x1 convolutions and their batch norms. */
	public boolean isResidual() {
		return name.contains("_residual");
	}

	/** TensorFlow padding string, {@code SAME} or {@code VALID}. */
	public String padding() {
		return samePadding ? "SAME" : "VALID";
	}

	/** The weight tensors of this layer, in Keras order. */
	public List<WeightSpec> weights() {
		List<WeightSpec> w = new ArrayList<>();
		switch (kind) {
			case CONV -> w.add(new WeightSpec(name, "kernel",
				new long[] { kernelSize, kernelSize, inChannels, outChannels }));
			case SEPARABLE_CONV -> {
				w.add(new WeightSpec(name, "depthwise_kernel", new long[] { kernelSize, kernelSize, inChannels, 1 }));
				w.add(new WeightSpec(name, "pointwise_kernel", new long[] { 1, 1, inChannels, outChannels }));
			}
			case BATCH_NORM -> {
				for (String p : List.of("gamma", "beta", "moving_mean", "moving_variance")) {
					w.add(new WeightSpec(name, p, new long[] { outChannels }));
				}
			}
		}
		return w;
	}

	/** Number of scalars over all weights of this layer. */
	public long parameterCount() {
		return weights().stream().mapToLong(WeightSpec::size).sum();
	}

	private static final List<XceptionLayer> LAYERS = buildLayers();

	/** All weighted layers of {@code Xception(include_top=False)}, in Keras model order. */
	public static List<XceptionLayer> all() {
		return LAYERS;
	}

	/** All weight tensors, in Keras model order. */
	public static List<WeightSpec> allWeights() {
		return LAYERS.stream().flatMap(l -> l.weights().stream()).toList();
	}

	/** The layer of that name, or an exception naming it. */
	public static XceptionLayer byName(String name) {
		return LAYERS.stream().filter(l -> l.name.equals(name)).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Xception has no layer named '" + name + "'."));
	}

	/** Block names in order: {@code block1} .. {@code block14}. */
	public static List<String> blocks() {
		return IntStream.rangeClosed(1, 14).mapToObj(i -> "block" + i).toList();
	}

	private static List<XceptionLayer> buildLayers() {
		List<XceptionLayer> l = new ArrayList<>();
		conv(l, "block1_conv1", "block1", 3, 32, 3, 2, false);
		bn(l, "block1_conv1_bn", "block1", 32);
		conv(l, "block1_conv2", "block1", 32, 64, 3, 1, false);
		bn(l, "block1_conv2_bn", "block1", 64);
		entryBlock(l, 2, 64, 128, 128);
		entryBlock(l, 3, 128, 256, 256);
		entryBlock(l, 4, 256, 728, 728);
		for (int b = 5; b <= 12; b++) {
			for (int s = 1; s <= 3; s++) {
				sep(l, "block" + b + "_sepconv" + s, "block" + b, 728, 728);
				bn(l, "block" + b + "_sepconv" + s + "_bn", "block" + b, 728);
			}
		}
		entryBlock(l, 13, 728, 728, 1024);
		sep(l, "block14_sepconv1", "block14", 1024, 1536);
		bn(l, "block14_sepconv1_bn", "block14", 1536);
		sep(l, "block14_sepconv2", "block14", 1536, 2048);
		bn(l, "block14_sepconv2_bn", "block14", 2048);
		return Collections.unmodifiableList(l);
	}

	/** Blocks 2, 3, 4 and 13: two separable convs, max pool, strided 1x1 residual (Keras model order). */
	private static void entryBlock(List<XceptionLayer> l, int b, int in, int mid, int out) {
		String block = "block" + b;
		sep(l, block + "_sepconv1", block, in, mid);
		bn(l, block + "_sepconv1_bn", block, mid);
		sep(l, block + "_sepconv2", block, mid, out);
		bn(l, block + "_sepconv2_bn", block, out);
		conv(l, block + "_residual", block, in, out, 1, 2, true);
		bn(l, block + "_residual_bn", block, out);
	}

	private static void conv(List<XceptionLayer> l, String name, String block, int in, int out, int k, int s,
		boolean same)
	{
		l.add(new XceptionLayer(name, Kind.CONV, block, in, out, k, s, same));
	}

	private static void sep(List<XceptionLayer> l, String name, String block, int in, int out) {
		l.add(new XceptionLayer(name, Kind.SEPARABLE_CONV, block, in, out, 3, 1, true));
	}

	private static void bn(List<XceptionLayer> l, String name, String block, int channels) {
		l.add(new XceptionLayer(name, Kind.BATCH_NORM, block, channels, channels, 1, 1, true));
	}
}
