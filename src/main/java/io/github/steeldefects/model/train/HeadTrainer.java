package io.github.steeldefects.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.Augmenter;
import io.github.steeldefects.metrics.BinaryMetrics;
import io.github.steeldefects.metrics.MultiLabelMetrics;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime.Precision;
import io.github.steeldefects.model.Tensors;
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.XceptionBf16;
import io.github.steeldefects.model.XceptionLayer;
import io.github.steeldefects.model.XceptionWeights;

/**
 * Trains the reference notebook's head, BatchNorm -&gt; Dropout -&gt; Dense(sigmoid), in a TensorFlow
 * graph with Adam and binary cross-entropy: on cached pooled features (one float[2048] per image,
 * frozen base, {@link #train}), or from images with the last {@code finetune} Xception blocks
 * trained too ({@link #fineTune}).
 * <p>
 * Each epoch: seeded shuffle, mini-batches (learning rate per step from the settings' schedule), then
 * loss / precision / recall / F1 over the whole training and validation sets (when fine-tuning, the
 * training figures are the running figures of the epoch's batches instead), a checkpoint written
 * atomically into the output folder, and a call to the {@link EpochListener}. Early stopping watches
 * validation F1. With {@link TrainingSettings#resume()} a run continues after the last complete checkpoint
 * and ends exactly as an uninterrupted run with the same seed would (randomness is derived from seed and
 * epoch; all variables, Adam's moments included, are checkpointed). Usage: see the package.
 */
public final class HeadTrainer {

	/** Rows per inference call when scoring whole feature sets. */
	private static final int EVAL_CHUNK = 1024;

	private final TrainingSettings settings;

	public HeadTrainer(TrainingSettings settings) {
		this.settings = settings;
	}

	/** Precision of fine-tuning (FP32 unless set); head training on cached features is fp32 whatever the features' precision. */
	private Precision precision = Precision.FP32;

	/**
	 * Fine-tunes in {@code precision}: FP32, or BF16 (the frozen blocks run in bf16, the trainable blocks
	 * and the head in fp32, {@link XceptionBf16#buildNetwork}); returns this.
	 */
	public HeadTrainer precision(Precision precision) {
		this.precision = java.util.Objects.requireNonNull(precision);
		return this;
	}

	/**
	 * Trains the head on cached features (frozen base), checkpointing into {@code outputFolder/checkpoints}.
	 *
	 * @param train training features and labels
	 * @param val validation features and labels (early stopping and threshold choice use it)
	 * @param outputFolder created if missing
	 * @param listener told after every epoch (may be null)
	 * @param cancel polled between mini-batches; when it returns true training stops and the
	 *          last complete epoch is kept (may be null)
	 * @throws IllegalArgumentException for {@code finetune > 0}: fine-tuning needs images, see {@link #fineTune}
	 * @throws IOException when the output folder cannot be written or a checkpoint cannot be read
	 */
	public TrainingResult train(LabeledFeatures train, LabeledFeatures val, Path outputFolder, EpochListener listener,
		BooleanSupplier cancel) throws IOException
	{
		if (settings.finetune() > 0) throw new IllegalArgumentException("finetune=" + settings.finetune()
			+ " trains Xception blocks from the images, not from cached features; fine-tune from the images or use finetune=0.");
		checkSizes(train.size(), val.size(), train.outputCount(), val.outputCount());
		if (val.featureCount() != train.featureCount()) throw new IllegalArgumentException("Training features have "
			+ train.featureCount() + " values per image but validation features have " + val.featureCount() + ".");
		checkFinite(train, "training");
		checkFinite(val, "validation");
		int features = train.featureCount();
		try (HeadGraph head = new HeadGraph(new long[] { features }, features, settings.outputs(), settings,
			(tf, in) -> new HeadGraph.Base(in, Map.of())))
		{
			return run(head, featureRows(train), featureRows(val), EVAL_CHUNK, null, outputFolder, listener, cancel);
		}
	}

	/**
	 * Trains the head together with the last {@link TrainingSettings#finetune()} Xception blocks,
	 * from images (loaded batch by batch, resized to {@code height x width}). Much slower than
	 * {@link #train}: every step runs the base forward and backward. The fine-tuned base of the
	 * best epoch is in {@link TrainingResult#fineTunedBase()}; export it with the head.
	 *
	 * @param base the starting Xception weights (e.g. ImageNet)
	 */
	public TrainingResult fineTune(LabeledImages train, LabeledImages val, XceptionWeights base, int height, int width,
		Path outputFolder, EpochListener listener, BooleanSupplier cancel) throws IOException
	{
		return fineTune(train, val, base, height, width, AugmentConfig.NONE, null, outputFolder, listener, cancel);
	}

