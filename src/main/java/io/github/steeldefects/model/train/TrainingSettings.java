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
 */
public record TrainingSettings(int outputs, int epochs, int batchSize, float learningRate, float dropout, long seed,
	ClassWeighting weighting, int patience, double threshold, boolean resume, int finetune, float batchNormMomentum,
	float batchNormEpsilon)
{

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
		if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, not " + learningRate + ".");
		if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException(
			"dropout must be at least 0 and below 1, not " + dropout + ".");
		if (weighting == null) throw new IllegalArgumentException("class weighting must be one of none, balanced, oversample.");
		if (weighting == ClassWeighting.OVERSAMPLE && outputs != 1) throw new IllegalArgumentException(
			"weighting=oversample works with outputs=1 only; use weighting=balanced for the 4-class model.");
		if (patience < 0) throw new IllegalArgumentException("patience must be 0 (no early stopping) or more, not " + patience + ".");
		if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException(
			"threshold must lie between 0 and 1, not " + threshold + ".");
		if (finetune < 0 || finetune > 14) throw new IllegalArgumentException(
			"finetune must be 0 (frozen base) to 14 Xception blocks, not " + finetune + ".");
		if (!(batchNormMomentum >= 0 && batchNormMomentum < 1)) throw new IllegalArgumentException(
			"batch norm momentum must be at least 0 and below 1, not " + batchNormMomentum + ".");
		if (!(batchNormEpsilon > 0)) throw new IllegalArgumentException("batch norm epsilon must be positive.");
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
		b.batchNormEpsilon = batchNormEpsilon;
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

		public Builder outputs(int v) { outputs = v; return this; }
		public Builder epochs(int v) { epochs = v; return this; }
		public Builder batchSize(int v) { batchSize = v; return this; }
		public Builder learningRate(float v) { learningRate = v; return this; }
		public Builder dropout(float v) { dropout = v; return this; }
		public Builder seed(long v) { seed = v; return this; }
		public Builder weighting(ClassWeighting v) { weighting = v; return this; }
		/** Parses none|balanced|oversample, case-insensitively. */
		public Builder weighting(String v) {
			try {
				weighting = ClassWeighting.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException | NullPointerException e) {
				throw new IllegalArgumentException("weighting must be one of none, balanced, oversample, not '" + v + "'.");
			}
			return this;
		}
		public Builder patience(int v) { patience = v; return this; }
		public Builder threshold(double v) { threshold = v; return this; }
		public Builder resume(boolean v) { resume = v; return this; }
		public Builder finetune(int v) { finetune = v; return this; }
		public Builder batchNormMomentum(float v) { batchNormMomentum = v; return this; }
		public Builder batchNormEpsilon(float v) { batchNormEpsilon = v; return this; }

		public TrainingSettings build() {
			return new TrainingSettings(outputs, epochs, batchSize, learningRate, dropout, seed, weighting, patience,
				threshold, resume, finetune, batchNormMomentum, batchNormEpsilon);
		}
	}
}
