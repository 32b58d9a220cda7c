package io.github.steeldefects.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.Preprocessing;

/**
 * Classifies a list of images with a model, streaming: one batch of images is decoded, resized,
 * run through the model and written out before the next is read, so memory stays bounded however
 * many images there are. Each result goes to the CSV writer (if any) and to a listener (if any).
 *
 * <pre>
 * try (Classifier model = Classification.openModel(folder, "auto", "auto", "auto", 8, System.err::println)) {
 *     Classification.Result r = Classification.run(model, Input.of(ImageList.folder(images)),
 *         Thresholds.parse("auto", model.thresholds(), "classify"), writer, null, null, progress, 16);
 * }
 * </pre>
 */
public final class Classification {

	private Classification() {}

	/**
	 * What a run did.
	 *
	 * @param images images classified
	 * @param predictedDefect images with prediction 1
	 * @param labelled images with a known label (0 when the input had none)
	 * @param correct labelled images whose prediction agrees with the label
	 * @param seconds time from the first image read to the last result written
	 */
	public record Result(int images, int predictedDefect, int labelled, int correct, double seconds) {

		public double imagesPerSecond() {
			return seconds <= 0 ? Double.NaN : images / seconds;
		}
	}

	/**
	 * The images to classify, loaded batch by batch, with what the input says about each (their ids
	 * are the sources' ids).
	 *
	 * @param description where the images come from (list CSV, folder, open image), for messages
	 */
	public record Input(List<? extends ImageSource> images, List<Truth> truth, String description) {

		public Input {
			if (images.isEmpty()) throw new InputException(description + " holds no image to classify.");
			if (truth.size() != images.size()) throw new IllegalArgumentException(images.size() + " images but "
				+ truth.size() + " truths.");
		}

		/** The files of a list CSV or folder, with their truth. */
		public static Input of(ImageList list) {
			return new Input(list.entries().stream().map(e -> ImageSource.file(e.file())).toList(),
				list.entries().stream().map(ImageList.Entry::truth).toList(), list.source().toString());
		}

		/** Images without truth, e.g. the slices of an open stack. */
		public static Input of(List<? extends ImageSource> images, String description) {
			return new Input(images, java.util.Collections.nCopies(images.size(), Truth.UNKNOWN), description);
		}

		public int size() {
			return images.size();
		}

		/** True when every image has a known image-level label. */
		public boolean hasTruth() {
			return truth.stream().allMatch(Truth::knowsDefect);
		}
	}

	/**
	 * Opens a model folder for classification; every problem with it (missing folder, not a
	 * SavedModel, wrong input shape, unknown preprocessing) is one sentence naming the folder.
	 *
	 * @param preprocess auto (from model.json), xception, unit or none
	 * @param device auto, cpu or gpu
	 * @param precision auto (the model's training precision where the processor runs it natively,
	 *        else fp32), fp32 or bf16
	 * @param log gets the line saying where TensorFlow runs
	 */
	public static Classifier openModel(Path folder, String preprocess, String device, String precision, int batch,
		Consumer<String> log)
	{
		Classifier.Options o = Classifier.Options.defaults().withBatchSize(batch).withDevice(TensorFlowRuntime.Device.parse(device))
			.withPreprocessing(parsePreprocess(preprocess)).withPrecision(TensorFlowRuntime.Precision.parse(precision));
		try {
			return Classifier.open(folder, o, log);
		}
		catch (IOException e) {
			// the core names its option preprocessing=, the commands' key is preprocess=
			String m = e.getMessage() == null ? "Cannot open model " + folder + "." : e.getMessage();
			throw new InputException(m.replace("preprocessing=", "preprocess="), e);
		}
	}

	/** auto|xception|unit|none; auto is null (model.json decides). */
	public static Preprocessing parsePreprocess(String text) {
		String t = text == null ? "auto" : text.trim().toLowerCase(java.util.Locale.ROOT);
		switch (t) {
			case "": case "auto": return null;
			case "xception": return Preprocessing.XCEPTION;
			case "unit": return Preprocessing.UNIT;
			case "none": return Preprocessing.NONE;
			default: throw new InputException("Option preprocess must be auto, xception, unit or none, not '" + text + "'.");
		}
	}

	/**
	 * Classifies every image of the list in order, decoding up to {@code prefetch} images ahead on
	 * background threads while the model runs (give two batches' worth: the images of the next
	 * batches are ready when it is done).
	 *
	 * @param csv where the predictions CSV goes, header first (null: no CSV)
	 * @param listener gets each result as it comes (null: none)
	 * @param heatmaps gets each image's heatmaps (with the image's size, for calibration) right
	 *        after {@code listener} got its result (null: none asked for)
	 * @throws InputException naming the file when an image cannot be read, or when heatmaps are
	 *         asked of a model that has none
	 */
	public static Result run(Classifier model, Input images, Thresholds thresholds, Writer csv,
		Consumer<ClassifiedImage> listener, BiConsumer<ClassifiedImage, ImageHeatmap> heatmaps, Progress progress, int prefetch)
	{
		if (thresholds.size() != model.outputs()) throw new IllegalArgumentException("Got " + thresholds.size()
			+ " thresholds for a model with " + model.outputs() + " outputs.");
		if (heatmaps != null) {
			if (!model.hasHeatmaps()) throw new InputException(model.noHeatmapsMessage());
			try {
				model.enableHeatmaps();
			}
			catch (IllegalStateException e) {
				throw new InputException(e.getMessage(), e);
			}
		}
		boolean labelled = images.hasTruth();
		List<? extends ImageSource> sources = images.images();
		int[] counts = new int[4]; // done, predicted, labelled, correct
		long start = System.nanoTime();
		// decode the next two batches while the model runs on this one, on threads that leave most cores to TensorFlow
		try (Prefetcher prefetched = new Prefetcher(sources, model.inputHeight(), model.inputWidth(),
			prefetch, Math.min(4, Runtime.getRuntime().availableProcessors() / 4)))
		{
			if (csv != null) Csv.writeRow(csv, PredictionCsv.header(model.outputs(), labelled));
			model.classify(prefetched, p -> {
				ClassifiedImage c = ClassifiedImage.of(sources.get(counts[0]).id(), p.probabilities(), thresholds,
					images.truth().get(counts[0]));
				counts[0]++;
				if (c.prediction()) counts[1]++;
				if (c.truth().knowsDefect()) {
					counts[2]++;
					if (c.correct()) counts[3]++;
				}
				try {
					if (csv != null) Csv.writeRow(csv, PredictionCsv.fields(c, labelled));
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				if (listener != null) listener.accept(c);
				if (heatmaps != null) {
					int[] size = prefetched.imageSize(counts[0] - 1);
					heatmaps.accept(c, new ImageHeatmap(c.imageId(), p.heatmap(), size[1], size[0]));
				}
				progress.progress(counts[0], sources.size());
				if (counts[0] % 100 == 0) progress.status("Classified " + counts[0] + "/" + sources.size() + " images");
				progress.checkCanceled();
			});
			try {
				if (csv != null) csv.flush();
			}
			catch (IOException e) {
				throw new UncheckedIOException(io.github.steeldefects.io.IoFaults.message("writing", java.nio.file.Path.of("the predictions CSV"), e), e);
			}
		}
		catch (IOException e) {
			// the classifier reads images: its message names the file
			String m = e.getMessage() == null ? "An image could not be read" : e.getMessage().strip();
			if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
			throw new InputException(m + "; replace or remove that file (or leave it out of the list) and run again.", e);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(counts[0], counts[1], counts[2], counts[3], seconds);
	}
}
