package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;

/**
 * Plugins &gt; Steel Defects &gt; Run Pipeline...: the reference notebook's whole pipeline on a
 * dataset in the Severstal layout, each step being the command of the same name run with the
 * options a user would give it (so the steps' own files are what a user would get step by step):
 * import, split, train, classify (test split), evaluate (train / validation / test).
 */
@Plugin(type = Command.class, headless = true, name = "pipeline", label = "Run Pipeline...", priority = 10, attrs = @Attr(name = Commands.TENSORFLOW),
	description = "Import, split, train, classify and evaluate in one go, e.g. on the bundled sample data.")
public class PipelineCommand extends SteelCommand {

	@Parameter(label = "data", description = "folder with train.csv and train_images/ (e.g. sample-data)", persist = false,
		style = "directory")
	private File data;

	@Parameter(label = "out", description = "folder for every result (table, splits, model, predictions, F1 table)",
		persist = false, style = "directory")
	private File out;

	@Parameter(label = "size", description = "network input, height x width", persist = false, required = false)
	private String size = "128x256";

	@Parameter(label = "weights", description = "Keras ImageNet notop h5 file, or none for random initialisation",
		persist = false, required = false)
	private String weights = "none";

	@Parameter(label = "epochs", description = "most epochs of head training", persist = false, min = "1", required = false)
	private int epochs = 40;

	@Parameter(label = "augment", description = "augmentation of the extra training copies, or none", persist = false,
		required = false)
	private String augment = "hflip vflip brightness=0.1 contrast=0.1";

	@Parameter(label = "variants", description = "augmented copies of each training image", persist = false, min = "0",
		required = false)
	private int variants = 1;

	@Parameter(label = "device", description = "where TensorFlow runs", persist = false,
		choices = { "auto", "cpu", "gpu" }, required = false)
	private String device = "auto";

	@Parameter(label = "precision", description = "arithmetic of the network: auto (bf16 where the processor runs it natively), fp32 or bf16",
		persist = false, choices = { "auto", "fp32", "bf16" }, required = false)
	private String precision = "auto";

	@Parameter(label = "seed", description = "random seed of every step", persist = false, required = false)
	private long seed = 0;

	@Parameter(label = "overwrite", description = "replace the results of an earlier run in out", persist = false,
		required = false)
	private boolean overwrite = false;

	private StepListener steps;

	/** Hears each step before and after it runs (Fiji shows each step's tables and plots as the single command does). */
	public interface StepListener {

		void before(String step, SteelCommand command);

		/** Shows what the step did (its summary included). */
		void after(String step, SteelCommand command);
	}

	public void setStepListener(StepListener listener) {
		this.steps = listener;
	}

	@Override
	protected void execute() throws IOException {
		Path d = data.toPath(), o = out.toPath();
		if (!Files.isRegularFile(d.resolve("train.csv")) || !Files.isDirectory(d.resolve("train_images")))
			throw new InputException(d + " does not hold train.csv and train_images/; give a folder in the Severstal layout, e.g. data=sample-data.");
		Path table = o.resolve("table.csv"), split = o.resolve("split"), model = o.resolve("model");
		Path predictions = o.resolve("predictions_test.csv"), f1 = o.resolve("f1.csv");
		AtomicFiles.checkWritable(List.of(table, split.resolve("x_train.csv"), split.resolve("x_val.csv"),
			split.resolve("x_test.csv"), model, predictions, f1), overwrite);
		// out= is created by the first step that writes into it, so bad input leaves no empty folder behind
		boolean created = !Files.exists(o);
		try {
			steps(d, o, table, split, model, predictions, f1);
		}
		catch (InputException e) {
			if (created) AtomicFiles.deleteTree(o);
			throw e;
		}
	}

	private void steps(Path d, Path o, Path table, Path split, Path model, Path predictions, Path f1) {
		String images = d.resolve("train_images").toString();
		String ow = String.valueOf(overwrite);

		step("import", "csv", d.resolve("train.csv").toString(), "images", images, "table", table.toString(),
			"overwrite", ow);
		// small datasets have strata of one image (e.g. a single 1_3 image): pool them, and say so
		step("split", "table", table.toString(), "out", split.toString(), "seed", String.valueOf(seed), "rare", "merge",
			"overwrite", ow);
		step("train", "train", split.resolve("x_train.csv").toString(), "val", split.resolve("x_val.csv").toString(),
			"images", images, "out", model.toString(), "weights", weights, "size", size, "epochs", String.valueOf(epochs),
			"augment", augment, "variants", String.valueOf(variants), "device", device, "precision", precision, "seed", String.valueOf(seed),
			"overwrite", ow);
		step("classify", "model", model.toString(), "images", images, "list", split.resolve("x_test.csv").toString(),
			"out", predictions.toString(), "device", device, "precision", precision, "overwrite", ow);
		SteelCommand evaluation = step("evaluate", "model", model.toString(), "images", images, "train",
			split.resolve("x_train.csv").toString(), "val", split.resolve("x_val.csv").toString(), "test",
			split.resolve("x_test.csv").toString(), "out", f1.toString(), "precision", precision, "overwrite", ow);
		setSummary("Pipeline finished; results in " + o + ".\n" + evaluation.summary());
	}

	private SteelCommand step(String name, String... keyValues) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) options.put(keyValues[i], keyValues[i + 1]);
		progress().log("== " + name + " " + options.entrySet().stream().map(e -> Options.format(e.getKey(), e.getValue()))
			.collect(Collectors.joining(" ")));
		SteelCommand c = CommandRunner.create(name, options);
		c.setProgress(progress());
		if (steps != null) steps.before(name, c);
		c.run();
		if (steps != null) steps.after(name, c);
		else if (!c.summary().isEmpty() && !name.equals("evaluate")) progress().log(c.summary());
		return c;
	}
}
