package io.github.steeldefects.model.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.Tensors;

/**
 * The head as a TensorFlow graph with two paths over shared variables: a training path (batch
 * statistics, dropout mask fed from Java, weighted binary cross-entropy, Adam) and an inference
 * path (moving statistics, no dropout). Randomness lives in Java (initial kernel, dropout masks)
 * so a run is reproducible from its seed and every variable, Adam's included, can be saved and
 * restored exactly.
 */
final class HeadGraph implements AutoCloseable {

	private final int features, outputs;
	private final float epsilon;
	private final Graph graph;
	private final Session session;
	private final Placeholder<TFloat32> input, y, sampleWeights, dropoutMask, learningRate;
	private final long[] inputDims; // per sample, e.g. {2048} or {H, W, 3}
	private final Map<String, Variable<TFloat32>> baseVariables;
	/** Moving statistics of the base's training-mode batch norms (empty when the base runs in inference mode). */
	private final Map<String, Variable<TFloat32>> baseMovingStatistics;
	private final List<Operand<TFloat32>> baseUpdates;
	/** Moving statistics (base and head) with the training path's batch statistics they estimate. */
	private final List<Variable<TFloat32>> reestimated = new ArrayList<>();
	private final List<Operand<TFloat32>> batchStatistics = new ArrayList<>();
	private final Operand<TFloat32> inferenceLogits, trainingLogits;
	private final Op updateMean, updateVariance;
	private final List<GraphOperation> adamUpdates = new ArrayList<>(), betaPowerUpdates = new ArrayList<>();
	private final List<Operand<TFloat32>> gradients = new ArrayList<>();
	private final List<Placeholder<TFloat32>> gradientInputs = new ArrayList<>();
	private final Variable<TFloat32> gamma, beta, movingMean, movingVariance, kernel, bias;
	/** Every variable of the graph (head and optimizer) by name, with a placeholder + assign to restore it. */
	private final Map<String, Restorer> restorers = new LinkedHashMap<>();

	private record Restorer(Output<TFloat32> value, Placeholder<TFloat32> input, Op assign) {}

	/**
	 * What feeds the head: the pooled features and any trainable base variables; {@code inference}
	 * (null when both paths are the same) adds the base's inference path once the optimiser has
	 * been built, so that its moving statistics are not differentiated.
	 */
	record Base(Operand<TFloat32> features, Map<String, Variable<TFloat32>> variables,
		java.util.function.Supplier<io.github.steeldefects.model.Xception.Inference> inference)
	{
		Base(Operand<TFloat32> features, Map<String, Variable<TFloat32>> variables) {
			this(features, variables, null);
		}
	}

	/** Builds the part of the graph between the input placeholder and the pooled features. */
	@FunctionalInterface
	interface BaseBuilder {
		Base build(Ops tf, Operand<TFloat32> input);
	}

