package io.github.steeldefects.model.infer;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import ai.djl.ModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.PairList;

import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.Preprocessing;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.Tensors;
import io.github.steeldefects.model.Xception;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.ModelFolder;
import io.github.steeldefects.model.train.ModelInfo;

/**
 * Classifies images with a SavedModel through DJL's TensorFlow engine: a model folder written by
 * {@link io.github.steeldefects.model.train.ModelExporter}, or any SavedModel with one image input
 * [N, H, W, 3] and sigmoid outputs [N, k]. Input name and shape come from the signature; input
 * size and preprocessing from {@code model.json}, or from {@link Options}.
 * <p>
 * Images are read and run in batches, so memory stays bounded however many images there are.
 * Close the classifier: TensorFlow's native memory is not returned otherwise (usage: see the package).
 */
public final class Classifier implements AutoCloseable {

	/**
	 * @param preprocessing overrides model.json (null: take it from model.json, required for other SavedModels)
	 * @param batchSize images per forward pass
	 * @param device where TensorFlow runs
	 * @param precision fp32, bf16, or auto: the precision model.json says the model was trained in, where
	 *          the processor runs it natively, else fp32 (fp32 for SavedModels without model.json)
	 */
	public record Options(Preprocessing preprocessing, int batchSize, TensorFlowRuntime.Device device,
		TensorFlowRuntime.Precision precision)
	{
		public Options {
			// the one batch check of classify and evaluate
			if (batchSize < 1 || batchSize > 4096) throw new io.github.steeldefects.InputException("batch=" + batchSize
				+ " must lie between 1 and 4096 images.");
			if (device == null) device = TensorFlowRuntime.Device.AUTO;
			if (precision == null) precision = TensorFlowRuntime.Precision.AUTO;
		}

		/** Everything from model.json, batches of 8, device auto, the model's precision. */
		public static Options defaults() {
			return new Options(null, 8, TensorFlowRuntime.Device.AUTO, TensorFlowRuntime.Precision.AUTO);
		}

		public Options withPreprocessing(Preprocessing p) { return new Options(p, batchSize, device, precision); }
		public Options withBatchSize(int b) { return new Options(preprocessing, b, device, precision); }
		public Options withDevice(TensorFlowRuntime.Device d) { return new Options(preprocessing, batchSize, d, precision); }
		public Options withPrecision(TensorFlowRuntime.Precision p) { return new Options(preprocessing, batchSize, device, p); }
	}

	/**
	 * One image's result: probability per output (class order as {@link #classNames()}), and its
	 * heatmap when the model has them (null otherwise).
	 */
	public record Prediction(String imageId, float[] probabilities, Heatmap heatmap) {}

	/** A batch in NHWC order, already preprocessed. */
	record Batch(int n, int height, int width, float[] pixels) {}

	/** A batch's results: probabilities [N][k], heatmaps per image (null when the model has none). */
	record Outputs(float[][] probabilities, Heatmap[] heatmaps) {}

	private final Path folder;
	private final ModelInfo info; // null for foreign SavedModels
	private final ZooModel<Batch, Outputs> model;
	private final Predictor<Batch, Outputs> predictor;
	private final String inputName;
	private final int height, width, outputs, batchSize;
	private final int[] heatmapSize; // [h, w] cells, null when the model has no heatmaps output
	private final boolean legacyHeatmaps; // exported before the heatmaps output, but its graph has what they need
	private LegacyHeatmaps legacy; // such a model once heatmaps are asked for: run through TF Java; else null
	private final Preprocessing preprocessing;
	private final List<String> classNames;
	private final double[] thresholds;
	private final TensorFlowRuntime.Precision precision;

