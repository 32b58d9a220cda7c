package io.github.steeldefects.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import io.github.steeldefects.metrics.BinaryMetrics;
import io.github.steeldefects.metrics.MultiLabelMetrics;

/**
 * Trains the reference notebook's head, BatchNorm -&gt; Dropout -&gt; Dense(sigmoid), on cached
 * pooled features (one float[2048] per image), in a TensorFlow graph with Adam and binary
 * cross-entropy.
 * <p>
 * Each epoch: seeded shuffle, mini-batches, then loss / precision / recall / F1 over the whole
 * training and validation sets, a checkpoint written atomically into the output folder, and a
 * call to the {@link EpochListener}. Early stopping watches validation F1. With
 * {@link TrainingSettings#resume()} a run continues after the last complete checkpoint and ends
 * exactly as an uninterrupted run with the same seed would (randomness is derived from seed and
 * epoch; all variables, Adam's moments included, are checkpointed).
 * <p>
 * Usage: {@code new HeadTrainer(settings).train(train, val, outputFolder, listener, cancel)}.
 */
public final class HeadTrainer {

	/** Rows per inference call when scoring whole sets. */
	private static final int EVAL_CHUNK = 1024;

	private final TrainingSettings settings;

	public HeadTrainer(TrainingSettings settings) {
		this.settings = settings;
	}

	public TrainingSettings settings() {
		return settings;
	}

	/**
	 * Trains, checkpointing into {@code outputFolder/checkpoints}.
	 *
	 * @param train training features and labels
	 * @param val validation features and labels (early stopping and threshold choice use it)
	 * @param outputFolder created if missing
	 * @param listener told after every epoch (may be {@link EpochListener#NONE})
	 * @param cancel polled between mini-batches; when it returns true training stops and the
	 *          last complete epoch is kept
	 * @throws UnsupportedOperationException for {@code finetune > 0}
	 * @throws IOException when the output folder cannot be written or a checkpoint cannot be read
	 */
	public TrainingResult train(LabeledFeatures train, LabeledFeatures val, Path outputFolder, EpochListener listener,
		BooleanSupplier cancel) throws IOException
	{
		if (settings.finetune() > 0) throw new UnsupportedOperationException("finetune=" + settings.finetune()
			+ " (training the last Xception blocks from images) is not implemented yet; use finetune=0 to train the head on cached features.");
		checkInputs(train, val);
		if (listener == null) listener = EpochListener.NONE;
		if (cancel == null) cancel = () -> false;
		Files.createDirectories(outputFolder);
		int features = train.featureCount(), outputs = settings.outputs();

		try (HeadGraph head = new HeadGraph(features, outputs, settings)) {
			Checkpoints.State state = null;
			HeadWeights best = null;
			int resumedAfter = 0;
			if (settings.resume()) {
				Optional<Checkpoints.Loaded> loaded = Checkpoints.readLatest(outputFolder);
				if (loaded.isPresent()) {
					state = loaded.get().state();
					checkCompatible(state, features, train, val, outputFolder);
					head.writeVariables(loaded.get().variables());
					best = loaded.get().best();
					resumedAfter = state.epoch;
				}
			}
			else {
				Checkpoints.deleteAll(outputFolder);
			}
			if (state == null) {
				state = new Checkpoints.State();
				state.features = features;
				state.trainSize = train.size();
				state.valSize = val.size();
				state.settings = settings;
			}
			else {
				// Settings that only steer the end of the run may change on resume (e.g. more epochs).
				state.settings = settings;
			}

			float[][] classWeights = classWeights(train.labels());
			double secondsThisRun = 0;
			int epochsThisRun = 0;
			String stop = state.stopReason;
			while (stop == null && state.epoch < settings.epochs()) {
				int epoch = state.epoch + 1;
				long start = System.nanoTime();
				boolean completed = runEpoch(head, train, classWeights, epoch, listener, cancel);
				if (!completed) {
					stop = TrainingResult.StopReason.CANCELLED.name();
					break;
				}
				double[] trainScores = score(head, train), valScores = score(head, val);
				double seconds = (System.nanoTime() - start) / 1e9;
				EpochMetrics m = new EpochMetrics(epoch, trainScores[0], trainScores[1], trainScores[2], trainScores[3],
					valScores[0], valScores[1], valScores[2], valScores[3], seconds);
				state.history.add(m);
				state.epoch = epoch;
				if (best == null || BinaryMetrics.isBetter(m.valF1(), state.bestValF1)) {
					state.bestValF1 = m.valF1();
					state.bestEpoch = epoch;
					state.epochsWithoutImprovement = 0;
					best = head.headWeights();
				}
				else {
					state.epochsWithoutImprovement++;
				}
				if (settings.patience() > 0 && state.epochsWithoutImprovement >= settings.patience()) {
					state.stopReason = TrainingResult.StopReason.EARLY_STOPPED.name();
				}
				Checkpoints.write(outputFolder, state, head.readVariables(), best);
				secondsThisRun += seconds;
				epochsThisRun++;
				double eta = secondsThisRun / epochsThisRun * (settings.epochs() - epoch);
				listener.epochEnded(new EpochListener.Progress(m, List.copyOf(state.history), settings.epochs(),
					state.bestEpoch, state.stopReason == null ? eta : 0));
				stop = state.stopReason;
			}
			if (best == null) best = head.headWeights(); // cancelled during the first epoch
			TrainingResult.StopReason reason = stop == null ? TrainingResult.StopReason.COMPLETED
				: TrainingResult.StopReason.valueOf(stop);
			float[][] valProbabilities = best.predict(val.features());
			double[] thresholds = new double[outputs];
			for (int o = 0; o < outputs; o++) {
				thresholds[o] = BinaryMetrics.bestF1Threshold(MultiLabelMetrics.column(valProbabilities, o),
					toBoolean(MultiLabelMetrics.column(val.labels(), o))).threshold();
			}
			return new TrainingResult(best, state.bestEpoch, List.copyOf(state.history), thresholds, valProbabilities,
				reason, resumedAfter);
		}
	}

