package io.github.steeldefects.classify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageIds;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.infer.ImageSource;

/**
 * The images to classify, each with its id and, where the input says, its true labels. Only the
 * names are held; pixels are read batch by batch when the classifier gets to them.
 * <p>
 * A list CSV (e.g. {@code x_test.csv} from the split) names images in its {@code image_id}
 * column; its {@code defect} column (0/1) gives the image-level truth and {@code defect_1..defect_4}
 * the per-class truth. Without {@code defect}, an image with any {@code defect_k = 1} counts as a
 * defect image.
 */
public final class ImageList {

	/** One image to classify. */
	public record Item(String imageId, ImageSource source, Truth truth) {}

	private final List<Item> items;
	private final String description;

	private ImageList(List<Item> items, String description) {
		this.items = Collections.unmodifiableList(items);
		this.description = description;
	}

	/** The image files (JPEG, PNG, TIFF, BMP, GIF) directly in a folder, sorted by name; no truth. */
	public static ImageList folder(Path folder) {
		if (!Files.isDirectory(folder)) throw new InputException("Image folder " + folder
			+ " does not exist; give images= the folder that holds the images.");
		List<Item> items = new ArrayList<>();
		for (String name : DefectTable.listImages(folder))
			items.add(new Item(name, ImageSource.file(folder.resolve(name)), Truth.UNKNOWN));
		if (items.isEmpty()) throw new InputException("Image folder " + folder
			+ " holds no JPEG, PNG or TIFF images; give images= the folder that holds them.");
		return new ImageList(items, folder.toString());
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
		int defectColumn = csv.has("defect") ? csv.column("defect") : -1;
		int[] classColumns = null;
		if (csv.has("defect_1") && csv.has("defect_2") && csv.has("defect_3") && csv.has("defect_4")) {
			classColumns = new int[4];
			for (int c = 0; c < 4; c++) classColumns[c] = csv.column("defect_" + (c + 1));
		}
		List<Item> items = new ArrayList<>(csv.size());
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
			int[] classes = null;
			if (classColumns != null) {
				classes = new int[4];
				for (int c = 0; c < 4; c++) classes[c] = label(listCsv, csv.line(r), "defect_" + (c + 1), row[classColumns[c]]);
			}
			int defect = -1;
			if (defectColumn >= 0) defect = label(listCsv, csv.line(r), "defect", row[defectColumn]);
			else if (classes != null) defect = (classes[0] | classes[1] | classes[2] | classes[3]);
			items.add(new Item(id, ImageSource.file(file), new Truth(defect, classes)));
		}
		if (items.isEmpty()) throw new InputException(listCsv + " lists no images (only a header); give a list CSV with image_id rows.");
		return new ImageList(items, listCsv.toString());
	}

	/** Images already in memory (e.g. the slices of an open stack); no truth. */
	public static ImageList of(List<? extends ImageSource> sources, String description) {
		List<Item> items = new ArrayList<>(sources.size());
		for (ImageSource s : sources) items.add(new Item(s.id(), s, Truth.UNKNOWN));
		if (items.isEmpty()) throw new InputException(description + " holds no image to classify.");
		return new ImageList(items, description);
	}

	/** Given items (ids, sources and truth), e.g. a caller's own list. */
	public static ImageList ofItems(List<Item> items, String description) {
		if (items.isEmpty()) throw new InputException(description + " holds no image to classify.");
		return new ImageList(new ArrayList<>(items), description);
	}

	/** One in-memory image per id, for tests and callers that hold pixels. */
	public static ImageList ofImages(List<String> ids, List<RgbImage> images, List<Truth> truth) {
		List<Item> items = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++)
			items.add(new Item(ids.get(i), ImageSource.of(ids.get(i), images.get(i)), truth == null ? Truth.UNKNOWN : truth.get(i)));
		return new ImageList(items, "images in memory");
	}

	/** A 0/1 label; anything else names the file, line and column. */
	static int label(Path file, int line, String column, String text) {
		String t = text.trim();
		switch (t) {
			case "0": case "0.0": case "False": case "false": return 0;
			case "1": case "1.0": case "True": case "true": return 1;
			default: throw new InputException(file + " line " + line + " has " + column + " '" + text
				+ "'; give 0 (no defect) or 1 (defect).");
		}
	}

	public List<Item> items() {
		return items;
	}

	public int size() {
		return items.size();
	}

	/** True when every image has a known image-level label. */
	public boolean hasTruth() {
		for (Item i : items) if (!i.truth().knowsDefect()) return false;
		return true;
	}

	/** True when every image has known per-class labels. */
	public boolean hasClassTruth() {
		for (Item i : items) if (!i.truth().knowsClasses()) return false;
		return true;
	}

	/** Where the images come from (folder, list CSV, open image), for messages. */
	public String description() {
		return description;
	}
}
