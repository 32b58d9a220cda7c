package io.github.steeldefects.commands;

import java.io.File;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.data.ClassSummary;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.io.AtomicFiles;

/**
 * Import Severstal Data: {@code train.csv} (either version) + the images folder -> the per-image
 * defect table (written to {@code table=} when given) and the class summary. In Fiji the
 * ImportPresenter then opens the images as a virtual stack with coloured defect overlays.
 */
@Plugin(type = Command.class, headless = true, name = "import", label = "Import Severstal Data...", priority = 100,
	description = "Reads train.csv and the images into the per-image table, with coloured defect overlays in Fiji.")
public class ImportCommand extends SteelCommand {

	@Parameter(label = "csv", description = "Severstal train.csv (ImageId,ClassId,EncodedPixels or ImageId_ClassId,EncodedPixels)", persist = false, style = "open")
	private File csv;

	@Parameter(label = "images", description = "folder of the images (train_images)", persist = false, style = "directory")
	private File images;

	@Parameter(label = "table", description = "where to write the per-image table CSV (empty: not written)", persist = false, required = false, style = "save")
	private File table;

	@Parameter(label = "limit", description = "in Fiji, open at most this many images in the stack (0 = all); the table always holds every image", persist = false, required = false, min = "0")
	private int limit = 0;

	@Parameter(label = "overwrite", description = "replace an existing table file", persist = false, required = false)
	private boolean overwrite = false;

	private DefectTable result;
	private ClassSummary classSummary;

	@Override
	protected void execute() {
		if (table != null) AtomicFiles.checkWritable(List.of(table.toPath()), overwrite);
		result = DefectTable.load(csv.toPath(), images.toPath(), progress());
		classSummary = ClassSummary.of(result);
		if (table != null) result.write(table.toPath(), overwrite);
		setSummary("Imported " + result.size() + " images (" + result.imageSize() + ") from " + csv +
			(table != null ? "; table written to " + table : "") + ".\n" + classSummary.toText());
	}

	/** The per-image table, after a run. */
	public DefectTable table() {
		return result;
	}

	/** The class summary, after a run. */
	public ClassSummary classSummary() {
		return classSummary;
	}

	/** Images to open in Fiji (0 = all). */
	public int limit() {
		return limit;
	}
}
