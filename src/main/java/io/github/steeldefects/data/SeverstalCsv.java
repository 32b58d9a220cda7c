package io.github.steeldefects.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;

/**
 * Severstal's {@code train.csv}, in either of its two versions:
 * <ul>
 * <li>new: {@code ImageId,ClassId,EncodedPixels}, one row per (image, class) with a defect;</li>
 * <li>old: {@code ImageId_ClassId,EncodedPixels}, four rows per image ({@code 0002cc93b.jpg_1} ..
 * {@code _4}), the mask empty where the class is absent.</li>
 * </ul>
 * Reading checks the structure (header, image ids, class ids, duplicate rows) and the syntax of
 * every run-length mask; whether the runs fit the image is checked once the image size is known
 * ({@link DefectTable#load}).
 */
public final class SeverstalCsv {

	/** The two layouts of the file. */
	public enum Format {
		/** {@code ImageId,ClassId,EncodedPixels}: defect rows only. */
		NEW,
		/** {@code ImageId_ClassId,EncodedPixels}: four rows per image. */
		OLD
	}

	public static final int CLASSES = 4;

	private final Path file;
	private final Format format;
	private final SortedMap<String, Rle.Runs[]> rles = new TreeMap<>();
	private SortedMap<String, ImageMasks> masks;
	private final Map<String, int[]> lines = new TreeMap<>();

	private SeverstalCsv(Path file, Format format) {
		this.file = file;
		this.format = format;
	}

	/** Reads and checks a {@code train.csv} of either version. */
	public static SeverstalCsv read(Path file) {
		Csv csv = Csv.read(file);
		Format format;
		if (csv.header().equals(java.util.List.of("ImageId", "ClassId", "EncodedPixels"))) format = Format.NEW;
		else if (csv.header().equals(java.util.List.of("ImageId_ClassId", "EncodedPixels"))) format = Format.OLD;
		else throw new InputException(file + " line 1: unknown header '" + String.join(",", csv.header()) +
			"'; a Severstal train.csv starts with ImageId,ClassId,EncodedPixels (new) or ImageId_ClassId,EncodedPixels (old).");
		SeverstalCsv out = new SeverstalCsv(file, format);
		for (int r = 0; r < csv.size(); r++) {
			String[] row = csv.row(r);
			int line = csv.line(r);
			String id;
			String classText;
			String rle;
			if (format == Format.NEW) {
				id = row[0].trim();
				classText = row[1].trim();
				rle = row[2].trim();
			}
			else {
				String key = row[0].trim();
				int us = key.lastIndexOf('_');
				if (us < 0) throw new InputException(file + " line " + line + ": '" + ImageIds.printable(key) +
					"' is not of the form <image id>_<class id>, like 0002cc93b.jpg_1; fix the ImageId_ClassId column.");
				id = key.substring(0, us);
				classText = key.substring(us + 1);
				rle = row[1].trim();
			}
			ImageIds.check(id, file, line);
			int cls = classId(classText, file, line, id);
			// the new format lists defect rows only: an empty mask there is a damaged row, not "no defect"
			if (format == Format.NEW && rle.isEmpty()) throw new InputException(file + " line " + line + ", image " + id +
				", class " + cls + ": EncodedPixels is empty, but this format lists defect rows only; give the mask or drop the row.");
			out.add(id, cls, rle, line);
		}
		SortedMap<String, ImageMasks> m = new TreeMap<>();
		for (Map.Entry<String, Rle.Runs[]> e : out.rles.entrySet()) m.put(e.getKey(), ImageMasks.ofRuns(e.getValue()));
		out.masks = Collections.unmodifiableSortedMap(m);
		return out;
	}

	private static int classId(String text, Path file, int line, String id) {
		int cls = -1;
		if (text.length() == 1 && text.charAt(0) >= '0' && text.charAt(0) <= '9') cls = text.charAt(0) - '0';
		if (cls < 1 || cls > CLASSES) throw new InputException(file + " line " + line + ", image " + id +
			": class id '" + ImageIds.printable(text) + "' is not one of 1, 2, 3, 4; fix the class id.");
		return cls;
	}

	private void add(String id, int cls, String rle, int line) {
		Rle.Runs[] r = rles.computeIfAbsent(id, k -> new Rle.Runs[CLASSES]);
		int[] l = lines.computeIfAbsent(id, k -> new int[CLASSES]);
		if (l[cls - 1] != 0) throw new InputException(file + " line " + line + ", image " + id + ": class " + cls +
			" is given a second time (first on line " + l[cls - 1] + "); keep one row per image and class.");
		l[cls - 1] = line;
		try {
			r[cls - 1] = Rle.parse(rle); // the one pass over the text: the runs are kept
		}
		catch (Rle.RleFormatException e) {
			throw new InputException(file + " line " + line + ", image " + id + ", class " + cls + ": " + e.getMessage() +
				"; fix the EncodedPixels.");
		}
	}

	public Path file() {
		return file;
	}

	public Format format() {
		return format;
	}

	/** Every image the file names (with or without defect), sorted by id, with its masks. */
	public SortedMap<String, ImageMasks> masks() {
		return masks;
	}

	/** The line of the row for (image, class), or 0 when there is none. */
	public int line(String imageId, int cls) {
		int[] l = lines.get(imageId);
		return l == null ? 0 : l[cls - 1];
	}

	/** The first line that names the image, or 0. */
	public int firstLine(String imageId) {
		int[] l = lines.get(imageId);
		return l == null ? 0 : java.util.Arrays.stream(l).filter(v -> v > 0).min().orElse(0);
	}

	/**
	 * Writes masks as a Severstal CSV: NEW gives one row per (image, class) with a defect, OLD four
	 * rows per image; images are written in id order.
	 */
	public static void write(Path target, boolean overwrite, Format format, SortedMap<String, ImageMasks> masks) {
		AtomicFiles.writeText(target, overwrite, w -> {
			if (format == Format.NEW) Csv.writeRow(w, "ImageId", "ClassId", "EncodedPixels");
			else Csv.writeRow(w, "ImageId_ClassId", "EncodedPixels");
			for (Map.Entry<String, ImageMasks> e : masks.entrySet()) {
				for (int c = 1; c <= CLASSES; c++) {
					String rle = e.getValue().rle(c);
					if (format == Format.NEW && !rle.isEmpty()) Csv.writeRow(w, e.getKey(), String.valueOf(c), rle);
					else if (format == Format.OLD) Csv.writeRow(w, e.getKey() + "_" + c, rle);
				}
			}
		});
	}
}
