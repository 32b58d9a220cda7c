package io.github.steeldefects.model.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.Tensors;
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.XceptionBf16;
import io.github.steeldefects.model.XceptionWeights;

/**
 * The full classifier as one TensorFlow graph: raw RGB 0..255 -&gt; Xception preprocessing
 * ({@code x / 127.5 - 1}, inside the graph) -&gt; frozen Xception base -&gt; trained head -&gt;
 * probabilities; exported as a SavedModel with signature {@code serving_default}
 * (input {@value #INPUT} float [N, H, W, 3], outputs {@value #OUTPUT} float [N, outputs] and
 * {@value #HEATMAPS} float [N, h, w, outputs]) plus {@code model.json}.
 * <p>
 * Heatmaps (class activation maps) come from the same forward pass: with the head's batch norm
 * folded into the dense layer ({@code w'_ck = w_ck gamma_c / sqrt(var_c + eps)},
 * {@code b'_k = b_k + sum_c w_ck (beta_c - mean_c gamma_c / sqrt(var_c + eps))}) each cell (i, j) of
 * the last feature map A gets its share {@code sum_c w'_ck A_ijc + b'_k} of the logit. The logits are
 * the mean of the heatmap over its cells, so the mean of a heatmap equals {@code log(p / (1 - p))}
 * exactly up to float rounding. h x w is {@link Xception#featureMapSize}, e.g. 8 x 16 at 256 x 512.
 * <p>
 * The export is built in a hidden temporary folder beside the target and renamed into place, so a
 * model folder is either complete or absent. {@link #predict(List)} runs the very session that is
 * exported, for checks. Usage: see the package.
 */
public final class ModelExporter implements AutoCloseable {

	public static final String SIGNATURE = Signature.DEFAULT_KEY;
	public static final String INPUT = "images";
	public static final String OUTPUT = "probabilities";
	/**
	 * Second signature of models trained in bf16: the same input, output and head, on the bf16 base
	 * ({@link io.github.steeldefects.model.XceptionBf16}) whose features the head was trained on.
	 */
	public static final String SIGNATURE_BF16 = "serving_bf16";
	/** Second signature output: per-cell logit shares [N, h, w, outputs] (absent in models exported before it). */
	public static final String HEATMAPS = "heatmaps";

	private final XceptionWeights baseWeights;
	private final HeadWeights head;
	private final int height, width;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input;
	private final Operand<TFloat32> probabilities;
	private final Operand<TFloat32> probabilitiesBf16; // null unless the runtime's precision is bf16
	private final Operand<TFloat32> heatmaps;
	private final Operand<TFloat32> heatmapsBf16; // null unless the runtime's precision is bf16

