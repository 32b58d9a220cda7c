package io.github.steeldefects.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.Balance;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.EpochListener;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.LabeledFeatures;
import io.github.steeldefects.model.train.LabeledImages;
import io.github.steeldefects.model.infer.ImageSource;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.ModelInfo;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * Transfer training with a frozen ImageNet Xception base, as the reference notebook does: the
 * pooled features of every training image (and of its augmented copies) are computed once and
 * cached, the head (BatchNorm, Dropout, Dense with sigmoid) trains on them, and base plus head are
 * written as one SavedModel with its {@code model.json}.
 * <p>
 * While training runs, checkpoints live in the sibling folder {@code <out>.training}; a run that
 * was killed continues from there with {@code resume}. The model folder itself appears only when
 * complete, and the work folder is removed then.
 */
public final class TrainJob {

	/** Everything the train command passes in. */
	public static final class Request {
		public Path trainList;
		public Path valList;
		public Path images;
		public Path out;
		public XceptionWeights weights;
		public int height = 256;
		public int width = 512;
		public TrainingSettings settings;
		public AugmentConfig augment = AugmentConfig.NONE;
		public int variants = 0;
		public double balance = 0;
		public int batch = 8;
		public TensorFlowRuntime.Device device = TensorFlowRuntime.Device.AUTO;
		/** Precision of the features and of fine-tuning; recorded in model.json. */
		public TensorFlowRuntime.Precision precision = TensorFlowRuntime.Precision.FP32;
		public Path cache;
		public boolean overwrite;
		public EpochListener listener = EpochListener.NONE;
	}

	/** What a finished training gives. */
	public record Outcome(ModelInfo model, TrainingResult result, int trainSamples, int valImages) {}

	private TrainJob() {}

	/** The folder that holds checkpoints while training into {@code out} runs. */
	public static Path workFolder(Path out) {
		Path abs = out.toAbsolutePath().normalize();
		return abs.resolveSibling(abs.getFileName() + ".training");
	}

	public static Outcome run(Request r, Progress progress) throws IOException {
		TrainingSettings settings = r.settings;
		Path out = r.out.toAbsolutePath().normalize();
		if (Files.exists(out) && !r.overwrite) throw new InputException(out +
			" already exists; choose another model folder or pass overwrite=true to replace it.");
		Path work = workFolder(out);
		// Validate everything before touching anything: a typo in val= must not cost a killed run its checkpoints.
		if (Files.exists(out) && !Files.isDirectory(out)) throw new java.io.UncheckedIOException(out
			+ " is a file, not a folder; give out= a folder for the model.", new java.nio.file.NotDirectoryException(out.toString()));
		AtomicFiles.checkFolderWritable(out.getParent(), out);
		ModelExporter.checkOutput(out);
		if (r.variants < 0) throw new InputException("variants=" + r.variants +
			" is negative; give the number of augmented copies of each training image (0 for none).");
		if (r.variants > 0 && r.augment.isEmpty()) throw new InputException("variants=" + r.variants +
			" asks for augmented copies but augment=none; give an augmentation, e.g. augment=[hflip vflip brightness=0.2], or variants=0.");

		if (settings.finetune() > 0 && r.variants > 0) throw new InputException("variants=" + r.variants +
			" caches augmented copies for the frozen base; fine-tuning augments online instead (a fresh draw of augment= every epoch): drop variants=.");
		// model.json records what ran: auto settings resolved for these weights.
		boolean random = r.weights.id().startsWith("random-");
		settings = settings.toBuilder().batchNorm(settings.batchNorm(random)).schedule(settings.effectiveSchedule()).build();
		r.settings = settings;

		ImageList train = ImageList.read(r.trainList, r.images, settings.outputs(), true);
		ImageList val = ImageList.read(r.valList, r.images, settings.outputs(), true);
		checkLists(r, train, val);
		RunFingerprint fingerprint = RunFingerprint.of(r, train, val);
		try (WorkFolder lock = WorkFolder.lock(out, work)) {
			lock.cleanLeftovers(out, progress);
			boolean hasCheckpoints = Files.isDirectory(work.resolve("checkpoints"));
			if (settings.resume() && hasCheckpoints) {
				RunFingerprint before = RunFingerprint.read(work);
				if (before == null) throw new InputException("The checkpoints in " + work + " carry no record of the run "
					+ "that wrote them (an older version); start afresh with resume=false.");
				List<String> changed = before.differences(fingerprint);
				if (!changed.isEmpty()) throw new InputException("resume=true, but the run in " + work
					+ " was started with other inputs or settings: " + String.join(", ", changed)
					+ "; give the same ones to resume, or start afresh with resume=false.");
			}
			else {
				if (settings.resume()) progress.log("resume=true: no checkpoints in " + work +
					", so training starts from the first epoch.");
				// kept aside, not deleted: a bad image found while computing features brings them back
				lock.setAsidePrevious();
				fingerprint.write(work);
			}
			Outcome outcome;
			try {
				outcome = train(r, out, work, train, val, progress);
			}
			catch (InputException e) {
				lock.restorePrevious();
				throw e;
			}
			lock.finish();
			return outcome;
		}
	}

