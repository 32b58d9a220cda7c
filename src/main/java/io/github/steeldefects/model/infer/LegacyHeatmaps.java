package io.github.steeldefects.model.infer;

import java.nio.file.Path;

import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.model.Tensors;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.ModelInfo;

/**
 * Heatmaps for Steel Defects models exported before the SavedModel had a heatmaps output: their
 * graph still holds the last feature map (the input of {@code avg_pool}) and the head's variables
 * ({@code head_bn_*}, {@code head_dense_*}), so the model is run through TensorFlow Java directly,
 * fetching the probabilities and the feature map in one pass, and each cell's share
 * {@code sum_c w'_ck A_ijc + b'_k} is computed here with the batch norm folded in as the exporter
 * now does in the graph.
 */
final class LegacyHeatmaps implements AutoCloseable {

	private final SavedModelBundle bundle;
	private final String input, probabilities;
	private final Output<?> featureMap;
	private final int outputs, features;
	private final float[] foldedKernel; // [feature][output]
	private final float[] foldedBias;

	private LegacyHeatmaps(SavedModelBundle bundle, String input, String probabilities, Output<?> featureMap, HeadWeights head) {
		this.bundle = bundle;
		this.input = input;
		this.probabilities = probabilities;
		this.featureMap = featureMap;
		this.features = head.features();
		this.outputs = head.outputs();
		float[] kernel = head.kernel();
		foldedKernel = new float[features * outputs];
		foldedBias = new float[outputs];
		double[] b = new double[outputs];
		for (int k = 0; k < outputs; k++) b[k] = head.bias()[k];
		for (int c = 0; c < features; c++) {
			double scale = head.gamma()[c] / Math.sqrt(head.movingVariance()[c] + head.epsilon());
			double shift = head.beta()[c] - head.movingMean()[c] * scale;
			for (int k = 0; k < outputs; k++) {
				foldedKernel[c * outputs + k] = (float) (kernel[c * outputs + k] * scale);
				b[k] += kernel[c * outputs + k] * shift;
			}
		}
		for (int k = 0; k < outputs; k++) foldedBias[k] = (float) b[k];
	}

	/** Whether the graph DJL loaded has the ops heatmaps are computed from (cheap: reads the graph's node names). */
	static boolean possible(ai.djl.nn.SymbolBlock block) {
		if (!(block instanceof ai.djl.tensorflow.engine.TfSymbolBlock tf)) return false;
		try {
			return tf.getSavedModelBundle().getMetaGraphDef().getGraphDef().getNodeList().stream()
				.map(node -> node.getName()).collect(java.util.stream.Collectors.toSet()).containsAll(java.util.List.of("avg_pool", "head_bn_gamma", "head_bn_beta", "head_bn_moving_mean",
				"head_bn_moving_variance", "head_dense_kernel", "head_dense_bias"));
		}
		catch (RuntimeException | LinkageError e) {
			return false;
		}
	}

	/**
	 * Opens the model's graph a second time, through TensorFlow Java, when it has what heatmaps
	 * need; otherwise null (the classifier then says why it has none).
	 */
	static LegacyHeatmaps open(Path folder, ModelInfo info) {
		SavedModelBundle bundle = null;
		try {
			bundle = SavedModelBundle.load(folder.toString(), "serve");
			GraphOperation pool = bundle.graph().operation("avg_pool");
			if (pool == null || !pool.type().equals("Mean") || bundle.graph().operation(info.inputName()) == null
				|| bundle.graph().operation(info.outputName()) == null) {
				bundle.close();
				return null;
			}
			float epsilon = info.training() != null ? info.training().batchNormEpsilon() : 1e-3f;
			float[] gamma = read(bundle, "head_bn_gamma"), bias = read(bundle, "head_dense_bias");
			// HeadWeights refuses arrays that do not fit together
			return new LegacyHeatmaps(bundle, info.inputName(), info.outputName(), pool.input(0), new HeadWeights(gamma.length,
				bias.length, epsilon, gamma, read(bundle, "head_bn_beta"), read(bundle, "head_bn_moving_mean"),
				read(bundle, "head_bn_moving_variance"), read(bundle, "head_dense_kernel"), bias));
		}
		catch (RuntimeException e) {
			if (bundle != null) bundle.close();
			return null;
		}
	}

	private static float[] read(SavedModelBundle b, String op) {
		if (b.graph().operation(op) == null) throw new IllegalArgumentException("no " + op);
		try (Result r = b.session().runner().fetch(op).run()) {
			return Tensors.floats(r.get(0));
		}
	}

	int outputs() {
		return outputs;
	}

	/** Probabilities and heatmaps of a preprocessed NHWC batch, from one forward pass. */
	Classifier.Outputs run(Classifier.Batch batch) {
		try (TFloat32 in = Tensors.of(batch.pixels(), batch.n(), batch.height(), batch.width(), 3);
			Result r = bundle.session().runner().feed(input, in).fetch(probabilities).fetch(featureMap).run())
		{
			int n = batch.n();
			float[][] probs = Tensors.rows(Tensors.floats(r.get(0)), outputs);
			Shape s = r.get(1).shape();
			int h = (int) s.get(1), w = (int) s.get(2), f = (int) s.get(3);
			if (f != features) throw new IllegalStateException("feature map has " + f + " channels, the head takes " + features);
			float[] cells = Tensors.floats(r.get(1));
			Heatmap[] maps = new Heatmap[n];
			float[] nhwc = new float[h * w * outputs];
			for (int i = 0; i < n; i++) {
				for (int cell = 0; cell < h * w; cell++) {
					int base = (i * h * w + cell) * f;
					for (int k = 0; k < outputs; k++) {
						double sum = foldedBias[k];
						for (int c = 0; c < f; c++) sum += (double) cells[base + c] * foldedKernel[c * outputs + k];
						nhwc[cell * outputs + k] = (float) sum;
					}
				}
				maps[i] = Heatmap.fromNhwc(nhwc, 0, h, w, outputs);
			}
			return new Classifier.Outputs(probs, maps);
		}
	}

	@Override
	public void close() {
		bundle.close();
	}
}