	private Classifier(Path folder, ModelInfo info, ZooModel<Batch, Outputs> model, String inputName, int height,
		int width, int outputs, int[] heatmapSize, boolean legacyHeatmaps, Preprocessing preprocessing, int batchSize,
		TensorFlowRuntime.Precision precision)
	{
		this.precision = precision;
		this.heatmapSize = heatmapSize;
		this.legacyHeatmaps = legacyHeatmaps;
		this.folder = folder;
		this.info = info;
		this.model = model;
		this.inputName = inputName;
		this.height = height;
		this.width = width;
		this.outputs = outputs;
		this.preprocessing = preprocessing;
		this.batchSize = batchSize;
		this.classNames = info != null ? info.classNames() : ExportDetails.defaultClassNames(outputs);
		double[] t = new double[outputs];
		java.util.Arrays.fill(t, 0.5);
		this.thresholds = info != null && info.thresholds() != null ? info.thresholds() : t;
		this.predictor = model.newPredictor();
	}

	/** Opens a model folder with {@link Options#defaults()}. */
	public static Classifier open(Path modelFolder) throws IOException {
		return open(modelFolder, Options.defaults());
	}

	/**
	 * Loads a SavedModel folder.
	 *
	 * @throws IOException with one sentence naming the folder when it is missing, not a SavedModel,
	 *           or has an input other than [N, H, W, 3]
	 */
	public static Classifier open(Path modelFolder, Options options) throws IOException {
		return open(modelFolder, options, System.err::println);
	}