	/**
	 * What the lists must offer before any expensive work: two training images at least, both
	 * classes present, a batch that fits.
	 */
	static void checkLists(Request r, ImageList train, ImageList val) {
		TrainingSettings s = r.settings;
		if (train.size() < 2) throw new InputException(r.trainList + " lists " + train.size()
			+ " image; training needs at least two (batch normalisation learns from two or more per batch).");
		int positive = countPositive(train);
		if (positive == 0) throw new InputException(r.trainList + " holds no defect image (every label is 0); "
			+ "training needs examples of defects: give a list written by the split command.");
		if (s.outputs() == 1 && positive == train.size()) throw new InputException(r.trainList
			+ " holds only defect images; training needs defect-free examples too: give a list written by the split command.");
		if (s.batchSize() > Math.max(2, train.size()) && s.batchSize() > 1024) throw new InputException("batch=" + s.batchSize()
			+ " is more than the " + train.size() + " training images; give a batch of at most " + Math.max(2, train.size()) + ".");
		if (r.batch < 1 || r.batch > 4096) throw new InputException("The feature batch " + r.batch
			+ " must lie between 1 and 4096 images.");
	}

	/** The training proper, with the work folder locked and the run's fingerprint in place. */
	private static Outcome train(Request r, Path out, Path work, ImageList train, ImageList val, Progress progress)
		throws IOException
	{
		TrainingSettings settings = r.settings;
		TensorFlowRuntime runtime = ModelOptions.runtime(r.device, r.precision, progress);
		TrainingResult result = settings.finetune() > 0 ? fineTune(r, train, val, runtime, work, progress)
			: trainHead(r, train, val, runtime, work, progress);
		double bestF1 = result.history().stream().filter(m -> m.epoch() == result.bestEpoch()).mapToDouble(m -> m.valF1())
			.findFirst().orElse(Double.NaN);
		progress.log("Best validation F1 " + format(bestF1) + " at epoch " + result.bestEpoch() + " (" +
			result.stopReason().toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ").");
		int trainSamples = trainingSamples(train, r, settings).size();

		if (!r.overwrite && Files.exists(out)) throw new InputException(out + " appeared while the training ran; "
			+ "the checkpoints are kept in " + work + ": move that folder away and run again with resume=true, or pass overwrite=true.");
		progress.status("Writing the model to " + out);
		ModelInfo info;
		XceptionWeights base = result.fineTunedBase() != null ? result.fineTunedBase() : r.weights;
		// the model is written, and later scored, in the precision it was trained in
		TensorFlowRuntime.Precision trained = settings.finetune() > 0
			? HeadTrainer.fineTuningPrecision(settings, r.weights, runtime.precision()) : runtime.precision();
		TensorFlowRuntime exportRuntime = trained == runtime.precision() ? runtime
			: TensorFlowRuntime.start(r.device, trained, line -> { });
		try (ModelExporter exporter = new ModelExporter(base, result.bestWeights(), r.height, r.width, exportRuntime)) {
			info = exporter.export(out, ExportDetails.of(result, settings).withPrecision(trained));
		}
		return new Outcome(info, result, trainSamples, val.size());
	}

	/** Frozen base: features once (cached), then the head on them. */
	private static TrainingResult trainHead(Request r, ImageList train, ImageList val, TensorFlowRuntime runtime,
		Path work, Progress progress) throws IOException
	{
		TrainingSettings settings = r.settings;
		List<CachedFeatures.Sample> trainSamples = trainingSamples(train, r, settings);
		List<CachedFeatures.Sample> valSamples = new ArrayList<>();
		for (ImageList.Entry e : val.entries()) valSamples.add(new CachedFeatures.Sample(e, 0));
		progress.log(String.format(Locale.ROOT, "Training on %d samples from %d images (%d defect), validating on %d images.",
			trainSamples.size(), train.size(), countPositive(train), val.size()));
		FeatureCache cache = new FeatureCache(r.cache).log(progress::log);
		float[][] trainFeatures, valFeatures;
		try (FeatureExtractor extractor = new FeatureExtractor(r.weights, r.height, r.width, runtime)) {
			CachedFeatures features = new CachedFeatures(extractor, cache, r.augment, settings.seed(), r.batch);
			trainFeatures = features.compute(trainSamples, progress);
			valFeatures = features.compute(valSamples, progress);
		}
		progress.status("Training the head");
		return new HeadTrainer(settings).train(labelled(trainSamples, trainFeatures), labelled(valSamples, valFeatures),
			work, r.listener, progress::isCanceled);
	}

