package io.github.steeldefects.model.train;

/**
 * Scores after one epoch, each computed over the whole set with the weights at the end of the
 * epoch in inference mode (moving batch-norm statistics, no dropout); never averaged per batch. When
 * fine-tuning from images, the training figures are the exception: running figures over the epoch's
 * batches in training mode (each batch scored just before its step), which saves a second pass.
 * Loss is the unweighted mean binary cross-entropy; precision, recall and F1 are micro-averaged
 * over the outputs at the settings' threshold, NaN where undefined (see
 * {@link io.github.steeldefects.metrics.BinaryMetrics}).
 */
public record EpochMetrics(int epoch, double trainLoss, double trainPrecision, double trainRecall, double trainF1,
	double valLoss, double valPrecision, double valRecall, double valF1, double seconds)
{
	@Override
	public String toString() {
		return String.format(java.util.Locale.ROOT,
			"epoch %d: loss %.4f precision %.4f recall %.4f F1 %.4f | val loss %.4f precision %.4f recall %.4f F1 %.4f | %.1f s",
			epoch, trainLoss, trainPrecision, trainRecall, trainF1, valLoss, valPrecision, valRecall, valF1, seconds);
	}
}