	/**
	 * As {@link #open(Path, Options)}, with the one line saying where TensorFlow runs sent to {@code log}
	 * (the first time a device is resolved in this JVM).
	 */
	public static Classifier open(Path modelFolder, Options options, Consumer<String> log) throws IOException {
		Path folder = modelFolder.toAbsolutePath().normalize();
		ModelInfo info = ModelFolder.read(folder);
		Preprocessing preprocessing = options.preprocessing();
		if (preprocessing == null) {
			if (info == null) throw new IOException("SavedModel " + folder + " has no " + ModelInfo.FILE_NAME
				+ "; say how its images are preprocessed with preprocessing=xception, unit or none.");
			if (info.preprocessing() == null) throw new IOException(folder.resolve(ModelInfo.FILE_NAME)
				+ " has no \"preprocessing\"; restore the model.json the training wrote or give preprocessing=.");
			preprocessing = Preprocessing.parse(info.preprocessing());
		}

		boolean hasBf16 = info != null && info.trainingPrecision() == TensorFlowRuntime.Precision.BF16;
		if (options.precision() == TensorFlowRuntime.Precision.BF16 && !hasBf16) log.accept("Model " + folder
			+ " was trained in fp32 and has no bf16 graph; it classifies in fp32 (train it with precision=bf16 for one).");
		// auto asks for the training precision (bf16 only where the processor runs it natively); only models
		// trained in bf16 carry the bf16 graph, so the others run fp32, as do SavedModels without model.json
		TensorFlowRuntime.Precision requested = hasBf16 && options.precision() != TensorFlowRuntime.Precision.FP32
			? options.precision() : TensorFlowRuntime.Precision.FP32;
		TensorFlowRuntime runtime = TensorFlowRuntime.start(options.device(), requested, log);
		var builder = Criteria.builder().setTypes(Batch.class, Outputs.class)
			.optModelPath(folder).optEngine("TensorFlow").optTranslator(new BatchTranslator())
			.optDevice(runtime.usesGpu() ? ai.djl.Device.gpu() : ai.djl.Device.cpu());
		// bf16: the model's own bf16 graph (the base the head was trained on), in the runtime's session options.
		// (TensorFlow's bf16 rewrite of the fp32 graph was tried: it also turns the head's batch norm into
		// bf16, where x - mean cancels, and moved a probability from 0.12 to 5e-9.)
		if (runtime.precision() == TensorFlowRuntime.Precision.BF16) builder.optOption("SignatureDefKey",
			ModelExporter.SIGNATURE_BF16)
			.optOption("ConfigProto", runtime.sessionConfigBase64());
		Criteria<Batch, Outputs> criteria = builder.build();
		ZooModel<Batch, Outputs> model;
		try {
			model = criteria.loadModel();
		}
		catch (ModelException | IOException | RuntimeException e) {
			throw new IOException("TensorFlow could not load the SavedModel in " + folder + ": " + firstLine(e) + ".", e);
		}
		try {
			PairList<String, Shape> inputs = model.getBlock().describeInput();
			if (!(model.getBlock() instanceof ai.djl.nn.SymbolBlock block)) throw new IOException(
				"DJL did not load " + folder + " as a TensorFlow SavedModel.");
			PairList<String, Shape> outs = block.describeOutput();
			if (inputs.size() != 1) throw new IOException("SavedModel " + folder + " has " + inputs.size()
				+ " inputs " + inputs.keys() + "; an image classifier needs exactly one [N, height, width, 3] input.");
			int heatIndex = outs.keys().indexOf(ModelExporter.HEATMAPS);
			if (outs.size() != 1 && !(outs.size() == 2 && heatIndex >= 0)) throw new IOException("SavedModel " + folder
				+ " has " + outs.size() + " outputs " + outs.keys() + "; the classifier needs exactly one [N, classes] probability "
				+ "output (and optionally '" + ModelExporter.HEATMAPS + "').");
			int probIndex = outs.size() == 1 ? 0 : 1 - heatIndex;
			String name = inputs.get(0).getKey();
			Shape shape = inputs.get(0).getValue();
			if (shape.dimension() != 4) throw new IOException("SavedModel " + folder + " input '" + name + "' has shape "
				+ shape + " of rank " + shape.dimension() + "; images are fed as rank 4 [N, height, width, 3].");
			long channels = shape.get(3);
			if (channels != -1 && channels != 3) throw new IOException("SavedModel " + folder + " expects " + channels
				+ "-channel images in input '" + name + "' " + shape + ", but images are fed as RGB with 3 channels.");
			Shape outShape = outs.get(probIndex).getValue();
			if (outShape.dimension() != 2 || outShape.get(1) < 1) throw new IOException("SavedModel " + folder
				+ " output '" + outs.get(probIndex).getKey() + "' has shape " + outShape + "; the classifier needs [N, classes].");
			if (info != null && outShape.get(1) != info.outputs()) throw new IOException(folder.resolve(ModelInfo.FILE_NAME)
				+ " says \"outputs\": " + info.outputs() + " but the SavedModel gives " + outShape.get(1)
				+ " probabilities per image; restore the model.json the training wrote.");
			// the size model.json gives, else the signature's (0: open)
			int h = info != null && info.inputHeight() > 0 ? info.inputHeight() : (int) Math.max(shape.get(1), 0);
			int w = info != null && info.inputWidth() > 0 ? info.inputWidth() : (int) Math.max(shape.get(2), 0);
			if ((shape.get(1) > 0 && h != shape.get(1)) || (shape.get(2) > 0 && w != shape.get(2)))
				throw new IOException("SavedModel " + folder + " input '" + name + "' is " + shape + " but " + h + " x "
					+ w + " (height x width) was asked for; leave the size to the model.");
			if (h <= 0 || w <= 0) throw new IOException("SavedModel " + folder + " accepts any image size (" + shape
				+ "); give the input height and width.");
			int[] heatmapSize = null;
			if (heatIndex >= 0) {
				Shape heat = outs.get(heatIndex).getValue();
				int[] expected = Xception.featureMapSize(h, w);
				if (heat.dimension() != 4 || heat.get(3) != outShape.get(1)) throw new IOException("SavedModel " + folder
					+ " output '" + ModelExporter.HEATMAPS + "' has shape " + heat + "; heatmaps are [N, h, w, " + outShape.get(1) + "].");
				heatmapSize = new int[] { heat.get(1) > 0 ? (int) heat.get(1) : expected[0], heat.get(2) > 0 ? (int) heat.get(2) : expected[1] };
			}
			// exported before the heatmaps output: the graph may still have the feature map and the head
			boolean legacyHeatmaps = heatmapSize == null && info != null && LegacyHeatmaps.possible(block);
			if (legacyHeatmaps) heatmapSize = Xception.featureMapSize(h, w);
			return new Classifier(folder, info, model, name, h, w, (int) outShape.get(1), heatmapSize, legacyHeatmaps,
				preprocessing, options.batchSize(), runtime.precision());
		}
		catch (IOException | RuntimeException e) {
			model.close();
			throw e;
		}
	}

