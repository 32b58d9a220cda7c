package io.github.steeldefects.model;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Pooled Xception features ({@value Xception#FEATURES} floats) per image, from a frozen base.
 * One graph and one session are built at construction and reused; images are resized (bilinear)
 * to the network size and run in batches. Close it to free TensorFlow's native memory.
 * <p>
 * The runtime's {@linkplain TensorFlowRuntime#precision() precision} decides the graph: fp32 is
 * {@link Xception} (Keras-exact), bf16 is {@link XceptionBf16}; cache keys carry the precision.
 * Thread-safe: concurrent calls share the session.
 */
public final class FeatureExtractor implements AutoCloseable {

	/** Default number of images per forward pass. */
	public static final int DEFAULT_BATCH = 8;

	private final XceptionWeights weights;
	private final TensorFlowRuntime.Precision precision;
	private final int height;
	private final int width;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final Operand<TFloat32> features;
	private volatile int batchSize = DEFAULT_BATCH;
	private volatile boolean closed;

	/**
	 * @param weights base weights (frozen)
	 * @param height network input height, at least 71
	 * @param width network input width, at least 71
	 * @param runtime from {@link TensorFlowRuntime#start}; decides the device
	 */
	public FeatureExtractor(XceptionWeights weights, int height, int width, TensorFlowRuntime runtime) {
		Xception.checkInputSize(height, width);
		this.weights = Objects.requireNonNull(weights);
		this.precision = runtime.precision();
		this.height = height;
		this.width = width;
		Graph g = new Graph();
		try {
			Ops tf = Ops.create(g);
			input = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, 3)));
			Operand<TFloat32> preprocessed = Xception.preprocess(tf, input);
			features = tf.withName("features").identity(precision == TensorFlowRuntime.Precision.BF16
				? XceptionBf16.build(tf, preprocessed, weights) : Xception.build(tf, preprocessed, weights));
			session = runtime.newSession(g);
		}
		catch (RuntimeException | Error e) {
			g.close();
			throw e;
		}
		graph = g;
	}

	/** Network input height. */
	public int height() {
		return height;
	}

	/** Network input width. */
	public int width() {
		return width;
	}

	/** The precision the features are computed in: FP32 or BF16. */
	public TensorFlowRuntime.Precision precision() {
		return precision;
	}

	/** The weights in use. */
	public XceptionWeights weights() {
		return weights;
	}

	/** Images per forward pass (default 8). */
	public void setBatchSize(int batchSize) {
		if (batchSize < 1) throw new IllegalArgumentException("Batch size " + batchSize + " must be at least 1.");
		this.batchSize = batchSize;
	}

	/** Features of one image. */
	public float[] extract(BufferedImage image) {
		return extract(RgbImage.of(image));
	}

	/** Features of one image. */
	public float[] extract(RgbImage image) {
		return extract(List.of(image))[0];
	}

	/** Features of each image, in order; images are resized to the network size where needed. */
	public float[][] extract(List<RgbImage> images) {
		float[][] out = new float[images.size()][];
		int bs = batchSize;
		for (int start = 0; start < images.size(); start += bs) {
			if (closed) throw new IllegalStateException("This feature extractor is closed.");
			List<RgbImage> batch = images.subList(start, Math.min(images.size(), start + bs));
			try (TFloat32 x = Tensors.of(Tensors.batch(batch, height, width), batch.size(), height, width, 3);
				Result r = session.runner().feed(input, x).fetch(features).run())
			{
				System.arraycopy(Tensors.rows(Tensors.floats(r.get(0)), Xception.FEATURES), 0, out, start, batch.size());
			}
		}
		return out;
	}

	/** The feature cache's key of an image with this extractor's weights, input size and precision. */
	public String cacheKey(String contentHash, String variant) {
		return FeatureCache.key(weights.id(), contentHash, height, width, variant, precision);
	}

	/** Decodes an image file with the one decoder every reader uses; one clear sentence when it cannot (or it is truncated). */
	public static RgbImage read(Path file) {
		return RgbImage.of(io.github.steeldefects.io.ImageFiles.read(file));
	}

	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		session.close();
		graph.close();
	}
}
