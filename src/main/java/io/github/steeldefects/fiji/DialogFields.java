package io.github.steeldefects.fiji;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each dialog field says in words and in which group it stands. The macro key stays the
 * option name: the dialog gives GenericDialog the key as the field's label (the recorder writes
 * {@code lr=0.001}) and only the label shown on screen reads "Learning rate (lr)".
 */
final class DialogFields {

	/** Group headings, in the order the dialog shows them: what goes in, where results go, then how. */
	static final List<String> GROUPS = List.of("Data", "Output", "Model", "Training", "Split", "Options");

	private static final Map<String, String> LABELS = new HashMap<>();
	private static final Map<String, String> GROUP = new HashMap<>();

	private DialogFields() {}

	private static void field(String keys, String group, String label) {
		for (String key : keys.split(",")) {
			LABELS.put(key, label);
			GROUP.put(key, group);
		}
	}

	static {
		// key, or command.key where a command means something else by it
		field("csv", "Data", "Defect list (train.csv)");
		field("augment.csv", "Data", "Masks from (train.csv or table; empty: none)");
		field("images", "Data", "Images folder (train_images)");
		field("classify.images", "Data", "Images folder (empty: the open image)");
		field("generate.images", "Data", "Number of images");
		field("table", "Output", "Per-image table to write (table.csv)");
		field("split.table", "Data", "Per-image table (table.csv; empty: Results)");
		field("limit", "Data", "Open at most this many images (0 = all)");
		field("train", "Data", "Training list (x_train.csv)");
		field("val", "Data", "Validation list (x_val.csv)");
		field("split.val", "Split", "Validation fraction (of the rest)");
		field("test", "Data", "Test list (x_test.csv)");
		field("split.test", "Split", "Test fraction");
		field("split.seed", "Split", "Random seed");
		field("generate.seed", "Data", "Random seed");
		field("features.seed", "Model", "Seed of the random weights (weights=none)");
		field("list", "Data", "Image list (x_test.csv; optional)");
		field("data", "Data", "Data folder (train.csv + train_images)");
		field("masks", "Data", "Label PNG folder (empty: open image's overlay)");
		field("image", "Data", "Image id (empty: first with a defect)");
		field("predictions", "Data", "Predictions CSV (instead of a model)");
		field("truth", "Data", "Truth list (with predictions)");
		field("model", "Model", "Model folder (saved_model.pb + model.json)");
		field("weights", "Model", "ImageNet weights (.h5, or none)");
		field("size", "Model", "Network input (height x width)");
		field("outputs", "Model", "Outputs (1 = defect, 4 = classes)");
		field("device", "Model", "Run TensorFlow on");
		field("preprocess", "Model", "Pixel preprocessing");
		field("threshold", "Model", "Threshold (auto or 0..1)");
		field("finetune", "Model", "Xception blocks to fine-tune (0 = frozen, all)");
		field("dropout", "Model", "Dropout before the dense layer");
		field("batch", "Model", "Images per forward pass");
		field("train.batch", "Training", "Batch size");
		field("epochs", "Training", "Most epochs");
		field("lr", "Training", "Learning rate");
		field("augment", "Training", "Augmentation (e.g. hflip vflip brightness=0.2)");
		field("variants", "Training", "Augmented copies per image");
		field("balance", "Training", "Oversample defect images to share (0 = off)");
		field("weighting", "Training", "Class weighting in the loss");
		field("patience", "Training", "Patience (epochs without better F1)");
		field("resume", "Training", "Resume a killed run from its checkpoint");
		field("seed", "Training", "Random seed");
		field("stratify", "Split", "Stratify on column (or none)");
		field("rare", "Split", "Strata too small to split");
		field("n", "Training", "Augmented variants to show");
		field("width", "Data", "Image width (pixels)");
		field("height", "Data", "Image height (pixels)");
		field("format", "Output", "CSV format (new or old Severstal)");
		field("generate.format", "Output", "train.csv format (new or old Severstal)");
		field("cache", "Output", "Feature cache folder (empty: default)");
		field("out", "Output", "Output file");
		field("generate.out,masks.out,split.out,pipeline.out", "Output", "Output folder");
		field("train.out", "Output", "Model folder to write");
		field("classify.out", "Output", "Predictions CSV to write (empty: none)");
		field("evaluate.out", "Output", "F1 table CSV to write (empty: none)");
		field("features.out", "Output", "Features CSV to write");
		field("encode.out", "Output", "train.csv to write");
		field("augment.out", "Output", "Montage PNG (empty: stack only)");
		field("overwrite", "Output", "Replace existing output files");
		field("precision", "Model", "Arithmetic (auto: bf16 where the CPU has it)");
		field("heatmaps", "Output", "Heatmap TIFF folder (empty: none)");
		field("showheatmaps", "Output", "Show heatmaps over the open image");
		field("evaluate.masks", "Data", "True masks for heatmaps (train.csv; optional)");
		field("missing", "Data", "Truth images without a prediction");
		field("generate.difficulty", "Data", "Difficulty (hard: texture-only defects, uneven strip)");
		field("bn", "Model", "Batch norm of fine-tuned blocks");
		field("schedule", "Training", "Learning-rate schedule");
		field("warmup", "Training", "Warm-up epochs (cosine schedule)");
		field("clip", "Training", "Clip gradients to norm (0 = off)");
		field("head", "Training", "Head epochs before fine-tuning (0 = off)");
	}

	/** The label shown for a command's option, with the macro key in brackets. */
	static String label(String command, String key) {
		String words = words(command, key);
		if (words == null) words = Character.toUpperCase(key.charAt(0)) + key.substring(1);
		return words + " [" + key + "]";
	}

	/** The words written for a command's option, or null where none were (the label is then the bare key). */
	static String words(String command, String key) {
		return LABELS.getOrDefault(command + "." + key, LABELS.get(key));
	}

	/** The group heading a command's option stands under. */
	static String group(String command, String key) {
		return GROUP.getOrDefault(command + "." + key, GROUP.getOrDefault(key, "Options"));
	}

	/** True for options that name a file (a Browse button) though typed as text, e.g. weights. */
	static boolean isFile(String key) {
		return key.equals("weights");
	}
}
