package io.github.steeldefects.model.train;

/**
 * What {@link HeadTrainer} needs to know, with the reference notebook's values as defaults.
 * Build with {@link #builder()}; every value is checked when built so a command can pass user
 * input straight in and show the message of the {@link IllegalArgumentException}.
 *
 * @param outputs 1 (defect / no defect) or 4 (one sigmoid per defect class)
 * @param epochs maximum number of epochs
 * @param batchSize mini-batch size (a trailing batch of one sample is dropped: batch norm needs two)
 * @param learningRate Adam learning rate
 * @param dropout fraction of pooled features dropped while training
 * @param seed seeds weight initialisation, shuffling, dropout and oversampling; same seed, same run
 * @param weighting how class imbalance is handled
 * @param patience early stopping: stop after this many epochs without a better validation F1 (0 = never)
 * @param threshold probability threshold for the per-epoch precision / recall / F1
 * @param resume continue from the last complete checkpoint in the output folder (starts afresh when there is
 *          none); false starts afresh and deletes the output folder's old checkpoints
 * @param finetune number of Xception blocks to train too, counted from block14 (0 = frozen base, train on
 *          cached features; 1..14 = {@link HeadTrainer#fineTune} from images)
 * @param batchNormMomentum moving-average momentum of the head's batch norm (Keras default 0.99)
 * @param batchNormEpsilon epsilon of the head's batch norm (Keras default 1e-3)
 * @param batchNorm how the batch norm layers of the fine-tuned Xception blocks run (auto: training mode for
 *          random weights, inference mode for pretrained ones)
 * @param schedule learning-rate schedule (auto: constant for the head on cached features, warm-up then cosine
 *          decay when fine-tuning)
 * @param warmupEpochs epochs of linear warm-up from 0 to the learning rate, for the cosine schedule
 * @param clipNorm clip the gradients to this global norm before each Adam step (0 = no clipping)
 * @param headEpochs two-stage recipe: epochs of head training on cached features (frozen base) before
 *          fine-tuning starts from that head (0 = fine-tuning starts from a fresh head)
 */
