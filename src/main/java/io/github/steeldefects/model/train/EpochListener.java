package io.github.steeldefects.model.train;

import java.util.List;

/**
 * Hears about training progress: a GUI draws a live plot from {@link Progress#history()}, a CLI
 * prints {@link Progress#latest()}. Called on the training thread after the epoch's checkpoint is
 * safely on disk, so an exception thrown here stops training and loses nothing.
 */
@FunctionalInterface
public interface EpochListener {

	void epochEnded(Progress progress);

	/** Called after each mini-batch; default does nothing. */
	default void batchEnded(int epoch, int batch, int batches) {}

	/**
	 * @param latest the epoch just finished
	 * @param history every epoch so far, including those before a resume
	 * @param epochs the maximum number of epochs
	 * @param bestEpoch the epoch with the best validation F1 so far
	 * @param etaSeconds time left if training runs to the maximum epoch count
	 */
	record Progress(EpochMetrics latest, List<EpochMetrics> history, int epochs, int bestEpoch, double etaSeconds) {}

	/** A listener that does nothing. */
	EpochListener NONE = p -> {};
}