	/**
	 * Fine-tuning as {@link #fineTune(LabeledImages, LabeledImages, XceptionWeights, int, int, Path, EpochListener, BooleanSupplier)},
	 * with online augmentation and an optional starting head.
	 * <p>
	 * Batch norm of the trained blocks runs as {@link TrainingSettings#batchNorm(boolean)} says (training mode
	 * for random weights by default); scoring and the exported base use the moving statistics. The learning
	 * rate follows {@link TrainingSettings#learningRateAt}. The training figures of each epoch are running
	 * figures over the epoch's batches (training mode, dropout on, weights changing during the epoch), which
	 * saves a second pass over the training images; validation is scored on the whole set in inference mode.
	 *
	 * @param augment applied to every training image in every epoch, a fresh draw per epoch and image
	 *          (deterministic for a seed), on the image resized to the network input
	 * @param startHead head to start from (e.g. trained on cached features first), or null for a fresh one;
	 *          ignored when resuming from a checkpoint
	 */
	public TrainingResult fineTune(LabeledImages train, LabeledImages val, XceptionWeights base, int height, int width,
		AugmentConfig augment, HeadWeights startHead, Path outputFolder, EpochListener listener, BooleanSupplier cancel)
		throws IOException
	{
		int n = settings.finetune();
		List<String> all = XceptionLayer.blocks();
		if (n < 1 || n > all.size()) throw new IllegalArgumentException("finetune must name 1 to " + all.size()
			+ " Xception blocks to train (counted from the last), not " + n + ".");
		Xception.checkInputSize(height, width);
		checkSizes(train.size(), val.size(), train.outputCount(), val.outputCount());
		Set<String> blocks = new LinkedHashSet<>(all.subList(all.size() - n, all.size()));
		boolean trainBatchNorm = settings.batchNorm(isRandom(base)) == TrainingSettings.BatchNormMode.TRAIN;
		try (HeadGraph head = new HeadGraph(new long[] { height, width, 3 }, Xception.FEATURES, settings.outputs(),
			settings, (tf, in) -> {
				Operand<TFloat32> images = Xception.preprocess(tf, in);
				if (!trainBatchNorm) {
					Xception.Network net = precision == Precision.BF16 ? XceptionBf16.buildNetwork(tf, images, base, blocks)
						: Xception.buildNetwork(tf, images, base, blocks);
					return new HeadGraph.Base(net.features(), net.variables());
				}
				// Training-mode batch norm has no bf16 build: the whole base runs in fp32 then.
				Xception.Training net = Xception.buildTraining(tf, images, base, blocks);
				return new HeadGraph.Base(net.features(), net.variables(),
					() -> net.buildInference(images, settings.batchNormMomentum()));
			}))
		{
			if (startHead != null) head.writeHead(startHead);
			ImageRows trainRows = new ImageRows(train, height, width, augment, settings.seed());
			ImageRows valRows = new ImageRows(val, height, width, AugmentConfig.NONE, settings.seed());
			return run(head, trainRows, valRows, settings.batchSize(), base, outputFolder, listener, cancel);
		}
	}

	/**
	 * The precision fine-tuning really runs in: training-mode batch norm has no bf16 build, so with it
	 * the base runs fp32 whatever was asked for; else the requested one.
	 */
	public static Precision fineTuningPrecision(TrainingSettings settings, XceptionWeights base, Precision requested) {
		return settings.batchNorm(isRandom(base)) == TrainingSettings.BatchNormMode.TRAIN ? Precision.FP32 : requested;
	}

	/** True for the seeded random base of {@code weights=none}. */
	static boolean isRandom(XceptionWeights base) {
		return base.id().startsWith("random-");
	}

	/** Where rows of one set come from: cached features or images. */
	private interface Rows {
		int size();

		float[][] labels();

		int rowLength();

		void copy(int index, float[] target, int offset) throws IOException;

		/** The row as a training step of that epoch sees it (augmented where configured). */
		default void copyForTraining(int index, int epoch, float[] target, int offset) throws IOException {
			copy(index, target, offset);
		}