	/**
	 * Builds the graph (a few seconds: the 20.8 M base weights become graph constants).
	 *
	 * @param runtime from {@link TensorFlowRuntime#start}; decides the device; with precision bf16 the
	 *          SavedModel also gets the {@value #SIGNATURE_BF16} signature
	 */
	public ModelExporter(XceptionWeights baseWeights, HeadWeights head, int height, int width, TensorFlowRuntime runtime) {
		Xception.checkInputSize(height, width);
		if (head.features() != Xception.FEATURES) throw new IllegalArgumentException("The head takes " + head.features()
			+ " features but the Xception base gives " + Xception.FEATURES + "; train the head on Xception features.");
		this.baseWeights = baseWeights;
		this.head = head;
		this.height = height;
		this.width = width;
		graph = new Graph();
		try {
			Ops tf = Ops.create(graph);
			input = tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, 3)));
			Operand<TFloat32> pooled = Xception.build(tf, Xception.preprocess(tf, input), baseWeights);
			// Head weights are variables (not constants) so that the SavedModel carries them in its
			// variables folder, as a Keras export would.
			int f = head.features(), o = head.outputs();
			Operand<TFloat32> gamma = tf.withName("head_bn_gamma").variable(tf.constant(head.gamma()));
			Operand<TFloat32> beta = tf.withName("head_bn_beta").variable(tf.constant(head.beta()));
			Operand<TFloat32> mean = tf.withName("head_bn_moving_mean").variable(tf.constant(head.movingMean()));
			Operand<TFloat32> variance = tf.withName("head_bn_moving_variance").variable(tf.constant(head.movingVariance()));
			Operand<TFloat32> kernel = tf.withName("head_dense_kernel").variable(
				tf.constant(Shape.of(f, o), DataBuffers.of(head.kernel(), true, false)));
			Operand<TFloat32> bias = tf.withName("head_dense_bias").variable(tf.constant(head.bias()));
			Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant(head.epsilon()))), gamma);
			int[] cells = Xception.featureMapSize(height, width);
			BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> shares = (scope, base) -> heatmaps(scope, featureMap(base),
				scale, beta, mean, kernel, bias, cells, f, o);
			heatmaps = shares.apply(tf, pooled);
			// logit = mean of the cells' shares: the same number as BN -> Dense on the pooled features,
			// computed so that the heatmap contract holds to float rounding
			probabilities = tf.withName(OUTPUT).math.sigmoid(tf.math.mean(heatmaps, tf.constant(new int[] { 1, 2 })));
			boolean bf16 = runtime.precision() == TensorFlowRuntime.Precision.BF16;
			Operand<TFloat32> pooledBf16 = bf16 ? XceptionBf16.build(tf.withSubScope("bf16"), Xception.preprocess(tf, input),
				baseWeights) : null;
			heatmapsBf16 = bf16 ? shares.apply(tf.withSubScope("bf16"), pooledBf16) : null;
			probabilitiesBf16 = bf16 ? tf.withName(OUTPUT + "_bf16").math.sigmoid(tf.math.mean(heatmapsBf16,
				tf.constant(new int[] { 1, 2 }))) : null;
			session = runtime.newSession(graph);
			session.initialize();
		}
		catch (RuntimeException | Error e) {
			graph.close();
			throw e;
		}
	}

	/** The last feature map [N, h, w, 2048]: the input of the global average pooling that gives {@code pooled}. */
	private static Operand<TFloat32> featureMap(Operand<TFloat32> pooled) {
		GraphOperation pool = (GraphOperation) pooled.op();
		if (!pool.type().equals("Mean")) throw new IllegalStateException("The Xception base ends in " + pool.type()
			+ ", not in global average pooling (Mean); heatmaps need the feature map before it.");
		return pool.input(0).expect(TFloat32.class);
	}

	/** Per-cell shares of the logits with the batch norm folded into the dense layer: [N, h, w, outputs]. */
	private static Operand<TFloat32> heatmaps(Ops tf, Operand<TFloat32> featureMap, Operand<TFloat32> scale,
		Operand<TFloat32> beta, Operand<TFloat32> mean, Operand<TFloat32> kernel, Operand<TFloat32> bias, int[] cells, int f, int o)
	{
		Operand<TFloat32> foldedKernel = tf.math.mul(kernel, tf.reshape(scale, tf.constant(new long[] { f, 1 })));
		Operand<TFloat32> shift = tf.reshape(tf.math.sub(beta, tf.math.mul(mean, scale)), tf.constant(new long[] { 1, f }));
		Operand<TFloat32> foldedBias = tf.math.add(tf.reshape(tf.linalg.matMul(shift, kernel), tf.constant(new long[] { o })), bias);
		Operand<TFloat32> perCell = tf.linalg.matMul(tf.reshape(featureMap, tf.constant(new long[] { -1, f })), foldedKernel);
		return tf.withName(HEATMAPS).math.add(tf.reshape(perCell, tf.constant(new long[] { -1, cells[0], cells[1], o })), foldedBias);
	}

	/** Probabilities [image][output] from the session that {@link #export} writes; images are resized to the input size. */
	public float[][] predict(List<RgbImage> images) {
		try (TFloat32 t = Tensors.of(Tensors.batch(images, height, width), images.size(), height, width, 3);
			Result r = session.runner().feed(input, t).fetch(probabilities).run())
		{
			return Tensors.rows(Tensors.floats(r.get(0)), head.outputs());
		}
	}

	/**
	 * Writes the SavedModel and {@code model.json} into {@code folder}. An existing folder is
	 * replaced only when it is empty or holds a previous Steel Defects model.
	 *
	 * @return what was written into model.json
	 */
	public ModelInfo export(Path folder, ExportDetails details) throws IOException {
		return export(folder, details, true);
	}

	/**
	 * Writes the model as this exporter did before the {@value #HEATMAPS} output existed (signature
	 * with {@value #OUTPUT} only; same graph), so that the support for such models stays tested.
	 */
	public ModelInfo exportWithoutHeatmapsOutput(Path folder, ExportDetails details) throws IOException {
		return export(folder, details, false);
	}

	private ModelInfo export(Path folder, ExportDetails details, boolean withHeatmaps) throws IOException {
		if ("bf16".equals(details.precision()) && probabilitiesBf16 == null) throw new IllegalArgumentException(
			"A model trained in bf16 needs its bf16 graph: build the exporter with a bf16 runtime.");
		if (details.classNames().size() != head.outputs() || details.thresholds().length != head.outputs())
			throw new IllegalArgumentException("The head has " + head.outputs() + " outputs but " + details.classNames().size()
				+ " class names and " + details.thresholds().length + " thresholds were given.");
		Path target = folder.toAbsolutePath().normalize();
		ModelFolder.checkReplaceable(target);
		Path parent = target.getParent();
		Files.createDirectories(parent);
		Path tmp = io.github.steeldefects.io.AtomicFiles.createTempFolder(parent, "." + target.getFileName() + "-export-"); // mode follows the umask
		try {
			Path saved = tmp.resolve("model");
			Signature.Builder signature = Signature.builder().key(SIGNATURE).input(INPUT, input).output(OUTPUT, probabilities);
			if (withHeatmaps) signature.output(HEATMAPS, heatmaps);
			var exporter = SavedModelBundle.exporter(saved.toString()).withSession(session).withSignature(signature.build());
			if (probabilitiesBf16 != null) {
				Signature.Builder bf16 = Signature.builder().key(SIGNATURE_BF16).input(INPUT, input).output(OUTPUT, probabilitiesBf16);
				if (withHeatmaps) bf16.output(HEATMAPS, heatmapsBf16);
				exporter.withSignature(bf16.build());
			}
			exporter.export();
			ModelInfo info = new ModelInfo(ModelInfo.FORMAT, 1, SIGNATURE, INPUT, OUTPUT, height, width, 3, "inside",
				head.outputs(), List.copyOf(details.classNames()), details.thresholds().clone(), baseWeights.id(),
				weightsSha256(baseWeights, head), details.training(), details.bestEpoch(), List.copyOf(details.history()), versions(),
				Instant.now().toString(), details.precision() == null ? "fp32" : details.precision());
			info.write(saved.resolve(ModelInfo.FILE_NAME));
			// Swap in: the old model (if any) moves aside first, so the target is never half written.
			Path old = null;
			if (Files.exists(target)) {
				old = tmp.resolve("previous");
				Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			}
			try {
				Files.move(saved, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) {
				if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous model back
				throw e;
			}
			return info;
		}
		finally {
			Checkpoints.deleteTree(tmp);
		}
	}

	/**
	 * SHA-256 over the weight values: each base weight (canonical name, then float32 values
	 * big-endian, in model order) followed by the head's arrays. The SavedModel's bytes are not
	 * hashed: they also hold the export path and so differ between identical exports.
	 */
	static String weightsSha256(XceptionWeights base, HeadWeights head) {
		MessageDigest md = FeatureCache.digest();
		for (Map.Entry<String, float[]> e : base.asMap().entrySet()) update(md, "base/" + e.getKey(), e.getValue());
		update(md, "head/bn_gamma", head.gamma());
		update(md, "head/bn_beta", head.beta());
		update(md, "head/bn_moving_mean", head.movingMean());
		update(md, "head/bn_moving_variance", head.movingVariance());
		update(md, "head/dense_kernel", head.kernel());
		update(md, "head/dense_bias", head.bias());
		update(md, "head/bn_epsilon", new float[] { head.epsilon() });
		return HexFormat.of().formatHex(md.digest());
	}

	private static void update(MessageDigest md, String name, float[] values) {
		md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 4);
		b.asFloatBuffer().put(values);
		md.update(b.array());
	}

	/** Plugin, DJL and TensorFlow versions. */
	public static Map<String, String> versions() {
		Map<String, String> v = new LinkedHashMap<>();
		v.put("plugin", pluginVersion());
		String djl;
		try {
			djl = ai.djl.engine.Engine.getDjlVersion();
		}
		catch (RuntimeException | LinkageError e) {
			djl = "unknown";
		}
		v.put("djl", djl);
		v.put("tensorflow", TensorFlow.version());
		v.put("java", System.getProperty("java.version"));
		return v;
	}

	private static String pluginVersion() {
		String v = ModelExporter.class.getPackage().getImplementationVersion();
		if (v != null) return v;
		try (InputStream in = ModelExporter.class.getResourceAsStream(
			"/META-INF/maven/io.github.steeldefects/Steel_Defects/pom.properties"))
		{
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				return p.getProperty("version", "development");
			}
		}
		catch (IOException e) {
			// fall through
		}
		return "development";
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
