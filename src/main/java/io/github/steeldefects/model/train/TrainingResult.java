package io.github.steeldefects.model.train;

import java.util.List;

/**
 * What a training run produced.
 *
 * @param bestWeights head weights of the epoch with the best validation F1 (the last epoch if F1 was never defined)
 * @param bestEpoch that epoch (1-based)
 * @param history metrics of every epoch, including those before a resume
 * @param thresholds per output, the threshold maximising validation F1 for {@code bestWeights}
 * @param validationProbabilities [image][output] for the validation set with {@code bestWeights}
 * @param stopReason why training ended
 * @param resumedAfterEpoch the checkpoint epoch training continued from (0 for a fresh run)
 * @param fineTunedBase Xception weights of the best epoch when blocks were fine-tuned; null for a frozen base
 */
public record TrainingResult(HeadWeights bestWeights, int bestEpoch, List<EpochMetrics> history, double[] thresholds,
	float[][] validationProbabilities, StopReason stopReason, int resumedAfterEpoch,
	io.github.steeldefects.model.XceptionWeights fineTunedBase)
{
	public enum StopReason {
		/** The maximum epoch count was reached. */
		COMPLETED,
		/** Validation F1 did not improve for {@code patience} epochs. */
		EARLY_STOPPED,
		/** The cancel flag was raised; the last complete epoch is checkpointed. */
		CANCELLED
	}
}