		/** True when each epoch's training figures come from its running batches rather than a whole-set pass. */
		default boolean runningTrainMetrics() {
			return false;
		}
	}

	private static Rows featureRows(LabeledFeatures set) {
		return new Rows() {
			public int size() { return set.size(); }
			public float[][] labels() { return set.labels(); }
			public int rowLength() { return set.featureCount(); }
			public void copy(int index, float[] target, int offset) {
				System.arraycopy(set.features()[index], 0, target, offset, set.featureCount());
			}
		};
	}

	/**
	 * Images resized to the network input, kept in memory after the first load where they fit in an
	 * eighth of the heap (decoding a 1600 x 256 image costs more than a small network's step).
	 */
	private static final class ImageRows implements Rows {
		private final LabeledImages set;
		private final int height, width;
		private final Augmenter augmenter;
		private final long seed;
		private final float[][] cache;

		ImageRows(LabeledImages set, int height, int width, AugmentConfig augment, long seed) {
			this.set = set;
			this.height = height;
			this.width = width;
			this.augmenter = augment == null || augment.isEmpty() ? null : new Augmenter(augment);
			this.seed = seed;
			long bytes = (long) set.size() * height * width * 3 * Float.BYTES;
			cache = bytes < Runtime.getRuntime().maxMemory() / 8 ? new float[set.size()][] : null;
		}

		public int size() { return set.size(); }
		public float[][] labels() { return set.labels(); }
		public int rowLength() { return height * width * 3; }
		public boolean runningTrainMetrics() { return true; }

		private float[] pixels(int index) throws IOException {
			if (cache != null && cache[index] != null) return cache[index];
			float[] p = set.images().get(index).load().resized(height, width).pixels();
			if (cache != null) cache[index] = p;
			return p;
		}

		public void copy(int index, float[] target, int offset) throws IOException {
			System.arraycopy(pixels(index), 0, target, offset, rowLength());
		}

		public void copyForTraining(int index, int epoch, float[] target, int offset) throws IOException {
			if (augmenter == null) {
				copy(index, target, offset);
				return;
			}
			// Severstal's images are grey stored as RGB: augment the grey values, as the feature cache does.
			float[] rgb = pixels(index);
			float[] grey = new float[height * width];
			for (int i = 0; i < grey.length; i++) grey[i] = (rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3f;
			// A fresh draw per epoch (variant = epoch) and per training row (copies from balance= differ too).
			long rowSeed = Augmenter.imageSeed(seed, set.images().get(index).id() + "#" + index);
			float[] a = augmenter.apply(grey, null, width, height, rowSeed, epoch).image();
			System.arraycopy(RgbImage.ofGrey(height, width, a).pixels(), 0, target, offset, rowLength());
		}
	}

