package io.github.steeldefects.commands;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.masks.LabelMaskFolder;

/**
 * Export Label Masks: one 8-bit label PNG per image ({@code <image id without extension>.png};
 * 0 background, k = class k) from {@code train.csv} and the images folder.
 */
@Plugin(type = Command.class, headless = true, name = "masks", label = "Export Label Masks...", priority = 90,
	description = "Writes one 8-bit label PNG per image (0 background, k = class k).")
public class MasksCommand extends SteelCommand {

	@Parameter(label = "csv", description = "Severstal train.csv (either version)", persist = false, style = "open")
	private File csv;

	@Parameter(label = "images", description = "folder of the images (train_images); gives the image ids and size", persist = false, style = "directory")
	private File images;

	@Parameter(label = "out", description = "folder for the label PNGs (created if needed)", persist = false, style = "directory")
	private File out;

	@Parameter(label = "overwrite", description = "replace existing PNGs of the same names", persist = false, required = false)
	private boolean overwrite = false;

	@Override
	protected void execute() {
		if (out.toPath().toAbsolutePath().normalize().equals(images.toPath().toAbsolutePath().normalize()))
			throw new InputException(out + " is the images folder; give another folder for the label PNGs.");
		DefectTable table = DefectTable.load(csv.toPath(), images.toPath(), progress());
		// refuse existing outputs before the work starts
		io.github.steeldefects.io.AtomicFiles.checkWritable(LabelMaskFolder.targets(table, out.toPath()), overwrite);
		int n = LabelMaskFolder.export(table, out.toPath(), overwrite, progress());
		setSummary("Wrote " + n + " label masks (" + table.imageSize() + ", 0 background, k = class k) to " + out + ".");
	}
}