	private static String firstLine(Throwable e) {
		String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		int nl = m.indexOf('\n');
		m = (nl < 0 ? m : m.substring(0, nl)).trim();
		return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
	}

	/** Probabilities [image][output]; images are resized to the input size, in batches. */
	public float[][] predict(List<RgbImage> images) {
		float[][] out = new float[images.size()][];
		for (int from = 0; from < images.size(); from += batchSize) {
			float[][] p = runBatch(images.subList(from, Math.min(images.size(), from + batchSize))).probabilities();
			System.arraycopy(p, 0, out, from, p.length);
		}
		return out;
	}

	/** Probabilities and heatmaps, one {@link Prediction} per image (id {@code image<i>}); needs {@link #hasHeatmaps()}. */
	public List<Prediction> predictWithHeatmaps(List<RgbImage> images) {
		enableHeatmaps();
		List<Prediction> out = new ArrayList<>(images.size());
		for (int from = 0; from < images.size(); from += batchSize) {
			Outputs o = runBatch(images.subList(from, Math.min(images.size(), from + batchSize)));
			for (int i = 0; i < o.probabilities().length; i++)
				out.add(new Prediction("image" + (from + i), o.probabilities()[i], o.heatmaps()[i]));
		}
		return out;
	}

	/**
	 * Makes every later result carry its heatmap. Models exported with the heatmaps output always
	 * give them; for a model exported before it, this opens its graph a second time through
	 * TensorFlow Java (seconds, and a second copy of the weights in memory) and runs it there from
	 * now on, fetching the feature map with the probabilities. Needs {@link #hasHeatmaps()}.
	 */
	public synchronized void enableHeatmaps() {
		requireHeatmaps();
		if (!legacyHeatmaps || legacy != null) return;
		LegacyHeatmaps opened = LegacyHeatmaps.open(folder, info);
		if (opened == null || opened.outputs() != outputs) {
			if (opened != null) opened.close();
			throw new IllegalStateException(noHeatmapsMessage());
		}
		legacy = opened;
	}

	/** Whether this model gives heatmaps (other SavedModels do not, nor models whose graph lacks the feature map). */
	public boolean hasHeatmaps() {
		return heatmapSize != null;
	}

	/** Heatmap cells [down, across], e.g. {8, 16} at 256 x 512 input; needs {@link #hasHeatmaps()}. */
	public int[] heatmapSize() {
		requireHeatmaps();
		return heatmapSize.clone();
	}

	/** Throws the one sentence a user reads when heatmaps are asked of a model that has none: {@link #noHeatmapsMessage}. */
	public void requireHeatmaps() {
		if (heatmapSize == null) throw new IllegalStateException(noHeatmapsMessage());
	}

	/** Why this model has no heatmaps, and what would give them. */
	public String noHeatmapsMessage() {
		return info != null
			? "Model " + folder + " has no heatmaps: its SavedModel has no '" + ModelExporter.HEATMAPS
				+ "' output, nor the feature map and head variables they are computed from; train it again with this version "
				+ "of Steel Defects to get heatmaps."
			: "SavedModel " + folder + " has no '" + ModelExporter.HEATMAPS + "' output [N, h, w, classes]; only models "
				+ "trained with Steel Defects give heatmaps.";
	}

