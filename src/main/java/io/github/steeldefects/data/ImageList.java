package io.github.steeldefects.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.Csv;

/**
 * The images a step works on, as files with their true labels where the input gives them: the one
 * reader of image lists for training, feature extraction, classification and evaluation. Only
 * names are held; pixels are read when a step gets to them.
 * <p>
 * A list CSV (e.g. {@code x_test.csv} from the split) names images in its {@code image_id}
 * column; its {@code defect} column (0/1) gives the image-level truth and {@code defect_1..defect_4}
 * the per-class truth. Without {@code defect}, an image with any {@code defect_k = 1} counts as a
 * defect image.
 */
public final class ImageList {

	/** One image: its id (the file name), its file and what the list says about it. */
	public record Entry(String imageId, Path file, Truth truth) {

		/** The labels as a trainer wants them: {defect} for 1 output, {defect_1..defect_4} for 4; null without. */
		public float[] labels(int outputs) {
			if (outputs == 1 && truth.knowsDefect()) return new float[] { truth.defect() };
			if (outputs == 4 && truth.knowsClasses()) {
				float[] l = new float[4];
				for (int k = 0; k < 4; k++) l[k] = truth.classes()[k];
				return l;
			}
			return null;
		}
	}

	private final List<Entry> entries;
	private final Path source;

	private ImageList(List<Entry> entries, Path source) {
		this.entries = Collections.unmodifiableList(entries);
		this.source = source;
	}

	/** The image files (JPEG, PNG, TIFF, BMP, GIF) directly in a folder, sorted by name; no truth. */
	public static ImageList folder(Path folder) {
		if (!Files.isDirectory(folder)) throw new InputException("Image folder " + folder
			+ " does not exist; give images= the folder that holds the images.");
		List<Entry> entries = DefectTable.listImages(folder).stream()
			.map(name -> new Entry(name, folder.resolve(name), Truth.UNKNOWN)).toList();
		if (entries.isEmpty()) throw new InputException("Image folder " + folder
			+ " holds no JPEG, PNG or TIFF images; give images= the folder that holds them.");
		return new ImageList(entries, folder);
	}

	/**
	 * The images a list CSV names, read from {@code imagesFolder}. Every image must exist there
	 * (checked now, before any work): otherwise one sentence names the CSV line and the image id.
	 */
	public static ImageList listCsv(Path listCsv, Path imagesFolder) {
		Csv csv = Csv.read(listCsv);
		if (!Files.isDirectory(imagesFolder)) throw new InputException("Image folder " + imagesFolder
			+ " does not exist; give images= the folder that holds the images " + listCsv.getFileName() + " names.");
		int idColumn = csv.column("image_id");
		TruthColumns truthColumns = TruthColumns.of(csv);
		List<Entry> entries = new ArrayList<>(csv.size());
		java.util.Map<String, Integer> seen = new java.util.HashMap<>();
		for (int r = 0; r < csv.size(); r++) {
			String[] row = csv.row(r);
			String id = row[idColumn].trim();
			if (id.isEmpty()) throw new InputException(listCsv + " line " + csv.line(r)
				+ " has an empty image_id; give each row an image file name.");
			// nothing outside the images folder is ever read: ids are plain file names
			ImageIds.check(id, listCsv, csv.line(r));
			Integer first = seen.putIfAbsent(id, csv.line(r));
			if (first != null) throw new InputException(listCsv + " line " + csv.line(r) + " names image " + id
				+ " again (first on line " + first + "); list each image once.");
			Path file = imagesFolder.resolve(id);
			if (!Files.isRegularFile(file)) throw new InputException(listCsv + " line " + csv.line(r) + ": image " + id
				+ " is not in " + imagesFolder + "; give images= the folder that holds it.");
			entries.add(new Entry(id, file, truthColumns.read(csv, r)));
		}
		if (entries.isEmpty()) throw new InputException(listCsv + " lists no images (only a header); give a list CSV with image_id rows.");
		return new ImageList(entries, listCsv);
	}

	/**
	 * This list, when it has the labels a model of {@code outputs} outputs trains on; else one
	 * sentence naming the list CSV.
	 */
	public ImageList requireLabels(int outputs) {
		if (outputs == 1 && !hasTruth()) throw new InputException(source +
			" has no defect column (nor defect_1..defect_4); training needs labels: give a list written by the split command.");
		if (outputs == 4 && !hasClassTruth()) throw new InputException(source +
			" has no defect_1..defect_4 columns; outputs=4 needs the per-class labels of the per-image table.");
		return this;
	}

	/** The label columns of a list CSV: {@code defect} (-1 without) and {@code defect_1..defect_4} (null unless all four are there). */
	public record TruthColumns(int defect, int[] classes) {

		public static TruthColumns of(Csv csv) {
			int[] classes = null;
			if (csv.has("defect_1") && csv.has("defect_2") && csv.has("defect_3") && csv.has("defect_4")) {
				classes = new int[4];
				for (int c = 0; c < 4; c++) classes[c] = csv.column("defect_" + (c + 1));
			}
			return new TruthColumns(csv.has("defect") ? csv.column("defect") : -1, classes);
		}

		/** The labels of row {@code r}; without {@code defect}, any class makes a defect image. */
		public Truth read(Csv csv, int r) {
			String[] row = csv.row(r);
			int[] labels = null;
			if (classes != null) {
				labels = new int[4];
				for (int c = 0; c < 4; c++) labels[c] = label(csv.source(), csv.line(r), "defect_" + (c + 1), row[classes[c]]);
			}
			int d = -1;
			if (defect >= 0) d = label(csv.source(), csv.line(r), "defect", row[defect]);
			else if (labels != null) d = labels[0] | labels[1] | labels[2] | labels[3];
			return new Truth(d, labels);
		}
	}

	/** A 0/1 label; anything else names the file, line and column. */
	public static int label(Path file, int line, String column, String text) {
		String t = text.trim();
		switch (t) {
			case "0": case "0.0": case "False": case "false": return 0;
			case "1": case "1.0": case "True": case "true": return 1;
			default: throw new InputException(file + " line " + line + " has " + column + " '" + text
				+ "'; give 0 (no defect) or 1 (defect).");
		}
	}

	public List<Entry> entries() {
		return entries;
	}

	public int size() {
		return entries.size();
	}

	/** True when every image has a known image-level label. */
	public boolean hasTruth() {
		return entries.stream().allMatch(e -> e.truth().knowsDefect());
	}

	/** True when every image has known per-class labels. */
	public boolean hasClassTruth() {
		return entries.stream().allMatch(e -> e.truth().knowsClasses());
	}

	/** The list CSV or folder the images come from, for messages. */
	public Path source() {
		return source;
	}
}
