package io.github.steeldefects.classify;

import java.nio.file.Path;
import java.util.SortedMap;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.data.ImageSize;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.data.SeverstalCsv;

/** The true defect masks of a Severstal train.csv (either version), decoded per image when asked. */
public final class TrueMasks {

	private final SeverstalCsv csv;
	private final SortedMap<String, ImageMasks> masks;

	private TrueMasks(SeverstalCsv csv) {
		this.csv = csv;
		this.masks = csv.masks();
	}

	/** Reads and checks the CSV; errors name the file and line. */
	public static TrueMasks read(Path trainCsv) {
		return new TrueMasks(SeverstalCsv.read(trainCsv));
	}

	/**
	 * Checks, before any model is opened, the masks of a list's images: every run of an image's masks
	 * fits that image (its size read from the file header only), and every image the list calls
	 * defective has a mask here. A defective image without one would silently leave localization
	 * short (its pointing and Dice are not counted), so it is refused, naming the first and how many,
	 * unless {@code ignoreMissing}.
	 *
	 * @return how many of the list's defective images have no mask (0 unless {@code ignoreMissing})
	 */
	public int check(ImageList list, boolean ignoreMissing) {
		int defective = 0, missing = 0;
		String first = null;
		for (ImageList.Entry e : list.entries()) {
			ImageMasks m = masks.get(e.imageId());
			if (m != null && m.any()) {
				ImageSize size = ImageSize.read(e.file());
				classMasks(e.imageId(), size.width(), size.height());
			}
			if (e.truth().defect() != 1) continue;
			defective++;
			if (m == null || !m.any()) {
				missing++;
				if (first == null) first = e.imageId();
			}
		}
		if (missing > 0 && !ignoreMissing) throw new InputException(csv.file() + " has no mask for " + missing + " of the "
			+ defective + " defective images in " + list.source() + " (the first: " + first + "); give masks= the train.csv "
			+ "these images come from, or pass missing=ignore to score localization on the images that have a mask.");
		return missing;
	}

	/**
	 * The class masks of an image, checked against its size; {@link ImageMasks#NONE} for an image
	 * the CSV does not name (the new CSV lists defects only).
	 */
	public ImageMasks classMasks(String imageId, int width, int height) {
		ImageMasks m = masks.get(imageId);
		if (m == null) return ImageMasks.NONE;
		for (int c = 1; c <= ImageMasks.CLASSES; c++) {
			try {
				m.checkFits(c, width, height);
			}
			catch (Rle.RleFormatException e) {
				throw new InputException(csv.file() + " line " + csv.line(imageId, c) + ", image " + imageId + ", class " + c
					+ ": " + e.getMessage() + " (the image is " + width + " x " + height + "); give the masks of these images.");
			}
		}
		return m;
	}
}
