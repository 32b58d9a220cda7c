package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.Classification;
import io.github.steeldefects.classify.HeatmapFolder;
import io.github.steeldefects.classify.ImageHeatmap;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.ImageSource;

/**
 * Plugins > Steel Defects > Classify...: defect / no defect for each image of a folder, of a list
 * CSV (e.g. x_test.csv) or, in Fiji with images= empty, of each slice of the open image, with a
 * model folder written by train (or any SavedModel with one [N, H, W, 3] input and sigmoid outputs).
 * Writes the predictions CSV ({@code image_id,probability,prediction}, per-class columns for
 * four-output models, {@code truth,correct} when the list has labels); with {@code heatmaps=FOLDER}
 * one heatmap TIFF per image (see {@link io.github.steeldefects.classify.HeatmapTiff}), the folder
 * all-or-nothing. In Fiji the heatmaps of a classified open image are drawn over it unless
 * {@code showheatmaps=false}.
 */
@Plugin(type = Command.class, headless = true, name = "classify", label = "Classify...", priority = 30, attrs = @Attr(name = Commands.TENSORFLOW),
	description = "Classifies images as defect / no defect with a trained model.")
public class ClassifyCommand extends SteelCommand {

	/** The Results table shows at most this many rows; the CSV has them all. */
	public static final int MAX_KEPT_ROWS = 100_000;

	@Parameter(label = "model", description = "model folder written by train (saved_model.pb + model.json), or a TensorFlow SavedModel",
		persist = false, style = "directory")
	private File model;

	@Parameter(label = "images", description = "folder of images (JPEG, PNG, TIFF); in Fiji, empty: the open image or stack",
		persist = false, required = false, style = "directory")
	private File images;

	@Parameter(label = "list", description = "list CSV with column image_id (e.g. x_test.csv); images are read from images=",
		persist = false, required = false, style = "open")
	private File list;

	@Parameter(label = "out", description = "predictions CSV to write (empty: none, results only shown)", persist = false,
		required = false, style = "save")
	private File out;

	@Parameter(label = "threshold", description = "defect when probability >= threshold; auto: the model's threshold (model.json), else 0.5",
		persist = false)
	private String threshold = "auto";

	@Parameter(label = "batch", description = "images per forward pass", persist = false, min = "1")
	private int batch = 8;

