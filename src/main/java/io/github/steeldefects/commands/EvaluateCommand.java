package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.classify.Classification;
import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.Localization;
import io.github.steeldefects.classify.TrueMasks;
import io.github.steeldefects.classify.Thresholds;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.model.infer.Classifier;

/**
 * Plugins > Steel Defects > Evaluate Classifier...: the F1 results table
 * ({@value Evaluation#HEADER}) of a model on any of the train / val / test list CSVs, or of a
 * predictions CSV already written by classify against a truth CSV. See {@link Evaluation} for the
 * rows and for when a score is NaN.
 */
@Plugin(type = Command.class, headless = true, name = "evaluate", label = "Evaluate Classifier...", priority = 20, attrs = @Attr(name = Commands.TENSORFLOW),
	description = "The F1 results table of a model on train / validation / test.")
// with masks=train.csv the table gains the heatmaps' localization columns (see Localization)
public class EvaluateCommand extends SteelCommand {

	@Parameter(label = "model", description = "model folder written by train (with train=, val=, test=)", persist = false,
		required = false, style = "directory")
	private File model;

	@Parameter(label = "images", description = "folder holding the images the split lists name", persist = false,
		required = false, style = "directory")
	private File images;

	@Parameter(label = "train", description = "x_train.csv (image_id, defect)", persist = false, required = false, style = "open")
	private File train;

	@Parameter(label = "val", description = "x_val.csv (image_id, defect)", persist = false, required = false, style = "open")
	private File val;

	@Parameter(label = "test", description = "x_test.csv (image_id, defect)", persist = false, required = false, style = "open")
	private File test;

	@Parameter(label = "predictions", description = "instead of a model: a predictions CSV written by classify", persist = false,
		required = false, style = "open")
	private File predictions;

	@Parameter(label = "truth", description = "with predictions=: the list CSV with the true defect labels", persist = false,
		required = false, style = "open")
	private File truth;

	@Parameter(label = "threshold", description = "defect when probability >= threshold; auto: the model's (or the prediction column)",
		persist = false)
	private String threshold = "auto";

	@Parameter(label = "batch", description = "images per forward pass", persist = false, min = "1")
	private int batch = 8;

	@Parameter(label = "device", description = "where TensorFlow runs", persist = false, choices = { "auto", "cpu", "gpu" })
	private String device = "auto";

	@Parameter(label = "precision", description = "arithmetic: auto (the model's, where the processor runs bf16 natively), fp32 or bf16",
		persist = false, choices = { "auto", "fp32", "bf16" })
	private String precision = "auto";

	@Parameter(label = "preprocess", description = "pixel preprocessing; auto: as model.json says", persist = false,
		choices = { "auto", "xception", "unit", "none" })
	private String preprocess = "auto";

	@Parameter(label = "out", description = "F1 table CSV to write (empty: none, table only shown)", persist = false,
		required = false, style = "save")
	private File out;

	@Parameter(label = "overwrite", description = "replace an existing F1 table CSV", persist = false)
	private boolean overwrite = false;

	@Parameter(label = "missing", description = "with predictions=: truth images without a prediction are an error, or ignored; "
		+ "with masks=: defective images without a mask are an error, or left out of localization",
		persist = false, choices = { "error", "ignore" })
	private String missing = "error";

	@Parameter(label = "masks", description = "with model=: Severstal train.csv (either version) with the true masks; adds "
		+ "the heatmaps' localization columns pointing and dice", persist = false, required = false, style = "open")
	private File masks;

	private final List<Evaluation.Split> splits = new ArrayList<>();
	private final List<Evaluation.Row> rows = new ArrayList<>();
	private final List<Localization.Tally> tallies = new ArrayList<>();
	private Map<String, Localization.Score> localization;
	private final List<String> warnings = new ArrayList<>();