	/**
	 * The last {@code finetune} Xception blocks train with the head, online from the images; with
	 * {@code head=N} the head first trains N epochs on cached features of the frozen base (checkpoints
	 * in {@code work/head}) and fine-tuning starts from it.
	 */
	private static TrainingResult fineTune(Request r, ImageList train, ImageList val, TensorFlowRuntime runtime,
		Path work, Progress progress) throws IOException
	{
		TrainingSettings settings = r.settings;
		List<CachedFeatures.Sample> trainSamples = trainingSamples(train, r, settings);
		io.github.steeldefects.model.train.HeadWeights startHead = null;
		if (settings.headEpochs() > 0) {
			progress.log("Stage 1 of 2: the head trains " + settings.headEpochs() + " epoch(s) on cached features of the frozen base.");
			Request head = copy(r);
			head.settings = settings.toBuilder().finetune(0).headEpochs(0).epochs(settings.headEpochs())
				.schedule(TrainingSettings.Schedule.CONSTANT).learningRate(TrainingSettings.defaultLearningRate(0, true)).build();
			TrainingResult first = trainHead(head, train, val, runtime, work.resolve("head"), progress);
			startHead = first.bestWeights();
			progress.log("Stage 2 of 2: fine-tuning starts from the head of epoch " + first.bestEpoch() + ".");
		}
		progress.log(String.format(Locale.ROOT, "Fine-tuning the last %d Xception block(s) with the head on %d samples from %d images (%d defect), validating on %d images; batch norm %s, learning rate %s (%s)%s.",
			settings.finetune(), trainSamples.size(), train.size(), countPositive(train), val.size(),
			settings.batchNorm().name().toLowerCase(Locale.ROOT), settings.learningRate(),
			settings.effectiveSchedule().name().toLowerCase(Locale.ROOT), r.augment.isEmpty() ? "" : ", augment " + r.augment));
		progress.log("Training figures per epoch are running figures over the epoch's batches (training mode); validation figures cover the whole set.");
		List<ImageSource> sources = new ArrayList<>();
		float[][] labels = new float[trainSamples.size()][];
		for (int i = 0; i < trainSamples.size(); i++) {
			sources.add(ImageSource.file(trainSamples.get(i).entry().file()));
			labels[i] = trainSamples.get(i).entry().labels();
		}
		return new HeadTrainer(settings).precision(runtime.precision()).fineTune(new LabeledImages(sources, labels),
			images(val), r.weights, r.height,
			r.width, r.augment, startHead, work, r.listener, progress::isCanceled);
	}

	private static Request copy(Request r) {
		Request c = new Request();
		c.trainList = r.trainList; c.valList = r.valList; c.images = r.images; c.out = r.out; c.weights = r.weights;
		c.height = r.height; c.width = r.width; c.settings = r.settings; c.augment = r.augment; c.variants = r.variants;
		c.balance = r.balance; c.batch = r.batch; c.device = r.device; c.cache = r.cache; c.overwrite = r.overwrite;
		c.listener = r.listener; c.precision = r.precision;
		return c;
	}

	private static LabeledImages images(ImageList list) {
		List<ImageSource> sources = new ArrayList<>();
		float[][] labels = new float[list.size()][];
		for (int i = 0; i < list.size(); i++) {
			sources.add(ImageSource.file(list.entries().get(i).file()));
			labels[i] = list.entries().get(i).labels();
		}
		return new LabeledImages(sources, labels);
	}

	/** The training samples: each image once, plus augmented copies and balancing copies. */
	static List<CachedFeatures.Sample> trainingSamples(ImageList train, Request r, TrainingSettings settings) {
		List<CachedFeatures.Sample> out = new ArrayList<>();
		if (r.balance > 0) {
			if (settings.outputs() != 1) throw new InputException("balance=" + r.balance +
				" works with outputs=1 only; use weighting=balanced for the 4-class model.");
			List<Balance.Item> items = new ArrayList<>();
			java.util.Map<String, ImageList.Entry> byId = new java.util.HashMap<>();
			for (ImageList.Entry e : train.entries()) {
				items.add(new Balance.Item(e.imageId(), e.labels()[0] > 0.5f));
				byId.put(e.imageId(), e);
			}
			for (Balance.Sample s : Balance.oversample(items, r.balance, settings.seed()))
				out.add(new CachedFeatures.Sample(byId.get(s.imageId), s.variant == 0 ? 0 : r.variants + s.variant));
		}
		else for (ImageList.Entry e : train.entries()) out.add(new CachedFeatures.Sample(e, 0));
		List<CachedFeatures.Sample> copies = new ArrayList<>();
		for (int v = 1; v <= r.variants; v++)
			for (ImageList.Entry e : train.entries()) copies.add(new CachedFeatures.Sample(e, v));
		out.addAll(copies);
		return out;
	}

	private static LabeledFeatures labelled(List<CachedFeatures.Sample> samples, float[][] features) {
		String[] ids = new String[samples.size()];
		float[][] labels = new float[samples.size()][];
		for (int i = 0; i < ids.length; i++) {
			CachedFeatures.Sample s = samples.get(i);
			ids[i] = s.variant() == 0 ? s.entry().imageId() : s.entry().imageId() + "#" + s.variant();
			labels[i] = s.entry().labels();
		}
		return new LabeledFeatures(ids, features, labels);
	}

	private static int countPositive(ImageList list) {
		int n = 0;
		for (ImageList.Entry e : list.entries()) {
			for (float l : e.labels())
				if (l > 0.5f) {
					n++;
					break;
				}
		}
		return n;
	}

	static String format(double v) {
		return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
	}
}