	@Parameter(label = "device", description = "where TensorFlow runs", persist = false, choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(label = "precision", description = "arithmetic: auto (the model's, where the processor runs bf16 natively), fp32 or bf16",
		persist = false, choices = { "auto", "fp32", "bf16" })
	private String precision = "auto";

	@Parameter(label = "preprocess", description = "pixel preprocessing; auto: as model.json says (needed for other SavedModels)",
		persist = false, choices = { "auto", "xception", "unit", "none" })
	private String preprocess = "auto";

	@Parameter(label = "overwrite", description = "replace an existing predictions CSV", persist = false)
	private boolean overwrite = false;

	@Parameter(label = "heatmaps", description = "folder to write one heatmap TIFF per image into (empty: none)",
		persist = false, required = false, style = "directory")
	private File heatmaps;

	@Parameter(label = "showheatmaps", description = "in Fiji, draw the heatmaps over the classified open image",
		persist = false)
	private boolean showheatmaps = true;

	private final List<ClassifiedImage> kept = new ArrayList<>();
	private Classification.Result result;
	private boolean fromOpenImage;
	private int outputs;
	private Thresholds thresholds;
	private final List<ImageHeatmap> keptHeatmaps = new ArrayList<>();
	private List<String> classNames = List.of();

	@Override
	protected void execute() throws IOException {
		Thresholds.check(threshold, "classify");
		Path target = out == null ? null : out.toPath();
		if (target != null) AtomicFiles.checkWritable(List.of(target), overwrite);
		Path heatmapFolder = heatmaps == null ? null : heatmaps.toPath();
		if (heatmapFolder != null) {
			AtomicFiles.checkWritable(List.of(heatmapFolder), overwrite);
			HeatmapFolder.checkReplaceable(heatmapFolder);
			if (target != null && target.toAbsolutePath().normalize().startsWith(heatmapFolder.toAbsolutePath().normalize()))
				throw new InputException("The predictions CSV " + target + " lies inside the heatmaps folder " + heatmapFolder
					+ "; give out= a file outside it.");
		}
		Classification.Input input = input();
		if (heatmapFolder != null) HeatmapFolder.checkDistinct(input.images().stream().map(ImageSource::id).toList());

		long t0 = System.nanoTime();
		try (Classifier classifier = Classification.openModel(model.toPath(), preprocess, device, precision, batch,
			progress()::log)) {
			double loadSeconds = (System.nanoTime() - t0) / 1e9;
			outputs = classifier.outputs();
			thresholds = Thresholds.parse(threshold, classifier.thresholds(), "classify");
			progress().log("Classifying " + input.size() + " images from " + input.description() + " with " + classifier.folder()
				+ " (" + classifier.inputHeight() + " x " + classifier.inputWidth() + ", " + outputs + " output"
				+ (outputs == 1 ? "" : "s") + ", threshold " + thresholds + ", batch " + batch + ", " + classifier.precision().key() + ")");
			classNames = classifier.classNames();
			if (heatmapFolder != null && !classifier.hasHeatmaps()) throw new InputException(classifier.noHeatmapsMessage());
			boolean overlay = fromOpenImage && showheatmaps && classifier.hasHeatmaps();
			if (fromOpenImage && showheatmaps && !classifier.hasHeatmaps()) progress().log("No heatmap overlay: " + classifier.noHeatmapsMessage());
			if (heatmapFolder == null) runTo(classifier, input, target, overlay ? (c, h) -> keepHeatmap(h) : null);
			else AtomicFiles.writeFolder(heatmapFolder, overwrite, folder -> {
				HeatmapFolder tiffs = new HeatmapFolder(folder, classifier.classNames());
				runTo(classifier, input, target, (c, h) -> {
					tiffs.write(c, h);
					if (overlay) keepHeatmap(h);
				});
			});
			setSummary(String.format(java.util.Locale.ROOT,
				"Classified %d images: %d predicted defect (threshold %s)%s; %.1f images/s (%.1f s, model loaded in %.1f s)%s",
				result.images(), result.predictedDefect(), thresholds,
				result.labelled() > 0 ? String.format(java.util.Locale.ROOT, ", %d of %d correct", result.correct(), result.labelled()) : "",
				result.imagesPerSecond(), result.seconds(), loadSeconds, (target == null ? "" : "; predictions in " + target)
					+ (heatmapFolder == null ? "" : "; heatmaps in " + heatmapFolder)));
		}
	}

	private void runTo(Classifier classifier, Classification.Input input, Path target, BiConsumer<ClassifiedImage, ImageHeatmap> onHeatmap) {
		Consumer<ClassifiedImage> keep = c -> { if (kept.size() < MAX_KEPT_ROWS) kept.add(c); };
		if (target == null) result = Classification.run(classifier, input, thresholds, null, keep, onHeatmap, progress(), 2 * batch);
		else AtomicFiles.writeText(target, overwrite,
			w -> result = Classification.run(classifier, input, thresholds, w, keep, onHeatmap, progress(), 2 * batch));
	}

	private void keepHeatmap(ImageHeatmap h) {
		if (keptHeatmaps.size() < MAX_KEPT_ROWS) keptHeatmaps.add(h);
	}

	private Classification.Input input() {
		if (list != null) {
			if (images == null) throw new InputException("The classify command needs images=... (the folder that holds the images "
				+ list.getName() + " names).");
			return Classification.Input.of(ImageList.listCsv(list.toPath(), images.toPath()));
		}
		if (images != null) return Classification.Input.of(ImageList.folder(images.toPath()));
		// the slices of the image Fiji has open, through the Fiji face (commands never touch ImageJ)
		List<? extends ImageSource> open = FijiHooks.current().openImage();
		if (open == null) throw new InputException("The classify command needs images=... (a folder of images) or list=...; "
			+ "no images folder was given and no image is open.");
		fromOpenImage = true;
		return Classification.Input.of(open, "the open image");
	}

	/** Results of the first {@link #MAX_KEPT_ROWS} images, in input order. */
	public List<ClassifiedImage> classified() {
		return Collections.unmodifiableList(kept);
	}

	public Classification.Result result() {
		return result;
	}

	/** True when the open image's slices were classified (row i is slice i + 1). */
	public boolean fromOpenImage() {
		return fromOpenImage;
	}

	public int outputs() {
		return outputs;
	}

	/** Heatmaps of the open image's slices (slice i + 1 is row i), for the overlay; empty when not asked or not available. */
	public List<ImageHeatmap> heatmaps() {
		return Collections.unmodifiableList(keptHeatmaps);
	}

	/** The model's class names (the heatmap slices' order). */
	public List<String> classNames() {
		return classNames;
	}

	public Thresholds thresholds() {
		return thresholds;
	}

	/** Whether the input had labels (truth and correct columns). */
	public boolean labelled() {
		return result != null && result.labelled() == result.images() && result.images() > 0;
	}
}