	@Override
	protected void execute() throws IOException {
		Thresholds.check(threshold, "evaluate");
		Path target = out == null ? null : out.toPath();
		if (target != null) AtomicFiles.checkWritable(List.of(target), overwrite);

		if (predictions != null || truth != null) {
			if (predictions == null || truth == null) throw new InputException(
				"The evaluate command needs both predictions=... (the CSV classify wrote) and truth=... (the list CSV with defect).");
			if (masks != null) throw new InputException("The evaluate command scores heatmaps against masks= only with model=...: "
				+ "a predictions CSV holds no heatmaps.");
			if (model != null || train != null || val != null || test != null) throw new InputException(
				"The evaluate command takes either predictions= and truth=, or model= with train=, val= or test=, not both.");
			splits.add(Evaluation.fromCsv(Evaluation.splitName(truth.toPath()), predictions.toPath(), truth.toPath(), threshold,
				"ignore".equals(missing)));
		}
		else evaluateModel();

		for (Evaluation.Split s : splits) rows.addAll(s.rows());
		if (masks != null) localization = Localization.scores(tallies);
		if (target != null) AtomicFiles.writeText(target, overwrite, w -> Evaluation.writeCsv(w, rows, localization));
		String undefined = Evaluation.explainUndefined(rows);
		setSummary("F1 results (counts over each whole split; prediction = probability >= threshold):\n"
			+ Evaluation.toText(rows, localization) + undefined
			+ (localization == null ? "" : "Localization over the images with a true defect: pointing = share whose hottest "
				+ "heatmap cell covers a defect pixel; dice = heatmap above logit 0 against the true mask.\n")
			+ (warnings.isEmpty() ? "" : String.join("\n", warnings) + "\n")
			+ (target == null ? "" : "Table written to " + target));
	}

	private void evaluateModel() {
		if (model == null) throw new InputException("The evaluate command needs model=... with train=, val= or test= "
			+ "(or predictions= and truth=).");
		Map<String, File> lists = new LinkedHashMap<>();
		if (train != null) lists.put("train", train);
		if (val != null) lists.put("val", val);
		if (test != null) lists.put("test", test);
		if (lists.isEmpty()) throw new InputException("The evaluate command needs at least one of train=, val=, test= "
			+ "(list CSVs with image_id and defect) next to model=.");
		if (images == null) throw new InputException("The evaluate command needs images=... (the folder that holds the images "
			+ "the split lists name).");
		// read and check every list, and the masks against them, before the slow part
		TrueMasks trueMasks = masks == null ? null : TrueMasks.read(masks.toPath());
		Map<String, Classification.Input> inputs = new LinkedHashMap<>();
		for (Map.Entry<String, File> e : lists.entrySet()) {
			ImageList list = ImageList.listCsv(e.getValue().toPath(), images.toPath());
			if (!list.hasTruth()) throw new InputException(e.getValue() + " has no column 'defect' (nor defect_1..defect_4); "
				+ "give " + e.getKey() + "= a list CSV from the split.");
			inputs.put(e.getKey(), Classification.Input.of(list));
			int unmasked = trueMasks == null ? 0 : trueMasks.check(list, "ignore".equals(missing));
			if (unmasked > 0) warnings.add("Warning: " + unmasked + " defective image" + (unmasked == 1 ? "" : "s") + " of "
				+ e.getKey() + " " + (unmasked == 1 ? "has" : "have") + " no mask in " + masks + " (missing=ignore): localization of "
				+ e.getKey() + " leaves " + (unmasked == 1 ? "it" : "them") + " out.");
		}
		for (String w : warnings) progress().log(w);
		try (Classifier classifier = Classification.openModel(model.toPath(), preprocess, device, precision, batch,
			progress()::log)) {
			Thresholds thresholds = Thresholds.parse(threshold, classifier.thresholds(), "evaluate");
			if (trueMasks != null && !classifier.hasHeatmaps()) throw new InputException(classifier.noHeatmapsMessage());
			for (Map.Entry<String, Classification.Input> e : inputs.entrySet()) {
				progress().log("Evaluating " + classifier.folder().getFileName() + " on " + e.getKey() + " (" + e.getValue().size()
					+ " images, threshold " + thresholds + ")");
				Evaluation.Split split = new Evaluation.Split(e.getKey(), thresholds.values());
				Localization.Tally tally = trueMasks == null ? null : new Localization.Tally(e.getKey(), classifier.outputs());
				Classification.run(classifier, e.getValue(), thresholds, null, split::add, tally == null ? null
					: (c, h) -> tally.add(h.heatmap(), trueMasks.classMasks(h.imageId(), h.imageWidth(), h.imageHeight()),
						h.imageWidth(), h.imageHeight()), progress(), 2 * batch);
				if (tally != null) tallies.add(tally);
				splits.add(split);
			}
		}
	}

	/** The table rows, once run. */
	public List<Evaluation.Row> rows() {
		return Collections.unmodifiableList(rows);
	}

	/** Localization scores by row name ({@code split}, {@code split/class_k}); null unless masks= was given. */
	public Map<String, Localization.Score> localization() {
		return localization;
	}

	/** The split the threshold plot shows: val when given, else the first. */
	public Evaluation.Split plotSplit() {
		return splits.stream().filter(s -> s.name().equals("val")).findFirst().orElse(splits.isEmpty() ? null : splits.get(0));
	}
}
