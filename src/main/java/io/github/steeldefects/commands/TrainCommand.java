package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.jobs.ModelOptions;
import io.github.steeldefects.jobs.TrainJob;
import io.github.steeldefects.jobs.TrainRequest;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.train.EpochListener;
import io.github.steeldefects.model.train.TrainingSettings;

/** Plugins &gt; Steel Defects &gt; Train Classifier... */
@Plugin(type = Command.class, headless = true, name = "train", label = "Train Classifier...", priority = 40, attrs = @Attr(name = Commands.TENSORFLOW),
	description = "Transfer-trains an Xception defect classifier.")
public class TrainCommand extends SteelCommand {

	@Parameter(label = "train", description = "training list CSV (x_train.csv from the split command)", persist = false,
		style = "open")
	private File train;

	@Parameter(label = "val", description = "validation list CSV (x_val.csv)", persist = false, style = "open")
	private File val;

	@Parameter(label = "images", description = "folder of the images the lists name", persist = false, style = "directory")
	private File images;

	@Parameter(label = "out", description = "model folder to write (SavedModel + model.json)", persist = false,
		style = "directory")
	private File out;

	@Parameter(label = "weights", description = "Keras ImageNet file xception_weights_tf_dim_ordering_tf_kernels_notop.h5, or none for random initialisation",
		persist = false, required = false)
	private String weights = "none";

	@Parameter(label = "size", description = "network input, height x width", persist = false, required = false)
	private String size = "256x512";

	@Parameter(label = "outputs", description = "1: defect / no defect; 4: which classes are present", persist = false,
		choices = { "1", "4" }, required = false)
	private String outputs = "1";

	@Parameter(label = "epochs", description = "most epochs of head training", persist = false, min = "1", required = false)
	private int epochs = 30;

	@Parameter(label = "batch", description = "mini-batch size of head training", persist = false, min = "2",
		required = false)
	private int batch = 32;

	@Parameter(label = "lr", description = "Adam learning rate, or auto (0.001 for the head and for fine-tuning random weights, 0.0001 for fine-tuning pretrained weights)",
		persist = false, required = false)
	private String lr = "auto";

	@Parameter(label = "dropout", description = "dropout before the dense layer", persist = false, min = "0", max = "0.95",
		required = false)
	private double dropout = 0.2;

	@Parameter(label = "augment", description = "augmentation of the extra copies, e.g. [hflip vflip brightness=0.2 contrast=0.2 zoom=0.1], or none",
		persist = false, required = false)
	private String augment = "none";

	@Parameter(label = "variants", description = "augmented copies of each training image (their features are cached too)",
		persist = false, min = "0", max = "100", required = false)
	private int variants = 0;

	@Parameter(label = "balance", description = "oversample the minority class to this share of defect images (0 = off)",
		persist = false, min = "0", max = "0.99", required = false)
	private double balance = 0;

	@Parameter(label = "weighting", description = "class weighting in the loss", persist = false,
		choices = { "none", "balanced", "oversample" }, required = false)
	private String weighting = "none";

	@Parameter(label = "patience", description = "stop after this many epochs without a better validation F1 (0 = never)",
		persist = false, min = "0", required = false)
	private int patience = 5;

	@Parameter(label = "finetune", description = "Xception blocks to unfreeze, counted from the last (0 = frozen base, all = the whole network)",
		persist = false, required = false)
	private String finetune = "0";

	@Parameter(label = "bn", description = "batch norm of the fine-tuned blocks: auto (train for weights=none, freeze for pretrained weights), train (batch statistics) or freeze (moving statistics)",
		persist = false, choices = { "auto", "train", "freeze" }, required = false)
	private String bn = "auto";

	@Parameter(label = "schedule", description = "learning-rate schedule: auto (constant for the head, cosine when fine-tuning), constant, or cosine (warm-up then cosine decay)",
		persist = false, choices = { "auto", "constant", "cosine" }, required = false)
	private String schedule = "auto";

	@Parameter(label = "warmup", description = "epochs of learning-rate warm-up of the cosine schedule", persist = false,
		min = "0", required = false)
	private int warmup = 1;

	@Parameter(label = "clip", description = "clip gradients to this global norm (0 = off)", persist = false, min = "0",
		required = false)
	private double clip = 0;