	/** One pass over the (shuffled, possibly oversampled) training set; false when cancelled. */
	private boolean runEpoch(HeadGraph head, LabeledFeatures train, float[][] classWeights, int epoch,
		EpochListener listener, BooleanSupplier cancel)
	{
		Random random = new Random(epochSeed(settings.seed(), epoch));
		int[] order = epochOrder(train.labels(), random);
		int features = train.featureCount(), outputs = settings.outputs(), batchSize = settings.batchSize();
		float keep = 1 - settings.dropout(), scale = 1 / keep;
		int batches = (order.length + batchSize - 1) / batchSize;
		for (int b = 0; b < batches; b++) {
			if (cancel.getAsBoolean()) return false;
			int from = b * batchSize, rows = Math.min(batchSize, order.length - from);
			if (rows < 2) break; // batch statistics of one sample are meaningless
			float[] x = new float[rows * features], y = new float[rows * outputs], w = new float[rows * outputs],
				mask = new float[rows * features];
			for (int r = 0; r < rows; r++) {
				int i = order[from + r];
				System.arraycopy(train.features()[i], 0, x, r * features, features);
				for (int o = 0; o < outputs; o++) {
					float label = train.labels()[i][o];
					y[r * outputs + o] = label;
					w[r * outputs + o] = classWeights[o][label >= 0.5f ? 1 : 0];
				}
			}
			for (int k = 0; k < mask.length; k++) mask[k] = random.nextFloat() < keep ? scale : 0f;
			head.trainStep(rows, x, y, w, mask);
			listener.batchEnded(epoch, b + 1, batches);
		}
		return true;
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
		int[] a = order.stream().mapToInt(Integer::intValue).toArray();
		for (int i = a.length - 1; i > 0; i--) { // Fisher-Yates
			int j = random.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
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

	/** {loss, precision, recall, F1} over the whole set in inference mode. */
	private double[] score(HeadGraph head, LabeledFeatures set) {
		int outputs = settings.outputs(), features = set.featureCount(), n = set.size();
		float[][] probabilities = new float[n][outputs];
		double lossSum = 0;
		for (int from = 0; from < n; from += EVAL_CHUNK) {
			int rows = Math.min(EVAL_CHUNK, n - from);
			float[] x = new float[rows * features];
			for (int r = 0; r < rows; r++) System.arraycopy(set.features()[from + r], 0, x, r * features, features);
			float[] z = head.logits(rows, x);
			for (int r = 0; r < rows; r++) {
				for (int o = 0; o < outputs; o++) {
					double logit = z[r * outputs + o], label = set.labels()[from + r][o];
					lossSum += Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
					probabilities[from + r][o] = (float) (1 / (1 + Math.exp(-logit)));
				}
			}
		}
		BinaryMetrics micro = MultiLabelMetrics.of(probabilities, set.labels(), settings.threshold()).micro();
		return new double[] { n == 0 ? Double.NaN : lossSum / ((double) n * outputs), micro.precision(), micro.recall(),
			micro.f1() };
	}

	private void checkInputs(LabeledFeatures train, LabeledFeatures val) {
		if (train.size() < 2) throw new IllegalArgumentException(
			"The training set has " + train.size() + " images; at least 2 are needed.");
		if (val.size() < 1) throw new IllegalArgumentException("The validation set is empty; early stopping and the threshold need it.");
		if (train.outputCount() != settings.outputs() || val.outputCount() != settings.outputs())
			throw new IllegalArgumentException("outputs=" + settings.outputs() + " but the labels have "
				+ train.outputCount() + " (train) and " + val.outputCount() + " (validation) columns.");
		if (val.featureCount() != train.featureCount()) throw new IllegalArgumentException("Training features have "
			+ train.featureCount() + " values per image but validation features have " + val.featureCount() + ".");
	}

	private void checkCompatible(Checkpoints.State s, int features, LabeledFeatures train, LabeledFeatures val,
		Path output)
	{
		TrainingSettings o = s.settings;
		boolean same = s.features == features && s.trainSize == train.size() && s.valSize == val.size()
			&& o.outputs() == settings.outputs() && o.seed() == settings.seed() && o.batchSize() == settings.batchSize()
			&& o.learningRate() == settings.learningRate() && o.dropout() == settings.dropout()
			&& o.weighting() == settings.weighting() && o.batchNormMomentum() == settings.batchNormMomentum()
			&& o.batchNormEpsilon() == settings.batchNormEpsilon();
		if (!same) throw new IllegalArgumentException("The checkpoint in " + output.resolve(Checkpoints.FOLDER)
			+ " was written with other data or settings (" + s.trainSize + "/" + s.valSize + " images, " + o
			+ "); resume with the same ones or start afresh with resume=false.");
	}

	static long epochSeed(long seed, int epoch) {
		return seed * 0x9E3779B97F4A7C15L + epoch;
	}

	private static boolean[] toBoolean(float[] labels) {
		boolean[] b = new boolean[labels.length];
		for (int i = 0; i < labels.length; i++) b[i] = labels[i] >= 0.5f;
		return b;
	}
}
