package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.AugmentPreview;
import io.github.steeldefects.augment.MaskLookup;
import io.github.steeldefects.io.AtomicFiles;

/**
 * Plugins > Steel Defects > Augmentation Preview...: one image and N augmented variants of it with
 * their defect masks, exactly as training draws them (same config string, same seed).
 */
@Plugin(type = Command.class, headless = true, name = "augment", label = "Augmentation Preview...", priority = 60,
	description = "Shows what augmentation does to an image and its masks.")
public class AugmentCommand extends SteelCommand {

	@Parameter(label = "images", description = "folder of the images (e.g. train_images)", persist = false,
		style = "directory")
	private File images;

	@Parameter(label = "csv", description = "train.csv (either Severstal format) or the per-image table, for the masks; empty: no masks",
		persist = false, required = false, style = "open")
	private File csv;

	@Parameter(label = "image", description = "image id (file name); empty: the first image with a defect",
		persist = false, required = false)
	private String image = "";

	@Parameter(label = "augment", description = "hflip, vflip (=probability); brightness, contrast, noise, shift, zoom (=strength, @probability); none",
		persist = false)
	private String augment = AugmentConfig.DEFAULT;

	@Parameter(label = "n", description = "number of augmented variants", persist = false, min = "1", max = "64")
	private int n = 8;

	@Parameter(label = "seed", description = "random seed (training with the same seed draws the same variants)",
		persist = false)
	private long seed = 0;

	@Parameter(label = "out", description = "PNG file for the montage; empty: none (Fiji shows a stack)",
		persist = false, required = false, style = "save")
	private File out;

	@Parameter(label = "overwrite", description = "replace an existing montage file", persist = false)
	private boolean overwrite = false;

	private AugmentPreview preview;

	@Override
	protected void execute() throws IOException {
		if (!Files.isDirectory(images.toPath())) throw new InputException(images + " is not a folder; give images= the folder of the images.");
		AugmentConfig config = AugmentConfig.parse(augment);
		Path target = out == null ? null : out.toPath();
		if (target != null) AtomicFiles.checkWritable(List.of(target), overwrite);
		MaskLookup masks = csv == null ? null : MaskLookup.read(csv.toPath());
		String id = image == null ? "" : image.trim();
		if (id.isEmpty()) id = firstImage(masks);
		// nothing outside images= is read: the id is a plain file name, as in every list
		if (!io.github.steeldefects.data.ImageIds.isPlainFileName(id)) throw new InputException("image=" + id
			+ " is not a plain file name; give the name of an image directly inside " + images + ", like 0002cc93b.jpg.");
		AugmentPreview.Grey grey = AugmentPreview.read(images.toPath().resolve(id));
		byte[] labels = masks == null ? new byte[grey.pixels().length] : masks.labels(id, grey.width(), grey.height());
		preview = AugmentPreview.of(id, grey.pixels(), labels, grey.width(), grey.height(), config, seed, n);
		if (target != null) preview.writePng(target, overwrite);
		setSummary("Augmentation preview of " + id + " (" + grey.width() + " x " + grey.height() + "): " + n +
			" variants of '" + config + "', seed " + seed + (target == null ? "; no out= given, so no montage file" : ", montage written to " + target) +
			(masks == null ? "; no csv= given, so no masks" : ""));
	}

	/** The original and the variants, once the command ran. */
	public AugmentPreview preview() {
		return preview;
	}

	/** The first image with a defect in the csv, or the first image file of the folder. */
	private String firstImage(MaskLookup masks) throws IOException {
		if (masks != null) {
			for (String id : masks.imagesWithDefects())
				if (Files.isRegularFile(images.toPath().resolve(id))) return id;
		}
		try (Stream<Path> files = Files.list(images.toPath())) {
			return files.map(p -> p.getFileName().toString())
				.filter(f -> f.toLowerCase().matches(".*\\.(jpe?g|png|tiff?|bmp)")).sorted().findFirst()
				.orElseThrow(() -> new InputException(images + " holds no images; give images= the folder of the images."));
		}
	}
}