	@Parameter(label = "head", description = "two-stage recipe: epochs of head training on cached features before fine-tuning starts from that head (0 = off)",
		persist = false, min = "0", required = false)
	private int head = 0;

	@Parameter(label = "device", description = "where TensorFlow runs", persist = false,
		choices = { "auto", "cpu", "gpu" }, required = false)
	private String device = "auto";

	@Parameter(label = "precision", description = "arithmetic of the network: auto (bf16 where the processor runs it natively), fp32 or bf16",
		persist = false, choices = { "auto", "fp32", "bf16" }, required = false)
	private String precision = "auto";

	@Parameter(label = "resume", description = "continue a killed run from its last checkpoint", persist = false,
		required = false)
	private boolean resume = false;

	@Parameter(label = "seed", description = "random seed (initialisation, shuffling, dropout, augmentation)",
		persist = false, required = false)
	private long seed = 0;

	@Parameter(label = "cache", description = "feature cache folder (default ~/.steel-defects/feature-cache)",
		persist = false, required = false, style = "directory")
	private File cache;

	@Parameter(label = "overwrite", description = "replace an existing model folder", persist = false, required = false)
	private boolean overwrite = false;

	private EpochListener listener = EpochListener.NONE;
	private TrainJob.Outcome outcome;

	/** Hears each finished epoch (a live plot in Fiji); printed lines come through progress anyway. */
	public void setEpochListener(EpochListener listener) {
		this.listener = listener == null ? EpochListener.NONE : listener;
	}

	public TrainJob.Outcome outcome() {
		return outcome;
	}

	@Override
	protected void execute() throws IOException {
		int[] hw = ModelOptions.size(size);
		TrainingSettings settings;
		try {
			int tuned = ModelOptions.finetune(finetune);
			settings = TrainingSettings.builder().outputs(Integer.parseInt(outputs)).epochs(epochs).batchSize(batch)
				.learningRate(ModelOptions.learningRate(lr, tuned, ModelOptions.randomWeights(weights))).dropout((float) dropout)
				.seed(seed).weighting(weighting).patience(patience).resume(resume).finetune(tuned).batchNorm(bn).schedule(schedule)
				.warmupEpochs(warmup).clipNorm((float) clip).headEpochs(head).build();
		}
		catch (IllegalArgumentException e) {
			throw new InputException(e.getMessage(), e);
		}
		AugmentConfig augmentation = AugmentConfig.parse(augment);
		// the one request, checked when built; the weights file is read last (the slow one)
		TrainRequest request = new TrainRequest(train.toPath(), val.toPath(), images.toPath(), out.toPath(), overwrite,
			ModelOptions.weights(weights, seed), hw[0], hw[1], settings, augmentation, variants, balance,
			TensorFlowRuntime.Device.parse(device), TensorFlowRuntime.Precision.parse(precision), ModelOptions.cache(cache));
		outcome = TrainJob.run(request, new EpochListener() {

			@Override
			public void epochEnded(Progress p) {
				progress().log(p.latest() + " | ETA " + io.github.steeldefects.Progress.eta(p.etaSeconds()));
				listener.epochEnded(p);
			}

			@Override
			public void batchEnded(int epoch, int b, int batches) {
				progress().status("Epoch " + epoch + ", batch " + b + "/" + batches);
				listener.batchEnded(epoch, b, batches);
			}
		}, progress());
		setSummary(String.format(Locale.ROOT, "Model written to %s: input %dx%d, %d output(s), threshold %s, best epoch %d of %d, validation F1 %s.",
			out, hw[0], hw[1], settings.outputs(), thresholds(outcome.model().thresholds()),
			outcome.result().bestEpoch(), outcome.result().history().size(), bestValF1()));
	}

	private String bestValF1() {
		return outcome.result().history().stream().filter(m -> m.epoch() == outcome.result().bestEpoch())
			.map(m -> Double.isNaN(m.valF1()) ? "undefined" : String.format(Locale.ROOT, "%.4f", m.valF1())).findFirst()
			.orElse("undefined");
	}

	private static String thresholds(double[] t) {
		return Arrays.stream(t).mapToObj(Thresholds::exact).collect(Collectors.joining("/"));
	}
}