public record TrainingSettings(int outputs, int epochs, int batchSize, float learningRate, float dropout, long seed,
	ClassWeighting weighting, int patience, double threshold, boolean resume, int finetune, float batchNormMomentum,
	float batchNormEpsilon, BatchNormMode batchNorm, Schedule schedule, int warmupEpochs, float clipNorm, int headEpochs)
{

	/** Batch norm of the fine-tuned blocks. */
	public enum BatchNormMode {
		/** {@link #TRAIN} for random weights, {@link #FREEZE} for pretrained (e.g. ImageNet) ones. */
		AUTO,
		/** Training mode, as Keras runs a trainable BatchNormalization: batch statistics, moving averages updated. */
		TRAIN,
		/** Inference mode (moving statistics, constant), Keras' advice for fine-tuning pretrained weights. */
		FREEZE
	}

	/** Learning rate over the run. */
	public enum Schedule {
		/** {@link #CONSTANT} on cached features, {@link #COSINE} when fine-tuning. */
		AUTO,
		/** The same rate every step. */
		CONSTANT,
		/** Linear warm-up over {@code warmupEpochs}, then cosine decay to 1 % of the rate at the last epoch. */
		COSINE
	}

	/** Learning rate when none is given: 1e-3 for the head and for fine-tuning random weights, 1e-4 for pretrained ones. */
	public static float defaultLearningRate(int finetune, boolean randomWeights) {
		return finetune == 0 || randomWeights ? 1e-3f : 1e-4f;
	}

	/** The batch norm mode after resolving {@link BatchNormMode#AUTO} for a base with random or pretrained weights. */
	public BatchNormMode batchNorm(boolean randomWeights) {
		if (batchNorm != BatchNormMode.AUTO) return batchNorm;
		return randomWeights ? BatchNormMode.TRAIN : BatchNormMode.FREEZE;
	}

	/** The schedule after resolving {@link Schedule#AUTO}. */
	public Schedule effectiveSchedule() {
		if (schedule != Schedule.AUTO) return schedule;
		return finetune > 0 ? Schedule.COSINE : Schedule.CONSTANT;
	}

	/** These settings with {@link BatchNormMode#AUTO} and {@link Schedule#AUTO} resolved, as model.json records what ran. */
	public TrainingSettings resolved(boolean randomWeights) {
		return toBuilder().batchNorm(batchNorm(randomWeights)).schedule(effectiveSchedule()).build();
	}

	/** Stage 1 of the two-stage recipe: {@link #headEpochs()} epochs of the head alone on cached features. */
	public TrainingSettings headStage() {
		return toBuilder().finetune(0).headEpochs(0).epochs(headEpochs).schedule(Schedule.CONSTANT)
			.learningRate(defaultLearningRate(0, true)).build();
	}

	/**
	 * Learning rate of one step: {@code epoch} from 1, {@code step} from 0 of {@code steps} in that epoch.
	 * Cosine: {@code lr * t} during warm-up (t = fraction of the warm-up steps done, first step above 0), then
	 * {@code lr * (0.01 + 0.99 * (1 + cos(pi * p)) / 2)} with p the fraction of the remaining steps done.
	 */
	public float learningRateAt(int epoch, int step, int steps) {
		if (effectiveSchedule() == Schedule.CONSTANT) return learningRate;
		double done = (epoch - 1) * (double) steps + step + 1; // steps finished after this one
		double warm = Math.min(warmupEpochs, epochs - 1) * (double) steps;
		if (done <= warm) return (float) (learningRate * done / warm);
		double total = epochs * (double) steps;
		double p = total > warm ? Math.min(1, (done - warm) / (total - warm)) : 1;
		return (float) (learningRate * (0.01 + 0.99 * (1 + Math.cos(Math.PI * p)) / 2));
	}

	/** How the trainer counters class imbalance. */
	public enum ClassWeighting {
		/** Every sample counts once. */
		NONE,
		/** Per output, positives weigh n / (2 n_pos) and negatives n / (2 n_neg) in the loss (scikit-learn's "balanced"). */
		BALANCED,
		/** Each epoch draws extra minority-class samples (with replacement) until both classes are equally frequent; outputs=1 only. */
		OVERSAMPLE
	}

	public TrainingSettings {
		if (outputs != 1 && outputs != 4) throw new IllegalArgumentException(
			"outputs must be 1 (defect / no defect) or 4 (one per defect class), not " + outputs + ".");
		if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, not " + epochs + ".");
		if (batchSize < 2) throw new IllegalArgumentException(
			"batch size must be at least 2 (batch normalisation needs two samples), not " + batchSize + ".");
		if (!(learningRate > 0 && learningRate <= 1)) throw new IllegalArgumentException("learning rate must be positive and at most 1"
			+ " (Adam's rates lie near 0.001), not " + learningRate + ".");
		if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(
			"dropout must be at least 0 and below 1, not " + dropout + ".");
		if (weighting == null) throw new IllegalArgumentException("class weighting must be one of none, balanced, oversample.");
		if (weighting == ClassWeighting.OVERSAMPLE && outputs != 1) throw new IllegalArgumentException(
			"weighting=oversample works with outputs=1 only; use weighting=balanced for the 4-class model.");
		if (patience < 0) throw new IllegalArgumentException("patience must be 0 (no early stopping) or more, not " + patience + ".");
		if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException(
			"threshold must lie between 0 and 1, not " + threshold + ".");
		int blocks = io.github.steeldefects.model.XceptionLayer.blocks().size();
		if (finetune < 0 || finetune > blocks) throw new IllegalArgumentException("finetune=" + finetune
			+ " is not 0 to Xception's " + blocks + " blocks; give how many of the last blocks to train, 0 to " + blocks + ", or all.");
		if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) throw new IllegalArgumentException(
			"batch norm momentum must be at least 0 and below 1, not " + batchNormMomentum + ".");
		if (!(batchNormEpsilon > 0)) throw new IllegalArgumentException("batch norm epsilon must be positive.");
		if (batchNorm == null) batchNorm = BatchNormMode.AUTO;
		if (schedule == null) schedule = Schedule.AUTO;
		if (warmupEpochs < 0) throw new IllegalArgumentException("warm-up must be 0 or more epochs, not " + warmupEpochs + ".");
		if (!(clipNorm >= 0) || Float.isInfinite(clipNorm)) throw new IllegalArgumentException(
			"clip must be 0 (no clipping) or a positive gradient norm, not " + clipNorm + ".");
		if (headEpochs < 0) throw new IllegalArgumentException("head must be 0 or more epochs, not " + headEpochs + ".");
		if (headEpochs > 0 && finetune == 0) throw new IllegalArgumentException("head=" + headEpochs
			+ " trains the head before fine-tuning, but finetune=0; give finetune=N (or all), or use epochs= for the head alone.");
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder holding this record's values. */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.outputs = outputs; b.epochs = epochs; b.batchSize = batchSize; b.learningRate = learningRate;
		b.dropout = dropout; b.seed = seed; b.weighting = weighting; b.patience = patience; b.threshold = threshold;
		b.resume = resume; b.finetune = finetune; b.batchNormMomentum = batchNormMomentum;
		b.batchNormEpsilon = batchNormEpsilon; b.batchNorm = batchNorm; b.schedule = schedule;
		b.warmupEpochs = warmupEpochs; b.clipNorm = clipNorm; b.headEpochs = headEpochs;
		return b;
	}

	/** Defaults: outputs 1, 20 epochs, batch 32, Adam 1e-3, dropout 0.5, seed 0, no weighting, patience 5, threshold 0.5. */
	public static final class Builder {
		private int outputs = 1, epochs = 20, batchSize = 32, patience = 5, finetune = 0;
		private float learningRate = 1e-3f, dropout = 0.5f, batchNormMomentum = 0.99f, batchNormEpsilon = 1e-3f;
		private long seed = 0;
		private ClassWeighting weighting = ClassWeighting.NONE;
		private double threshold = 0.5;
		private boolean resume = false;
		private BatchNormMode batchNorm = BatchNormMode.AUTO;
		private Schedule schedule = Schedule.AUTO;
		private int warmupEpochs = 1, headEpochs = 0;
		private float clipNorm = 0;

		public Builder outputs(int v) { outputs = v; return this; }
		public Builder epochs(int v) { epochs = v; return this; }
		public Builder batchSize(int v) { batchSize = v; return this; }
		public Builder learningRate(float v) { learningRate = v; return this; }
		public Builder dropout(float v) { dropout = v; return this; }
		public Builder seed(long v) { seed = v; return this; }
		public Builder weighting(ClassWeighting v) { weighting = v; return this; }
		/** Parses none|balanced|oversample, case-insensitively. */
		public Builder weighting(String v) { weighting = parse(ClassWeighting.class, "weighting", v); return this; }
		public Builder patience(int v) { patience = v; return this; }
		public Builder threshold(double v) { threshold = v; return this; }
		public Builder resume(boolean v) { resume = v; return this; }
		public Builder finetune(int v) { finetune = v; return this; }
		public Builder batchNormMomentum(float v) { batchNormMomentum = v; return this; }
		public Builder batchNormEpsilon(float v) { batchNormEpsilon = v; return this; }
		public Builder batchNorm(BatchNormMode v) { batchNorm = v; return this; }
		/** Parses auto|train|freeze. */
		public Builder batchNorm(String v) { batchNorm = parse(BatchNormMode.class, "bn", v); return this; }
		public Builder schedule(Schedule v) { schedule = v; return this; }
		/** Parses auto|constant|cosine. */
		public Builder schedule(String v) { schedule = parse(Schedule.class, "schedule", v); return this; }
		public Builder warmupEpochs(int v) { warmupEpochs = v; return this; }
		public Builder clipNorm(float v) { clipNorm = v; return this; }
		public Builder headEpochs(int v) { headEpochs = v; return this; }

		private static <E extends Enum<E>> E parse(Class<E> type, String key, String v) {
			try {
				return Enum.valueOf(type, v.trim().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException | NullPointerException e) {
				String names = java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT))
					.collect(java.util.stream.Collectors.joining(", "));
				throw new IllegalArgumentException(key + " must be one of " + names + ", not '" + v + "'.");
			}
		}

		public TrainingSettings build() {
			return new TrainingSettings(outputs, epochs, batchSize, learningRate, dropout, seed, weighting, patience,
				threshold, resume, finetune, batchNormMomentum, batchNormEpsilon, batchNorm, schedule, warmupEpochs, clipNorm,
				headEpochs);
		}
	}
}
