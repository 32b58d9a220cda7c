package io.github.steeldefects.classify;

import java.nio.file.Path;
import java.util.SortedMap;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.data.SeverstalCsv;

/** The true defect masks of a Severstal train.csv (either version), decoded per image when asked. */
public final class TrueMasks {

	private final SeverstalCsv csv;
	private final SortedMap<String, String[]> rles;

	private TrueMasks(SeverstalCsv csv) {
		this.csv = csv;
		this.rles = csv.masks();
	}

	/** Reads and checks the CSV; errors name the file and line. */
	public static TrueMasks read(Path trainCsv) {
		return new TrueMasks(SeverstalCsv.read(trainCsv));
	}

	/**
	 * The four class masks of an image of that size (row-major, 1 = defect), null where the class
	 * is absent; all null for an image the CSV does not name (the new CSV lists defects only).
	 */
	public byte[][] classMasks(String imageId, int width, int height) {
		byte[][] out = new byte[SeverstalCsv.CLASSES][];
		String[] r = rles.get(imageId);
		if (r == null) return out;
		for (int k = 0; k < out.length; k++) {
			if (r[k] == null || r[k].isBlank()) continue;
			try {
				out[k] = Rle.decode(r[k], width, height);
			}
			catch (Rle.RleFormatException e) {
				throw new InputException(csv.file() + " line " + csv.line(imageId, k + 1) + ", image " + imageId + ", class " + (k + 1)
					+ ": " + e.getMessage() + " (the image is " + width + " x " + height + "); give the masks of these images.");
			}
		}
		return out;
	}
}
