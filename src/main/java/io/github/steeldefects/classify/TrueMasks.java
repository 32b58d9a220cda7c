package io.github.steeldefects.classify;

import java.nio.file.Path;
import java.util.SortedMap;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageMasks;
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