	private TrainingResult run(HeadGraph head, Rows train, Rows val, int evalChunk, XceptionWeights base,
		Path outputFolder, EpochListener listener, BooleanSupplier cancel) throws IOException
	{
		if (listener == null) listener = EpochListener.NONE;
		if (cancel == null) cancel = () -> false;
		Files.createDirectories(outputFolder);
		Checkpoints.State state = null;
		HeadWeights best = null;
		Map<String, float[]> bestExtras = null;
		int resumedAfter = 0;
		if (settings.resume()) {
			Optional<Checkpoints.Loaded> loaded = Checkpoints.readLatest(outputFolder);
			if (loaded.isPresent()) {
				state = loaded.get().state();
				checkCompatible(state, train.rowLength(), train.size(), val.size(), outputFolder);
				head.writeVariables(loaded.get().variables());
				best = loaded.get().best();
				bestExtras = loaded.get().extras();
				resumedAfter = state.epoch;
			}
		}
		else {
			Checkpoints.deleteAll(outputFolder);
		}
		if (state == null) {
			state = new Checkpoints.State();
			state.features = train.rowLength();
			state.trainSize = train.size();
			state.valSize = val.size();
		}
		// Settings that only steer the end of the run may change on resume (e.g. more epochs).
		state.settings = settings;

		float[][] classWeights = classWeights(train.labels());
		double secondsThisRun = 0;
		int epochsThisRun = 0;
		String stop = state.stopReason;
		while (stop == null && state.epoch < settings.epochs()) {
			int epoch = state.epoch + 1;
			long start = System.nanoTime();
			Scores running = runEpoch(head, train, classWeights, epoch, listener, cancel);
			if (running == null) {
				stop = TrainingResult.StopReason.CANCELLED.name();
				break;
			}
			if (head.hasBatchStatistics()) reestimate(head, train, epoch);
			Scores trainScores = train.runningTrainMetrics() ? running : score(head, train, evalChunk);
			Scores valScores = score(head, val, evalChunk);
			double seconds = (System.nanoTime() - start) / 1e9;
			EpochMetrics m = new EpochMetrics(epoch, trainScores.loss(), trainScores.metrics().precision(),
				trainScores.metrics().recall(), trainScores.metrics().f1(), valScores.loss(),
				valScores.metrics().precision(), valScores.metrics().recall(), valScores.metrics().f1(), seconds);
			state.history.add(m);
			state.epoch = epoch;
			if (best == null || BinaryMetrics.isBetter(m.valF1(), state.bestValF1)) {
				state.bestValF1 = m.valF1();
				state.bestEpoch = epoch;
				state.epochsWithoutImprovement = 0;
				best = head.headWeights();
				bestExtras = new LinkedHashMap<>(head.baseValues());
				bestExtras.put(Checkpoints.BEST_VAL_PROBABILITIES, Tensors.flat(valScores.probabilities()));
			}
			else {
				state.epochsWithoutImprovement++;
			}
			if (settings.patience() > 0 && state.epochsWithoutImprovement >= settings.patience()) {
				state.stopReason = TrainingResult.StopReason.EARLY_STOPPED.name();
			}
			Checkpoints.write(outputFolder, state, head.readVariables(), best, bestExtras);
			secondsThisRun += seconds;
			epochsThisRun++;
			double eta = secondsThisRun / epochsThisRun * (settings.epochs() - epoch);
			listener.epochEnded(new EpochListener.Progress(m, List.copyOf(state.history), settings.epochs(),
				state.bestEpoch, state.stopReason == null ? eta : 0));
			stop = state.stopReason;
		}
		int outputs = settings.outputs();
		float[][] valProbabilities;
		if (best == null) { // cancelled during the first epoch: report the untrained head
			best = head.headWeights();
			bestExtras = new LinkedHashMap<>(head.baseValues());
			valProbabilities = score(head, val, evalChunk).probabilities();
		}
		else {
			valProbabilities = Tensors.rows(bestExtras.remove(Checkpoints.BEST_VAL_PROBABILITIES), outputs);
		}
		TrainingResult.StopReason reason = stop == null ? TrainingResult.StopReason.COMPLETED
			: TrainingResult.StopReason.valueOf(stop);
		double[] thresholds = IntStream.range(0, outputs).mapToDouble(o -> BinaryMetrics.bestF1Threshold(
			MultiLabelMetrics.column(valProbabilities, o), BinaryMetrics.toBoolean(MultiLabelMetrics.column(val.labels(), o)))
			.threshold()).toArray();
		XceptionWeights tuned = base == null || bestExtras.isEmpty() ? null : base.with(bestExtras, base.id()
			+ "+finetune" + settings.finetune() + "-seed" + settings.seed() + "-epoch" + state.bestEpoch);
		return new TrainingResult(best, state.bestEpoch, List.copyOf(state.history), thresholds, valProbabilities,
			reason, resumedAfter, tuned);
	}

