package io.github.steeldefects.commands;

import java.io.File;
import java.util.List;
import java.util.SortedMap;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.data.SeverstalCsv;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.masks.LabelMaskFolder;

/**
 * Encode Label Masks: a folder of 8-bit label PNGs back to a Severstal CSV; the image id of
 * {@code x.png} is {@code x.jpg}. Format new writes defect rows only, old four rows per image.
 */
@Plugin(type = Command.class, headless = true, name = "encode", label = "Encode Label Masks...", priority = 80,
	description = "Turns label images back into a Severstal train.csv.")
public class EncodeCommand extends SteelCommand {

	@Parameter(label = "masks", description = "folder of label PNGs (0 background, k = class k); empty in Fiji: the open image's class overlay", persist = false, required = false, style = "directory")
	private File masks;

	@Parameter(label = "out", description = "the CSV to write", persist = false, style = "save")
	private File out;

	@Parameter(label = "format", description = "new: ImageId,ClassId,EncodedPixels (defect rows only); old: ImageId_ClassId,EncodedPixels (4 rows per image)", persist = false, required = false, choices = { "new", "old" })
	private String format = "new";

	@Parameter(label = "overwrite", description = "replace an existing CSV", persist = false, required = false)
	private boolean overwrite = false;

	@Override
	protected void execute() {
		SortedMap<String, ImageMasks> open = masks == null ? FijiHooks.current().openImageMasks() : null;
		if (masks == null && open == null) throw new InputException(
			"The encode command needs masks=... (the folder of label PNGs); no folder was given and no image is open.");
		String f = format == null ? "new" : format;
		AtomicFiles.checkWritable(List.of(out.toPath()), overwrite);
		SortedMap<String, ImageMasks> rles = open != null ? open : LabelMaskFolder.encode(masks.toPath(), progress());
		SeverstalCsv.write(out.toPath(), overwrite, f.equals("new") ? SeverstalCsv.Format.NEW : SeverstalCsv.Format.OLD, rles);
		long defects = rles.values().stream().filter(ImageMasks::any).count();
		setSummary("Encoded " + rles.size() + (open != null ? " open image's overlay" : " label masks") + " (" + defects + " with a defect) to " + out + " (" + f + " format).");
	}
}
