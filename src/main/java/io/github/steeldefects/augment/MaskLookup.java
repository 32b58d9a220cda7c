package io.github.steeldefects.augment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.io.Csv;

/**
 * The label mask of one image from any of the three tables that carry run-length masks: the new
 * Severstal {@code train.csv} ({@code ImageId,ClassId,EncodedPixels}), the old one
 * ({@code ImageId_ClassId,EncodedPixels}) and the per-image table ({@code image_id,rle_1..rle_4}).
 * A small reader for the preview; the import command has the full one.
 */
public final class MaskLookup {

	private enum Layout { NEW, OLD, TABLE }

	private final Csv csv;
	private final Layout layout;

	public MaskLookup(Csv csv) {
		this.csv = csv;
		if (csv.has("ImageId") && csv.has("ClassId") && csv.has("EncodedPixels")) layout = Layout.NEW;
		else if (csv.has("ImageId_ClassId") && csv.has("EncodedPixels")) layout = Layout.OLD;
		else if (csv.has("image_id") && csv.has("rle_1")) layout = Layout.TABLE;
		else throw new InputException(csv.source() + " has neither the columns ImageId,ClassId,EncodedPixels nor " +
			"ImageId_ClassId,EncodedPixels nor image_id,rle_1..rle_4; give Severstal's train.csv or the per-image table.");
	}

	public static MaskLookup read(Path file) {
		return new MaskLookup(Csv.read(file));
	}

	/** Image ids with at least one mask, in file order. */
	public List<String> imagesWithDefects() {
		Set<String> ids = new LinkedHashSet<>();
		for (int r = 0; r < csv.size(); r++)
			for (Entry e : entries(r))
				if (!e.rle.isBlank()) ids.add(e.imageId);
		return new ArrayList<>(ids);
	}

	/**
	 * The row-major label mask of the image: 0 background, k where class k is; all 0 when the table
	 * does not list the image (an image without defects in the new format).
	 */
	public byte[] labels(String imageId, int width, int height) {
		byte[] mask = new byte[width * height];
		for (int r = 0; r < csv.size(); r++) {
			for (Entry e : entries(r)) {
				if (!e.imageId.equals(imageId) || e.rle.isBlank()) continue;
				try {
					Rle.decodeInto(e.rle, mask, width, height, (byte) e.classId);
				}
				catch (IllegalArgumentException ex) {
					throw new InputException(csv.source() + " line " + csv.line(r) + ": the class " + e.classId +
						" mask of image " + imageId + " cannot be used (" + ex.getMessage() +
						"); fix or remove that run-length mask.");
				}
			}
		}
		return mask;
	}

	private record Entry(String imageId, int classId, String rle) {}

	/** The masks on row r. */
	private List<Entry> entries(int r) {
		String[] row = csv.row(r);
		switch (layout) {
			case NEW:
				return List.of(new Entry(row[csv.column("ImageId")].trim(), classId(row[csv.column("ClassId")], r),
					row[csv.column("EncodedPixels")]));
			case OLD: {
				String key = row[csv.column("ImageId_ClassId")].trim();
				int u = key.lastIndexOf('_');
				if (u < 0) throw new InputException(csv.source() + " line " + csv.line(r) + ": '" + key +
					"' is not of the form <image id>_<class>; fix that ImageId_ClassId.");
				return List.of(new Entry(key.substring(0, u), classId(key.substring(u + 1), r),
					row[csv.column("EncodedPixels")]));
			}
			default: {
				List<Entry> out = new ArrayList<>();
				String id = row[csv.column("image_id")].trim();
				for (int c = 1; c <= 4; c++)
					if (csv.has("rle_" + c)) out.add(new Entry(id, c, row[csv.column("rle_" + c)]));
				return out;
			}
		}
	}

	private int classId(String s, int r) {
		try {
			int c = Integer.parseInt(s.trim());
			if (c >= 1 && c <= 255) return c;
		}
		catch (NumberFormatException e) {
			// fall through
		}
		throw new InputException(csv.source() + " line " + csv.line(r) + ": class '" + s +
			"' is not a class number from 1 to 255; fix the ClassId.");
	}
}