	/**
	 * One pass over the (shuffled, possibly oversampled) training set; null when cancelled, else the
	 * running scores of the epoch's batches (training mode, each batch before its update).
	 */
	private Scores runEpoch(HeadGraph head, Rows train, float[][] classWeights, int epoch, EpochListener listener,
		BooleanSupplier cancel) throws IOException
	{
		Random random = new Random(epochSeed(settings.seed(), epoch));
		int[] order = epochOrder(train.labels(), random);
		int features = head.features(), outputs = settings.outputs();
		int batchSize = settings.batchSize();
		float keep = 1 - settings.dropout(), scale = 1 / keep;
		int batches = (order.length + batchSize - 1) / batchSize;
		List<float[]> seenLabels = new ArrayList<>(), seenProbabilities = new ArrayList<>();
		double lossSum = 0;
		for (int b = 0; b < batches; b++) {
			if (cancel.getAsBoolean()) return null;
			int from = b * batchSize, rows = Math.min(batchSize, order.length - from);
			if (rows < 2) break; // batch statistics of one sample are meaningless
			float[] x = trainingBatch(train, order, from, rows, epoch), y = new float[rows * outputs],
				w = new float[rows * outputs], mask = new float[rows * features];
			for (int r = 0; r < rows; r++) {
				int i = order[from + r];
				for (int o = 0; o < outputs; o++) {
					float label = train.labels()[i][o];
					y[r * outputs + o] = label;
					w[r * outputs + o] = classWeights[o][label >= 0.5f ? 1 : 0];
				}
			}
			for (int k = 0; k < mask.length; k++) mask[k] = random.nextFloat() < keep ? scale : 0f;
			float[] logits = head.trainStep(rows, x, y, w, mask, settings.learningRateAt(epoch, b, batches));
			for (int r = 0; r < rows; r++) {
				float[] p = new float[outputs];
				lossSum = addRowLoss(lossSum, logits, r, train.labels()[order[from + r]], p);
				seenProbabilities.add(p);
				seenLabels.add(train.labels()[order[from + r]]);
			}
			listener.batchEnded(epoch, b + 1, batches);
		}
		return scores(lossSum, seenProbabilities.toArray(new float[0][]), seenLabels.toArray(new float[0][]));
	}

	/** Training images whose batch statistics re-estimate the moving ones after each epoch. */
	static final int STATISTICS_IMAGES = 256;

	/**
	 * Batch norm in training mode: re-estimates the moving statistics from up to {@value #STATISTICS_IMAGES}
	 * training images (a seeded draw per epoch, in training batches, as the epoch's steps saw them).
	 */
	private void reestimate(HeadGraph head, Rows train, int epoch) throws IOException {
		Random random = new Random(epochSeed(settings.seed(), epoch) ^ 0x5851F42D4C957F2DL);
		int[] order = epochOrder(train.labels(), random);
		int n = Math.min(order.length, STATISTICS_IMAGES), batchSize = settings.batchSize();
		List<float[]> batches = new ArrayList<>();
		List<Integer> rows = new ArrayList<>();
		for (int from = 0; from + 2 <= n; from += batchSize) {
			int r = Math.min(batchSize, n - from);
			if (r < 2) break;
			batches.add(trainingBatch(train, order, from, r, epoch));
			rows.add(r);
		}
		head.reestimateStatistics(batches, rows);
	}

	/** Rows {@code order[from .. from + rows - 1]} as that epoch's training steps see them, one after the other. */
	private static float[] trainingBatch(Rows train, int[] order, int from, int rows, int epoch) throws IOException {
		float[] x = new float[rows * train.rowLength()];
		for (int r = 0; r < rows; r++) train.copyForTraining(order[from + r], epoch, x, r * train.rowLength());
		return x;
	}

	/** Sample order for one epoch: all samples, plus minority draws when oversampling, shuffled. */
	int[] epochOrder(float[][] labels, Random random) {
		int n = labels.length;
		List<Integer> order = new ArrayList<>(n);
		for (int i = 0; i < n; i++) order.add(i);
		if (settings.weighting() == TrainingSettings.ClassWeighting.OVERSAMPLE) {
			List<Integer> pos = new ArrayList<>(), neg = new ArrayList<>();
			for (int i = 0; i < n; i++) (labels[i][0] >= 0.5f ? pos : neg).add(i);
			List<Integer> minority = pos.size() < neg.size() ? pos : neg;
			int extra = Math.abs(pos.size() - neg.size());
			if (!minority.isEmpty()) for (int k = 0; k < extra; k++) order.add(minority.get(random.nextInt(minority.size())));
		}
		Collections.shuffle(order, random); // Fisher-Yates
		return order.stream().mapToInt(Integer::intValue).toArray();
	}

	/** [output][0 = negative, 1 = positive] loss weights. */
	float[][] classWeights(float[][] labels) {
		int outputs = settings.outputs();
		float[][] w = new float[outputs][2];
		for (int o = 0; o < outputs; o++) {
			w[o][0] = w[o][1] = 1f;
			if (settings.weighting() != TrainingSettings.ClassWeighting.BALANCED) continue;
			long pos = 0;
			for (float[] l : labels) if (l[o] >= 0.5f) pos++;
			long neg = labels.length - pos;
			if (pos > 0 && neg > 0) {
				w[o][1] = (float) (labels.length / (2.0 * pos));
				w[o][0] = (float) (labels.length / (2.0 * neg));
			}
		}
		return w;
	}