	/**
	 * @param inputDims shape of one input sample ({@code {features}} for the head alone on cached features)
	 * @param features width of the pooled features that {@code base} returns
	 */
	HeadGraph(long[] inputDims, int features, int outputs, TrainingSettings s, BaseBuilder base) {
		this.features = features;
		this.outputs = outputs;
		this.epsilon = s.batchNormEpsilon();
		this.inputDims = inputDims.clone();
		graph = new Graph();
		try {
			Ops tf = Ops.create(graph);
			input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape.of(batchShape(-1))));
			// Base variables (trainable Xception blocks) exist before computeGradients(), so Adam trains them too.
			Base built = base.build(tf, input);
			baseVariables = built.variables();
			Operand<TFloat32> x = built.features();
			y = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, outputs)));
			sampleWeights = tf.withName("sample_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, outputs)));
			dropoutMask = tf.withName("dropout_mask").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, features)));

			gamma = tf.withName("bn_gamma").variable(tf.constant(filled(features, 1f)));
			beta = tf.withName("bn_beta").variable(tf.constant(new float[features]));
			kernel = tf.withName("dense_kernel").variable(tf.constant(glorotUniform(features, outputs, new Random(s.seed()))));
			bias = tf.withName("dense_bias").variable(tf.constant(new float[outputs]));

			Operand<TFloat32> eps = tf.constant(epsilon);
			// Training path: batch statistics (biased variance, as Keras normalises with).
			Operand<TFloat32> mean = tf.math.mean(x, tf.constant(0));
			Operand<TFloat32> variance = tf.math.mean(tf.math.square(tf.math.sub(x, mean)), tf.constant(0));
			Operand<TFloat32> normalised = batchNorm(tf, x, mean, variance, eps);
			Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(tf.math.mul(normalised, dropoutMask), kernel), bias);
			// Stable binary cross-entropy from logits: max(z,0) - z*y + log(1 + exp(-|z|)).
			Operand<TFloat32> perElement = tf.math.add(tf.math.sub(tf.math.maximum(logits, tf.constant(0f)),
				tf.math.mul(logits, y)), tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
			Operand<TFloat32> loss = tf.withName("loss").math.mean(tf.math.mul(perElement, sampleWeights), tf.constant(new int[] { 0, 1 }));

			trainingLogits = logits;
			// Gradients and Adam's update run in separate session calls: in one call an ApplyAdam op
			// may update a (reference) variable while the backward pass still reads it; the beta-power
			// updates run in a third call, after every ApplyAdam has read them.
			// computeGradients() differentiates with respect to every variable that exists when it is
			// called, so the moving statistics and Adam's slots (not trained by gradient) are created after it.
			List<Optimizer.GradAndVar<?>> computed = new Adam(graph, s.learningRate()).computeGradients(loss);
			List<Operand<TFloat32>> raw = new ArrayList<>();
			for (Optimizer.GradAndVar<?> gv : computed) raw.add(gv.getGradient().expect(TFloat32.class));
			List<Operand<TFloat32>> fetched = raw;
			if (s.clipNorm() > 0) { // clip by global norm, as tf.clip_by_global_norm
				Operand<TFloat32> sum = tf.constant(0f);
				for (Operand<TFloat32> g : raw) sum = tf.math.add(sum, tf.reduceSum(tf.math.square(g),
					tf.constant(IntStream.range(0, g.shape().numDimensions()).toArray())));
				Operand<TFloat32> clip = tf.constant(s.clipNorm());
				Operand<TFloat32> factor = tf.math.div(clip, tf.math.maximum(tf.math.sqrt(sum), clip));
				fetched = new ArrayList<>();
				for (Operand<TFloat32> g : raw) fetched.add(tf.math.mul(g, factor));
			}
			learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
			Operand<TFloat32> beta1 = tf.constant(Adam.BETA_ONE_DEFAULT), beta2 = tf.constant(Adam.BETA_TWO_DEFAULT);
			Variable<TFloat32> beta1Power = tf.withName("adam_beta1_power").variable(tf.constant(Adam.BETA_ONE_DEFAULT));
			Variable<TFloat32> beta2Power = tf.withName("adam_beta2_power").variable(tf.constant(Adam.BETA_TWO_DEFAULT));
			Operand<TFloat32> adamEpsilon = tf.constant(Adam.EPSILON_DEFAULT);
			for (int i = 0; i < computed.size(); i++) {
				Output<TFloat32> variable = computed.get(i).getVariable().expect(TFloat32.class);
				String name = variable.op().name().replace('/', '_');
				Placeholder<TFloat32> g = tf.withName("gradient_" + name)
					.placeholder(TFloat32.class, Placeholder.shape(variable.shape()));
				gradients.add(fetched.get(i));
				gradientInputs.add(g);
				Variable<TFloat32> m = tf.withName(name + "-m").variable(zeros(tf, variable.shape()));
				Variable<TFloat32> v = tf.withName(name + "-v").variable(zeros(tf, variable.shape()));
				adamUpdates.add((GraphOperation) tf.withName("adam_" + name).train.applyAdam(variable, m, v, beta1Power,
					beta2Power, learningRate, beta1, beta2, adamEpsilon, g).op());
			}
			betaPowerUpdates.add((GraphOperation) tf.assign(beta1Power, tf.math.mul(beta1Power, beta1)).op());
			betaPowerUpdates.add((GraphOperation) tf.assign(beta2Power, tf.math.mul(beta2Power, beta2)).op());
			movingMean = tf.withName("bn_moving_mean").variable(tf.constant(new float[features]));
			movingVariance = tf.withName("bn_moving_variance").variable(tf.constant(filled(features, 1f)));
			Operand<TFloat32> momentum = tf.constant(s.batchNormMomentum());
			Operand<TFloat32> oneMinus = tf.constant(1f - s.batchNormMomentum());
			updateMean = tf.assign(movingMean, tf.math.add(tf.math.mul(movingMean, momentum), tf.math.mul(mean, oneMinus)));
			updateVariance = tf.assign(movingVariance,
				tf.math.add(tf.math.mul(movingVariance, momentum), tf.math.mul(variance, oneMinus)));

			// Inference path.
			Operand<TFloat32> inferenceFeatures = x;
			if (built.inference() != null) {
				io.github.steeldefects.model.Xception.Inference inf = built.inference().get();
				inferenceFeatures = inf.features();
				baseMovingStatistics = inf.movingStatistics();
				baseUpdates = inf.updates();
				for (Map.Entry<String, Variable<TFloat32>> e : baseMovingStatistics.entrySet()) {
					reestimated.add(e.getValue());
					batchStatistics.add(inf.batchStatistics().get(e.getKey()));
				}
				reestimated.add(movingMean);
				batchStatistics.add(mean);
				reestimated.add(movingVariance);
				batchStatistics.add(variance);
			}
			else {
				baseMovingStatistics = Map.of();
				baseUpdates = List.of();
			}
			inferenceLogits = tf.withName("inference_logits").math.add(
				tf.linalg.matMul(batchNorm(tf, inferenceFeatures, movingMean, movingVariance, eps), kernel), bias);

			List<GraphOperation> variables = new ArrayList<>();
			for (Iterator<GraphOperation> it = graph.operations(); it.hasNext();) {
				GraphOperation op = it.next();
				if (op.type().equals("VariableV2") || op.type().equals("Variable")) variables.add(op);
			}
			for (GraphOperation v : variables) {
				Output<TFloat32> value = v.output(0).expect(TFloat32.class);
				Placeholder<TFloat32> in = tf.withName("restore_" + v.name().replace('/', '_'))
					.placeholder(TFloat32.class, Placeholder.shape(value.shape()));
				restorers.put(v.name(), new Restorer(value, in, tf.assign(value, in)));
			}
			// The head is tiny: the CPU beats a round trip to a GPU.
			session = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, line -> { }).newSession(graph);
			session.initialize();
		}
		catch (RuntimeException e) {
			graph.close();
			throw e;
		}
	}

	private Operand<TFloat32> batchNorm(Ops tf, Operand<TFloat32> in, Operand<TFloat32> mean, Operand<TFloat32> variance,
		Operand<TFloat32> eps)
	{
		Operand<TFloat32> scale = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, eps)), gamma);
		return tf.math.add(tf.math.mul(tf.math.sub(in, mean), scale), beta);
	}

	/**
	 * One Adam step on a mini-batch at the given learning rate; arrays are row-major [rows][...]. Moving
	 * statistics (head and training-mode base layers) follow the batch's. Returns the training-mode logits
	 * [rows][outputs] (flattened) of the step, before its update.
	 */
	float[] trainStep(int rows, float[] xFlat, float[] yFlat, float[] weightsFlat, float[] maskFlat, float rate) {
		try (TFloat32 xt = Tensors.of(xFlat, batchShape(rows)); TFloat32 yt = Tensors.of(yFlat, rows, outputs);
			TFloat32 wt = Tensors.of(weightsFlat, rows, outputs); TFloat32 mt = Tensors.of(maskFlat, rows, features))
		{
			Session.Runner forward = session.runner().feed(input, xt).feed(y, yt).feed(sampleWeights, wt)
				.feed(dropoutMask, mt).addTarget(updateMean).addTarget(updateVariance).fetch(trainingLogits);
			for (Operand<TFloat32> u : baseUpdates) forward.addTarget(u);
			for (Operand<TFloat32> g : gradients) forward.fetch(g);
			// the gradient tensors live until r is closed: after Adam has used them
			try (Result r = forward.run(); TFloat32 lr = TFloat32.scalarOf(rate)) {
				Session.Runner apply = session.runner().feed(learningRate, lr);
				for (GraphOperation op : adamUpdates) apply.addTarget(op);
				for (int i = 0; i < gradients.size(); i++) apply.feed(gradientInputs.get(i), r.get(i + 1));
				apply.run().close();
				Session.Runner powers = session.runner();
				for (GraphOperation op : betaPowerUpdates) powers.addTarget(op);
				powers.run().close();
				return Tensors.floats(r.get(0));
			}
		}
	}

	/** True when the base has training-mode batch norms whose moving statistics {@link #reestimateStatistics} sets. */
	boolean hasBatchStatistics() {
		return !reestimated.isEmpty();
	}

	/**
	 * Sets every moving statistic (the base's training-mode batch norms and the head's) to the mean of the
	 * batch statistics over the given batches, with the current weights ("precise batch norm", Wu and
	 * Johnson 2021): the exponential moving averages lag behind weights that change quickly, and inference
	 * with statistics of older weights is what made validation swing. Layers are estimated in one pass, each
	 * from inputs that earlier layers normalised with batch statistics, as in training.
	 */
	void reestimateStatistics(List<float[]> batches, List<Integer> rows) {
		if (reestimated.isEmpty() || batches.isEmpty()) return;
		double[][] sums = new double[reestimated.size()][];
		for (int b = 0; b < batches.size(); b++) {
			try (TFloat32 xt = Tensors.of(batches.get(b), batchShape(rows.get(b)))) {
				Session.Runner runner = session.runner().feed(input, xt);
				for (Operand<TFloat32> op : batchStatistics) runner.fetch(op);
				try (Result r = runner.run()) {
					for (int i = 0; i < sums.length; i++) {
						float[] v = Tensors.floats(r.get(i));
						if (sums[i] == null) sums[i] = new double[v.length];
						for (int k = 0; k < v.length; k++) sums[i][k] += v[k];
					}
				}
			}
		}
		for (int i = 0; i < sums.length; i++) {
			float[] mean = new float[sums[i].length];
			for (int k = 0; k < mean.length; k++) mean[k] = (float) (sums[i][k] / batches.size());
			assign(reestimated.get(i).op().name(), mean);
		}
	}

	/** Inference-mode logits [rows][outputs] flattened. */
	float[] logits(int rows, float[] xFlat) {
		try (TFloat32 xt = Tensors.of(xFlat, batchShape(rows));
			Result r = session.runner().feed(input, xt).fetch(inferenceLogits).run())
		{
			return Tensors.floats(r.get(0));
		}
	}

	/** Values of every variable (head and Adam state), by graph name, in graph order. */
	Map<String, float[]> readVariables() {
		Map<String, float[]> values = new LinkedHashMap<>();
		for (Map.Entry<String, Restorer> e : restorers.entrySet()) values.put(e.getKey(), read(e.getValue().value()));
		return values;
	}

	/** Restores every variable; the map must hold exactly this graph's variables. */
	void writeVariables(Map<String, float[]> values) {
		if (!values.keySet().equals(restorers.keySet())) throw new IllegalArgumentException(
			"The checkpoint holds variables " + values.keySet() + " but this head has " + restorers.keySet()
				+ "; it was written by another version or setting.");
		for (Map.Entry<String, Restorer> e : restorers.entrySet()) {
			float[] v = values.get(e.getKey());
			if (v.length != e.getValue().value().shape().size()) throw new IllegalArgumentException("Checkpoint variable "
				+ e.getKey() + " has " + v.length + " values, expected " + e.getValue().value().shape().size() + ".");
			assign(e.getKey(), v);
		}
	}

	/** Sets one variable, by graph name. */
	private void assign(String name, float[] values) {
		Restorer r = restorers.get(name);
		try (TFloat32 t = Tensors.of(values, r.value().shape().asArray())) {
			session.runner().feed(r.input(), t).addTarget(r.assign()).run().close();
		}
	}

	HeadWeights headWeights() {
		return new HeadWeights(features, outputs, epsilon, read(gamma.asOutput()), read(beta.asOutput()),
			read(movingMean.asOutput()), read(movingVariance.asOutput()), read(kernel.asOutput()), read(bias.asOutput()));
	}

	/** Width of the pooled features the head takes. */
	int features() {
		return features;
	}

	/**
	 * Current values of the trainable base variables and of the moving statistics of its training-mode
	 * batch norms, by canonical weight name (empty for a frozen base).
	 */
	Map<String, float[]> baseValues() {
		Map<String, float[]> values = new LinkedHashMap<>();
		Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>(baseVariables);
		variables.putAll(baseMovingStatistics);
		variables.forEach((name, v) -> values.put(name, read(v.asOutput())));
		return values;
	}

	/** The shape of a batch of {@code rows} inputs ({@code -1}: any number). */
	private long[] batchShape(long rows) {
		long[] shape = new long[inputDims.length + 1];
		shape[0] = rows;
		System.arraycopy(inputDims, 0, shape, 1, inputDims.length);
		return shape;
	}

	private float[] read(Output<TFloat32> value) {
		try (Result r = session.runner().fetch(value).run()) {
			return Tensors.floats(r.get(0));
		}
	}

	private static Operand<TFloat32> zeros(Ops tf, Shape shape) {
		return tf.fill(tf.constant(shape.asArray()), tf.constant(0f));
	}

	/** Sets the head's variables (batch norm, dense) to those of a trained head, e.g. for fine-tuning from it. */
	void writeHead(HeadWeights h) {
		if (h.features() != features || h.outputs() != outputs) throw new IllegalArgumentException("The starting head has "
			+ h.features() + " features and " + h.outputs() + " outputs; this network needs " + features + " and " + outputs + ".");
		Map<String, float[]> values = new LinkedHashMap<>();
		values.put(gamma.op().name(), h.gamma());
		values.put(beta.op().name(), h.beta());
		values.put(movingMean.op().name(), h.movingMean());
		values.put(movingVariance.op().name(), h.movingVariance());
		values.put(kernel.op().name(), h.kernel());
		values.put(bias.op().name(), h.bias());
		values.forEach(this::assign);
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	/** Keras' default Dense initialiser: uniform in +-sqrt(6 / (fan_in + fan_out)). */
	private static float[][] glorotUniform(int in, int out, Random random) {
		float limit = (float) Math.sqrt(6.0 / (in + out));
		float[][] k = new float[in][out];
		for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) k[i][o] = (random.nextFloat() * 2 - 1) * limit;
		return k;
	}

	@Override
	public void close() {
		session.close();
		graph.close();
	}
}
