package io.github.steeldefects.jobs;

import java.nio.file.Path;

import io.github.steeldefects.InputException;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * One training run as asked for, built once from the train command's options and checked when
 * built: what the trainer needs is {@link #settings()} (written into model.json), the rest is what
 * {@link TrainJob} composes around it. Every value lives here once; {@link RunFingerprint} reads the
 * components generically, so one added later is part of the resume check without further code.
 *
 * @param trainList training list CSV (x_train.csv)
 * @param valList validation list CSV (x_val.csv)
 * @param images folder of the images the lists name
 * @param out model folder to write
 * @param overwrite replace an existing model folder
 * @param weights base weights (random or ImageNet)
 * @param height network input height
 * @param width network input width
 * @param settings the trainer's settings, with batch norm and schedule resolved for these weights
 * @param augment augmentation of the cached copies (frozen base) or of every epoch (fine-tuning)
 * @param variants cached augmented copies of each training image (frozen base only)
 * @param balance oversample the defect images to this share (outputs=1 only; 0 = off)
 * @param device where TensorFlow runs
 * @param precision of the features and of fine-tuning
 * @param cache feature cache folder
 */
public record TrainRequest(Path trainList, Path valList, Path images, Path out, boolean overwrite,
	XceptionWeights weights, int height, int width, TrainingSettings settings, AugmentConfig augment, int variants,
	double balance, TensorFlowRuntime.Device device, TensorFlowRuntime.Precision precision, Path cache)
{
	public TrainRequest {
		if (trainList == null || valList == null || images == null || out == null || weights == null || settings == null)
			throw new IllegalArgumentException("A training needs its lists, images, model folder, weights and settings.");
		if (augment == null) augment = AugmentConfig.NONE;
		if (device == null) device = TensorFlowRuntime.Device.AUTO;
		if (precision == null) precision = TensorFlowRuntime.Precision.FP32;
		if (variants > 0 && augment.isEmpty()) throw new InputException("variants=" + variants
			+ " asks for augmented copies but augment=none; give an augmentation, e.g. augment=[hflip vflip brightness=0.2], or variants=0.");
		if (settings.finetune() > 0 && variants > 0) throw new InputException("variants=" + variants
			+ " caches augmented copies for the frozen base; fine-tuning augments online instead (a fresh draw of augment= every epoch): drop variants=.");
		if (balance > 0 && settings.outputs() != 1) throw new InputException("balance=" + balance
			+ " works with outputs=1 only; use weighting=balanced for the 4-class model.");
		// options that only shape fine-tuning or the cosine schedule are refused where they would do nothing
		if (settings.finetune() == 0 && settings.batchNorm() != TrainingSettings.BatchNormMode.AUTO) throw new InputException("bn="
			+ settings.batchNorm().name().toLowerCase(java.util.Locale.ROOT) + " sets the batch norm of fine-tuned Xception blocks, but "
			+ "finetune=0 trains the head alone on a frozen base; give finetune=N (or all), or drop bn=.");
		boolean cosine = settings.effectiveSchedule() == TrainingSettings.Schedule.COSINE;
		if (!cosine && settings.warmupEpochs() != DEFAULT_WARMUP) throw new InputException("warmup=" + settings.warmupEpochs()
			+ " warms up the cosine schedule, but this run's learning rate is constant (" + (settings.finetune() == 0
				? "finetune=0 trains the head at a constant rate" : "schedule=constant") + "); give schedule=cosine, or drop warmup=.");
		if (cosine && settings.warmupEpochs() > settings.epochs()) throw new InputException("warmup=" + settings.warmupEpochs()
			+ " is longer than the run (epochs=" + settings.epochs() + "); give fewer warm-up epochs than epochs=.");
		// model.json records what ran: auto settings resolved for these weights
		settings = settings.resolved(randomWeights(weights));
	}

	/** The train command's warmup= when not given. */
	static final int DEFAULT_WARMUP = 1;

	/** True for seeded random weights ({@code weights=none}), false for pretrained ones. */
	static boolean randomWeights(XceptionWeights weights) {
		return weights.id().startsWith("random-");
	}
}