	private record Scores(double loss, BinaryMetrics metrics, float[][] probabilities) {}

	/** Loss, micro-averaged metrics and probabilities over the whole set in inference mode. */
	private Scores score(HeadGraph head, Rows set, int chunk) throws IOException {
		int outputs = settings.outputs(), rowLength = set.rowLength(), n = set.size();
		float[][] probabilities = new float[n][outputs];
		double lossSum = 0;
		for (int from = 0; from < n; from += chunk) {
			int rows = Math.min(chunk, n - from);
			float[] x = new float[rows * rowLength];
			for (int r = 0; r < rows; r++) set.copy(from + r, x, r * rowLength);
			float[] z = head.logits(rows, x);
			for (int r = 0; r < rows; r++) lossSum = addRowLoss(lossSum, z, r, set.labels()[from + r], probabilities[from + r]);
		}
		return scores(lossSum, probabilities, set.labels());
	}

	/**
	 * {@code total} plus the binary cross-entropy of row {@code r} of flat logits [rows][outputs], each
	 * output added in turn, so the sum is rounded as one running total (stable form
	 * {@code max(z,0) - z*y + log(1 + exp(-|z|))}); its sigmoid probabilities go into {@code p}.
	 */
	private static double addRowLoss(double total, float[] logits, int r, float[] labels, float[] p) {
		double sum = total;
		for (int o = 0; o < p.length; o++) {
			double logit = logits[r * p.length + o], label = labels[o];
			sum += Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
			p[o] = (float) (1 / (1 + Math.exp(-logit)));
		}
		return sum;
	}

	/** Mean loss per label (NaN for no rows) and micro-averaged metrics at the settings' threshold. */
	private Scores scores(double lossSum, float[][] probabilities, float[][] labels) {
		BinaryMetrics micro = MultiLabelMetrics.of(probabilities, labels, settings.threshold()).micro();
		double loss = probabilities.length == 0 ? Double.NaN : lossSum / ((double) probabilities.length * settings.outputs());
		return new Scores(loss, micro, probabilities);
	}

	/** A NaN or infinite feature would turn every loss into NaN; name the image instead. */
	private static void checkFinite(LabeledFeatures set, String which) {
		for (int i = 0; i < set.size(); i++) {
			for (float v : set.features()[i]) {
				if (!Float.isFinite(v)) throw new IllegalArgumentException("Image " + set.imageIds()[i] + " of the "
					+ which + " set has a non-finite feature (" + v + "); delete its cached features and extract them again.");
			}
		}
	}

	private void checkSizes(int trainSize, int valSize, int trainOutputs, int valOutputs) {
		if (trainSize < 2) throw new IllegalArgumentException(
			"The training set has " + trainSize + " images; at least 2 are needed.");
		if (valSize < 1) throw new IllegalArgumentException(
			"The validation set is empty; early stopping and the threshold need it.");
		if (trainOutputs != settings.outputs() || valOutputs != settings.outputs())
			throw new IllegalArgumentException("outputs=" + settings.outputs() + " but the labels have "
				+ trainOutputs + " (train) and " + valOutputs + " (validation) columns.");
	}

	private void checkCompatible(Checkpoints.State s, int rowLength, int trainSize, int valSize, Path output) {
		boolean same = s.features == rowLength && s.trainSize == trainSize && s.valSize == valSize
			&& shapingRun(s.settings).equals(shapingRun(settings));
		if (!same) throw new IllegalArgumentException("The checkpoint in " + output.resolve(Checkpoints.FOLDER)
			+ " was written with other data or settings (" + s.trainSize + "/" + s.valSize + " images, " + s.settings
			+ "); resume with the same ones or start afresh with resume=false.");
	}

	/** The settings that shape a run's numbers; those that only steer its end (epochs, patience, ...) may change on resume. */
	private static TrainingSettings shapingRun(TrainingSettings t) {
		return t.toBuilder().epochs(1).patience(0).threshold(0.5).resume(false).headEpochs(0).schedule(t.effectiveSchedule())
			.build();
	}

	static long epochSeed(long seed, int epoch) {
		return seed * 0x9E3779B97F4A7C15L + epoch;
	}

}
