package io.github.steeldefects.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.synth.SyntheticDataset;

/**
 * Generate Synthetic Data: writes a synthetic steel-strip dataset in the Severstal layout
 * ({@code train_images/*.jpg} and {@code train.csv}), the same files for the same seed.
 */
@Plugin(type = Command.class, headless = true, name = "generate", label = "Generate Synthetic Data...", priority = 110,
	description = "Writes a synthetic dataset in the Severstal layout (train_images/*.jpg, train.csv).")
public class GenerateCommand extends SteelCommand {

	@Parameter(label = "out", style = "directory", persist = false,
		description = "folder to create (new or empty) with train.csv and train_images/")
	private File out;

	@Parameter(label = "images", min = "1", persist = false, description = "number of images")
	private int images = 40;

	@Parameter(label = "seed", persist = false, description = "random seed; the same seed gives the same files")
	private long seed = 0;

	@Parameter(label = "format", choices = { "new", "old" }, persist = false,
		description = "train.csv layout: new = ImageId,ClassId,EncodedPixels; old = ImageId_ClassId,EncodedPixels")
	private String format = "new";

	@Parameter(label = "width", min = "32", persist = false, description = "image width in pixels")
	private int width = 1600;

	@Parameter(label = "height", min = "32", persist = false, description = "image height in pixels")
	private int height = 256;

	@Parameter(label = "overwrite", persist = false,
		description = "replace an existing dataset in out (a README.md there is kept)")
	private boolean overwrite = false;

	@Parameter(label = "difficulty", choices = { "default", "hard" }, persist = false, required = false,
		description = "default: defects seen at a glance; hard: defects that change the texture, not the brightness (pits, broken scratches, striated patches, mottles at the local mean and deviation) on uneven strip with roll marks")
	private String difficulty = "default";

	private SyntheticDataset.Summary result;

	@Override
	protected void execute() {
		SyntheticDataset.Format layout = SyntheticDataset.Format.parse(format);
		SyntheticDataset.checkOutput(out.toPath(), overwrite);
		SyntheticDataset.Difficulty level = SyntheticDataset.Difficulty.parse(difficulty);
		result = new SyntheticDataset(seed, images, width, height, level).write(out.toPath(), layout, overwrite, progress());
		setSummary(result.toString());
	}

	/** What was written; null before the command ran. */
	public SyntheticDataset.Summary result() {
		return result;
	}
}
