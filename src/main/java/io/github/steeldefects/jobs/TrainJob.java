package io.github.steeldefects.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.augment.Balance;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.EpochListener;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.LabeledFeatures;
import io.github.steeldefects.model.train.LabeledImages;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.ModelFolder;
import io.github.steeldefects.model.train.ModelInfo;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * Transfer training with a frozen ImageNet Xception base, as the reference notebook does: the
 * pooled features of every training image (and of its augmented copies) are computed once and
 * cached, the head (BatchNorm, Dropout, Dense with sigmoid) trains on them, and base plus head are
 * written as one SavedModel with its {@code model.json}. With {@code finetune=N} the last N blocks
 * train with the head from the images instead (after {@code head=} epochs of the head alone).
 * <p>
 * While training runs, checkpoints live in the sibling folder {@code <out>.training}; a run that
 * was killed continues from there with {@code resume}. The model folder itself appears only when
 * complete, and the work folder is removed then.
 * <p>
 * The path of {@code train}: {@code TrainCommand.execute} builds one {@link TrainRequest} -&gt;
 * {@link #run} -&gt; {@link CachedFeatures#compute} -&gt; {@link FeatureExtractor#extract(List)}
 * (or {@link HeadTrainer#fineTune} when fine-tuning from the images).
 */
public final class TrainJob {

	/** What a finished training gives. */
	public record Outcome(ModelInfo model, TrainingResult result, int trainSamples, int valImages) {}

	private TrainJob() {}

	/** The folder that holds checkpoints while training into {@code out} runs. */
	public static Path workFolder(Path out) {
		Path abs = out.toAbsolutePath().normalize();
		return abs.resolveSibling(abs.getFileName() + ".training");
	}

	/** Checks the request's files, then trains and writes the model; {@code listener} hears each epoch. */
	public static Outcome run(TrainRequest r, EpochListener listener, Progress progress) throws IOException {
		TrainingSettings settings = r.settings();
		Path out = r.out().toAbsolutePath().normalize();
		Path work = workFolder(out);
		// Validate everything before touching anything: a typo in val= must not cost a killed run its checkpoints.
		checkOutput(r, out);
		ImageList train = ImageList.listCsv(r.trainList(), r.images()).requireLabels(settings.outputs());
		ImageList val = ImageList.listCsv(r.valList(), r.images()).requireLabels(settings.outputs());
		checkLists(r, train);
		List<CachedFeatures.Sample> trainSamples = trainingSamples(train, r);
		try (WorkFolder lock = WorkFolder.lock(out, work)) {
			start(lock, r, RunFingerprint.of(r, train, val), out, work, progress);
			try {
				TensorFlowRuntime runtime = ModelOptions.runtime(r.device(), r.precision(), progress);
				TrainingResult result = null;
				if (settings.finetune() == 0 || settings.headEpochs() > 0) {
					// the frozen base: features once (cached), then the head on them
					TrainingSettings head = settings.finetune() == 0 ? settings : settings.headStage();
					List<CachedFeatures.Sample> valSamples = val.entries().stream().map(e -> new CachedFeatures.Sample(e, 0)).toList();
					if (settings.finetune() > 0) progress.log("Stage 1 of 2: the head trains " + head.epochs()
						+ " epoch(s) on cached features of the frozen base.");
					progress.log(String.format(Locale.ROOT, "Training on %d samples from %d images (%d defect), validating on %d images.",
						trainSamples.size(), train.size(), countPositive(train, settings.outputs()), val.size()));
					float[][] trainFeatures, valFeatures;
					try (FeatureExtractor extractor = new FeatureExtractor(r.weights(), r.height(), r.width(), runtime)) {
						CachedFeatures features = new CachedFeatures(extractor, new FeatureCache(r.cache()).log(progress::log),
							r.augment(), settings.seed(), FeatureExtractor.DEFAULT_BATCH);
						trainFeatures = features.compute(trainSamples, progress);
						valFeatures = features.compute(valSamples, progress);
					}
					progress.status("Training the head");
					result = new HeadTrainer(head).train(labelled(trainSamples, trainFeatures, head.outputs()),
						labelled(valSamples, valFeatures, head.outputs()), settings.finetune() == 0 ? work : work.resolve("head"),
						listener, progress::isCanceled);
				}
				if (settings.finetune() > 0) result = fineTune(r, train, val, trainSamples, result, runtime, work, listener, progress);
				Outcome outcome = export(r, out, work, runtime, result, trainSamples.size(), val.size(), progress);
				lock.finish();
				return outcome;
			}
			catch (InputException e) {
				// a bad image found while computing features: the previous run's checkpoints come back
				lock.restorePrevious();
				throw e;
			}
		}
	}

	/** An existing {@code out=} is replaced only with {@code overwrite=true}, and only when it is a model (or empty). */
	private static void checkOutput(TrainRequest r, Path out) {
		if (Files.exists(out) && !r.overwrite()) throw new InputException(out +
			" already exists; choose another model folder or pass overwrite=true to replace it.");
		if (Files.exists(out) && !Files.isDirectory(out)) throw new java.io.UncheckedIOException(out
			+ " is a file, not a folder; give out= a folder for the model.", new java.nio.file.NotDirectoryException(out.toString()));
		AtomicFiles.checkFolderWritable(out.getParent(), out);
		ModelFolder.checkOutput(out);
	}

	/**
	 * With the work folder locked: {@code resume=true} continues only the same run (its fingerprint);
	 * otherwise earlier checkpoints are set aside and this run's fingerprint is written.
	 */
	private static void start(WorkFolder lock, TrainRequest r, RunFingerprint fingerprint, Path out, Path work,
		Progress progress) throws IOException
	{
		lock.cleanLeftovers(out, progress);
		boolean hasCheckpoints = Files.isDirectory(work.resolve("checkpoints"));
		if (r.settings().resume() && hasCheckpoints) {
			RunFingerprint before = RunFingerprint.read(work);
			if (before == null) throw new InputException("The checkpoints in " + work + " carry no record of the run "
				+ "that wrote them (an older version); start afresh with resume=false.");
			List<String> changed = before.differences(fingerprint);
			if (!changed.isEmpty()) throw new InputException("resume=true, but the run in " + work
				+ " was started with other inputs or settings: " + String.join(", ", changed)
				+ "; give the same ones to resume, or start afresh with resume=false.");
			return;
		}
		if (r.settings().resume()) progress.log("resume=true: no checkpoints in " + work +
			", so training starts from the first epoch.");
		// kept aside, not deleted: a bad image found while computing features brings them back
		lock.setAsidePrevious();
		fingerprint.write(work);
	}

	/**
	 * What the lists must offer before any expensive work: two training images at least, both
	 * classes present, a batch that fits.
	 */
	static void checkLists(TrainRequest r, ImageList train) {
		TrainingSettings s = r.settings();
		if (train.size() < 2) throw new InputException(r.trainList() + " lists " + train.size()
			+ " image; training needs at least two (batch normalisation learns from two or more per batch).");
		int positive = countPositive(train, s.outputs());
		if (positive == 0) throw new InputException(r.trainList() + " holds no defect image (every label is 0); "
			+ "training needs examples of defects: give a list written by the split command.");
		if (s.outputs() == 1 && positive == train.size()) throw new InputException(r.trainList()
			+ " holds only defect images; training needs defect-free examples too: give a list written by the split command.");
		if (s.batchSize() > Math.max(2, train.size()) && s.batchSize() > 1024) throw new InputException("batch=" + s.batchSize()
			+ " is more than the " + train.size() + " training images; give a batch of at most " + Math.max(2, train.size()) + ".");
	}

	/** Writes the model in the precision it was trained in, and says how the training went. */
	private static Outcome export(TrainRequest r, Path out, Path work, TensorFlowRuntime runtime, TrainingResult result,
		int trainSamples, int valImages, Progress progress) throws IOException
	{
		TrainingSettings settings = r.settings();
		double bestF1 = result.history().stream().filter(m -> m.epoch() == result.bestEpoch()).mapToDouble(m -> m.valF1())
			.findFirst().orElse(Double.NaN);
		progress.log("Best validation F1 " + format(bestF1) + " at epoch " + result.bestEpoch() + " (" +
			result.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ").");
		if (!r.overwrite() && Files.exists(out)) throw new InputException(out + " appeared while the training ran; "
			+ "the checkpoints are kept in " + work + ": move that folder away and run again with resume=true, or pass overwrite=true.");
		progress.status("Writing the model to " + out);
		XceptionWeights base = result.fineTunedBase() != null ? result.fineTunedBase() : r.weights();
		// the model is written, and later scored, in the precision it was trained in
		TensorFlowRuntime.Precision trained = settings.finetune() > 0
			? HeadTrainer.fineTuningPrecision(settings, r.weights(), runtime.precision()) : runtime.precision();
		TensorFlowRuntime exportRuntime = trained == runtime.precision() ? runtime
			: TensorFlowRuntime.start(r.device(), trained, line -> { });
		try (ModelExporter exporter = new ModelExporter(base, result.bestWeights(), r.height(), r.width(), exportRuntime)) {
			ModelInfo info = exporter.export(out, ExportDetails.of(result, settings).withPrecision(trained));
			return new Outcome(info, result, trainSamples, valImages);
		}
	}

	/**
	 * The last {@code finetune} Xception blocks train with the head, online from the images; with
	 * {@code head=N} they start from the head of stage 1 (checkpoints in {@code work/head}).
	 */
	private static TrainingResult fineTune(TrainRequest r, ImageList train, ImageList val,
		List<CachedFeatures.Sample> trainSamples, TrainingResult headStage, TensorFlowRuntime runtime, Path work,
		EpochListener listener, Progress progress) throws IOException
	{
		TrainingSettings settings = r.settings();
		if (headStage != null) progress.log("Stage 2 of 2: fine-tuning starts from the head of epoch " + headStage.bestEpoch() + ".");
		progress.log(String.format(Locale.ROOT, "Fine-tuning the last %d Xception block(s) with the head on %d samples from %d images (%d defect), validating on %d images; batch norm %s, learning rate %s (%s)%s.",
			settings.finetune(), trainSamples.size(), train.size(), countPositive(train, settings.outputs()), val.size(),
			settings.batchNorm().name().toLowerCase(Locale.ROOT), settings.learningRate(),
			settings.effectiveSchedule().name().toLowerCase(Locale.ROOT), r.augment().isEmpty() ? "" : ", augment " + r.augment()));
		progress.log("Training figures per epoch are running figures over the epoch's batches (training mode); validation figures cover the whole set.");
		List<ImageList.Entry> trainEntries = trainSamples.stream().map(CachedFeatures.Sample::entry).toList();
		return new HeadTrainer(settings).precision(runtime.precision()).fineTune(images(trainEntries, settings.outputs()),
			images(val.entries(), settings.outputs()), r.weights(), r.height(), r.width(), r.augment(),
			headStage == null ? null : headStage.bestWeights(), work, listener, progress::isCanceled);
	}

	private static LabeledImages images(List<ImageList.Entry> entries, int outputs) {
		List<ImageSource> sources = entries.stream().map(e -> ImageSource.file(e.file())).toList();
		return new LabeledImages(sources, entries.stream().map(e -> e.labels(outputs)).toArray(float[][]::new));
	}

	/** The training samples: each image once, plus augmented copies and balancing copies. */
	static List<CachedFeatures.Sample> trainingSamples(ImageList train, TrainRequest r) {
		List<CachedFeatures.Sample> out = new ArrayList<>();
		if (r.balance() > 0) {
			List<Balance.Item> items = new ArrayList<>();
			java.util.Map<String, ImageList.Entry> byId = new java.util.HashMap<>();
			for (ImageList.Entry e : train.entries()) {
				items.add(new Balance.Item(e.imageId(), e.labels(1)[0] > 0.5f));
				byId.put(e.imageId(), e);
			}
			for (Balance.Sample s : Balance.oversample(items, r.balance(), r.settings().seed()))
				out.add(new CachedFeatures.Sample(byId.get(s.imageId()), s.variant() == 0 ? 0 : r.variants() + s.variant()));
		}
		else for (ImageList.Entry e : train.entries()) out.add(new CachedFeatures.Sample(e, 0));
		for (int v = 1; v <= r.variants(); v++)
			for (ImageList.Entry e : train.entries()) out.add(new CachedFeatures.Sample(e, v));
		return out;
	}

	private static LabeledFeatures labelled(List<CachedFeatures.Sample> samples, float[][] features, int outputs) {
		String[] ids = samples.stream().map(s -> s.variant() == 0 ? s.entry().imageId() : s.entry().imageId() + "#" + s.variant())
			.toArray(String[]::new);
		return new LabeledFeatures(ids, features, samples.stream().map(s -> s.entry().labels(outputs)).toArray(float[][]::new));
	}

	private static int countPositive(ImageList list, int outputs) {
		return (int) list.entries().stream().map(e -> e.labels(outputs))
			.filter(l -> IntStream.range(0, l.length).anyMatch(k -> l[k] > 0.5f)).count();
	}

	static String format(double v) {
		return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
	}
}
