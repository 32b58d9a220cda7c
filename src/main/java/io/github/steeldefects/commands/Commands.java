package io.github.steeldefects.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.steeldefects.InputException;

/**
 * Every Steel Defects command: its name (the command-line verb), its menu label under
 * {@code Plugins > Steel Defects} (the name a macro's {@code run("...")} uses) and its class.
 * {@code plugins.config} lists the same entries; a test keeps the two in step.
 */
public final class Commands {

	/** One command. */
	public static final class Entry {

		public final String name;
		public final String menuLabel;
		public final String className;
		public final String description;

		Entry(String name, String menuLabel, String className, String description) {
			this.name = name;
			this.menuLabel = menuLabel;
			this.className = className;
			this.description = description;
		}

		/** The command class, or null when this build does not have it yet. */
		@SuppressWarnings("unchecked")
		public Class<? extends SteelCommand> commandClass() {
			try {
				return (Class<? extends SteelCommand>) Class.forName(className, true, Commands.class.getClassLoader());
			}
			catch (ClassNotFoundException e) {
				return null;
			}
		}
	}

	private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

	static {
		add("generate", "Generate Synthetic Data...", "GenerateCommand",
			"Writes a synthetic dataset in the Severstal layout (train_images/*.jpg, train.csv).");
		add("import", "Import Severstal Data...", "ImportCommand",
			"Reads train.csv and the images into the per-image table, with coloured defect overlays in Fiji.");
		add("masks", "Export Label Masks...", "MasksCommand",
			"Writes one 8-bit label PNG per image (0 background, k = class k).");
		add("encode", "Encode Label Masks...", "EncodeCommand",
			"Turns label images back into a Severstal train.csv.");
		add("split", "Split Dataset...", "SplitCommand",
			"Stratified train / validation / test split of the per-image table.");
		add("augment", "Augmentation Preview...", "AugmentCommand",
			"Shows what augmentation does to an image and its masks.");
		add("features", "Extract Features...", "FeaturesCommand",
			"Writes the pooled Xception features of each image.");
		add("train", "Train Classifier...", "TrainCommand",
			"Transfer-trains an Xception defect classifier.");
		add("classify", "Classify...", "ClassifyCommand",
			"Classifies images as defect / no defect with a trained model.");
		add("evaluate", "Evaluate Classifier...", "EvaluateCommand",
			"The F1 results table of a model on train / validation / test.");
		add("pipeline", "Run Pipeline...", "PipelineCommand",
			"Import, split, train, classify and evaluate in one go, e.g. on the bundled sample data.");
	}

	private Commands() {}

	private static void add(String name, String label, String simpleClass, String description) {
		ENTRIES.put(name, new Entry(name, label, "io.github.steeldefects.commands." + simpleClass, description));
	}

	/** Every command this build has, in menu order. */
	public static List<Entry> available() {
		List<Entry> out = new ArrayList<>();
		for (Entry e : ENTRIES.values())
			if (e.commandClass() != null) out.add(e);
		return Collections.unmodifiableList(out);
	}

	/** The command of that name, or a clear error that lists the commands there are. */
	public static Entry get(String name) {
		Entry e = ENTRIES.get(name == null ? "" : name.toLowerCase());
		if (e == null || e.commandClass() == null) {
			List<String> names = new ArrayList<>();
			for (Entry a : available()) names.add(a.name);
			throw new InputException("There is no command '" + name + "'; the commands are " +
				String.join(", ", names) + ".");
		}
		return e;
	}

	/** The command whose menu label is given, or null. */
	public static Entry byMenuLabel(String label) {
		for (Entry e : ENTRIES.values())
			if (e.menuLabel.equals(label)) return e;
		return null;
	}
}