	/** Streams over the images: loads one batch, classifies it, hands each result to {@code out}, repeats. */
	public void classify(Iterable<? extends ImageSource> images, Consumer<Prediction> out) throws IOException {
		List<ImageSource> batch = new ArrayList<>(batchSize);
		for (ImageSource s : images) {
			batch.add(s);
			if (batch.size() == batchSize) {
				flush(batch, out);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) flush(batch, out);
	}

	/** {@link #classify} over image files; the image id is the file name. */
	public void classifyFiles(List<Path> files, Consumer<Prediction> out) throws IOException {
		classify(files.stream().map(ImageSource::file).toList(), out);
	}

	private void flush(List<ImageSource> batch, Consumer<Prediction> out) throws IOException {
		List<RgbImage> images = new ArrayList<>(batch.size());
		for (ImageSource s : batch) images.add(s.load());
		Outputs o = runBatch(images);
		float[][] p = o.probabilities();
		for (int i = 0; i < p.length; i++)
			out.accept(new Prediction(batch.get(i).id(), p[i], o.heatmaps() == null ? null : o.heatmaps()[i]));
	}

	private Outputs runBatch(List<RgbImage> images) {
		int n = images.size();
		float[] pixels = Tensors.batch(images, height, width);
		preprocessing.apply(pixels);
		try {
			if (legacy != null) return legacy.run(new Batch(n, height, width, pixels));
			return predictor.predict(new Batch(n, height, width, pixels));
		}
		catch (TranslateException e) {
			throw new IllegalStateException("TensorFlow failed on a batch of " + n + " images with model " + folder
				+ ": " + firstLine(e) + ".", e);
		}
	}

	public Path folder() { return folder; }
	/** model.json of this model, absent for foreign SavedModels. */
	public Optional<ModelInfo> info() { return Optional.ofNullable(info); }
	/** The precision this classifier computes in: FP32 or BF16. */
	public TensorFlowRuntime.Precision precision() { return precision; }
	public String inputName() { return inputName; }
	public int inputHeight() { return height; }
	public int inputWidth() { return width; }
	public int outputs() { return outputs; }
	public Preprocessing preprocessing() { return preprocessing; }
	public List<String> classNames() { return Collections.unmodifiableList(classNames); }
	/** Per-output decision thresholds from model.json (0.5 each for foreign SavedModels). */
	public double[] thresholds() { return thresholds.clone(); }

	@Override
	public void close() {
		if (legacy != null) legacy.close();
		predictor.close();
		model.close();
	}

	/**
	 * Batch -&gt; NDArray in the predictor's per-call manager (freed after each call) -&gt; float[N][k],
	 * plus the heatmaps when the model has them (told apart by rank: DJL orders outputs by name).
	 */
	static final class BatchTranslator implements NoBatchifyTranslator<Batch, Outputs> {
		@Override
		public NDList processInput(TranslatorContext ctx, Batch b) {
			NDArray a = ctx.getNDManager().create(FloatBuffer.wrap(b.pixels()), new Shape(b.n(), b.height(), b.width(), 3));
			return new NDList(a);
		}

		@Override
		public Outputs processOutput(TranslatorContext ctx, NDList list) {
			NDArray a = list.get(0), heat = null;
			if (list.size() == 2) {
				boolean firstIsHeat = list.get(0).getShape().dimension() == 4;
				a = list.get(firstIsHeat ? 1 : 0);
				heat = list.get(firstIsHeat ? 0 : 1);
			}
			long[] s = a.getShape().getShape();
			int n = (int) s[0], k = s.length > 1 ? (int) s[1] : 1;
			float[][] out = Tensors.rows(a.toFloatArray(), k);
			if (heat == null) return new Outputs(out, null);
			long[] hs = heat.getShape().getShape();
			int h = (int) hs[1], w = (int) hs[2];
			float[] cells = heat.toFloatArray();
			Heatmap[] maps = new Heatmap[n];
			for (int i = 0; i < n; i++) maps[i] = Heatmap.fromNhwc(cells, i * h * w * k, h, w, k);
			return new Outputs(out, maps);
		}
	}
}
