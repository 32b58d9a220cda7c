package io.github.steeldefects.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;

/**
 * The per-image table of the reference notebook, one row per image, sorted by image id:
 * {@code image_id, rle_1..rle_4, defect, stratify, defect_1..defect_4, total_defects}.
 * <p>
 * {@link #load} builds it from a Severstal {@code train.csv} (either version) and the images
 * folder; images in the folder without a CSV row are defect-free rows. {@link #read} reads a
 * table written by {@link #write}.
 */
public final class DefectTable {

	public static final int CLASSES = SeverstalCsv.CLASSES;

	/** The table's columns, in order. */
	public static final List<String> COLUMNS = List.of("image_id", "rle_1", "rle_2", "rle_3", "rle_4", "defect",
		"stratify", "defect_1", "defect_2", "defect_3", "defect_4", "total_defects");

	/** The largest image (and mask) size, in pixels: a mask is one Java byte array. */
	public static final long MAX_PIXELS = 1L << 30;

	/** File name suffixes that count as images in the images folder. */
	public static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif");

	/**
	 * One image: its id and its four class masks, parsed once.
	 *
	 * @param masks null for none
	 */
	public record Row(String imageId, ImageMasks masks) {

		public Row {
			if (masks == null) masks = ImageMasks.NONE;
		}

		/** The run-length mask of class {@code cls} (1..4), "" when absent. */
		public String rle(int cls) {
			return masks.rle(cls);
		}

		/** True when class {@code cls} (1..4) is present. */
		public boolean has(int cls) {
			return masks.has(cls);
		}

		/** 1 when the image has any defect, else 0. */
		public int defect() {
			return totalDefects() > 0 ? 1 : 0;
		}

		/** Number of classes present. */
		public int totalDefects() {
			return (int) IntStream.rangeClosed(1, CLASSES).filter(this::has).count();
		}

		/** The class combination: "0" for none, else the present classes joined by "_" ("3", "1_3"). */
		public String stratify() {
			String present = IntStream.rangeClosed(1, CLASSES).filter(this::has).mapToObj(String::valueOf)
				.collect(Collectors.joining("_"));
			return present.isEmpty() ? "0" : present;
		}

		/** The row as the table writes it, in {@link #COLUMNS} order. */
		public List<String> fields() {
			List<String> f = new ArrayList<>(COLUMNS.size());
			f.add(imageId);
			for (int c = 1; c <= CLASSES; c++) f.add(masks.rle(c));
			f.add(String.valueOf(defect()));
			f.add(stratify());
			for (int c = 1; c <= CLASSES; c++) f.add(has(c) ? "1" : "0");
			f.add(String.valueOf(totalDefects()));
			return f;
		}
	}

	private final List<Row> rows;
	private final Map<String, Row> byId = new HashMap<>();
	private final Path imagesFolder;
	private final ImageSize imageSize;

	/** A table of the given rows (sorted here by image id); folder and size may be null. */
	public DefectTable(List<Row> rows, Path imagesFolder, ImageSize imageSize) {
		List<Row> sorted = new ArrayList<>(rows);
		sorted.sort((a, b) -> a.imageId.compareTo(b.imageId));
		for (Row r : sorted)
			if (byId.put(r.imageId, r) != null) throw new IllegalArgumentException("image " + r.imageId + " twice");
		this.rows = Collections.unmodifiableList(sorted);
		this.imagesFolder = imagesFolder;
		this.imageSize = imageSize;
	}

	/**
	 * Builds the table from a Severstal {@code train.csv} (either version) and its images folder.
	 * Every image the CSV names must be in the folder; every image must have the same size, and
	 * every run must fit it. Image sizes are read from the file headers only.
	 */
	public static DefectTable load(Path trainCsv, Path imagesFolder, Progress progress) {
		if (progress == null) progress = Progress.NONE;
		if (!Files.isDirectory(imagesFolder)) throw new InputException(imagesFolder +
			" is not a folder; give the folder that holds the images (train_images).");
		progress.status("Reading " + trainCsv.getFileName());
		SeverstalCsv csv = SeverstalCsv.read(trainCsv);
		List<String> files = listImages(imagesFolder);
		java.util.Set<String> inFolder = new java.util.HashSet<>(files);
		for (String id : csv.masks().keySet()) {
			if (!inFolder.contains(id)) throw new InputException(trainCsv + " line " + csv.firstLine(id) + ": image " + id +
				" is not in " + imagesFolder + "; add the image to the folder or remove its rows from the CSV.");
		}
		if (files.isEmpty()) throw new InputException(imagesFolder + " holds no images (" +
			String.join(", ", IMAGE_SUFFIXES) + "); give the folder that holds the images.");
		ImageSize size = null;
		String first = null;
		int done = 0;
		List<Row> rows = new ArrayList<>(files.size());
		for (String id : files) { // sorted by id
			progress.checkCanceled();
			ImageSize s;
			try {
				s = ImageSize.read(ImageIds.resolve(imagesFolder, id));
			}
			catch (InputException x) {
				throw new InputException(where(csv, id) + x.getMessage(), x);
			}
			if (size == null) {
				if (s.pixels() > MAX_PIXELS) throw new InputException(where(csv, id) + "image " + id + " is " + s +
					" pixels, too large for a mask held in memory (at most " + MAX_PIXELS + " pixels); use smaller images.");
				size = s;
				first = id;
			}
			else if (!s.equals(size)) throw new InputException(where(csv, id) + "image " + id + " in " + imagesFolder +
				" is " + s + " pixels but " + first + " and the masks are " + size + "; all images must have the same size.");
			ImageMasks masks = csv.masks().getOrDefault(id, ImageMasks.NONE);
			for (int c = 1; c <= CLASSES; c++) {
				try {
					masks.checkFits(c, size.width(), size.height());
				}
				catch (Rle.RleFormatException x) {
					throw new InputException(trainCsv + " line " + csv.line(id, c) + ", image " + id + ", class " + c +
						": " + x.getMessage() + "; fix the EncodedPixels.");
				}
			}
			rows.add(new Row(id, masks));
			if (++done % 500 == 0 || done == files.size()) {
				progress.progress(done, files.size());
				progress.status("Checking images " + done + "/" + files.size());
			}
		}
		return new DefectTable(rows, imagesFolder, size);
	}

	/** "train.csv line 7, image x.jpg: " for an image the CSV names, "image x.jpg (not in train.csv): " otherwise. */
	private static String where(SeverstalCsv csv, String id) {
		int line = csv.firstLine(id);
		return line > 0 ? csv.file() + " line " + line + ", image " + id + ": "
			: "Image " + id + " (not in " + csv.file().getFileName() + ", so without defect): ";
	}

	/** The image files directly inside a folder (by suffix, hidden files skipped), sorted. */
	public static List<String> listImages(Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> isImageName(p.getFileName().toString()) && Files.isRegularFile(p))
				.map(p -> p.getFileName().toString()).sorted().toList();
		}
		catch (IOException e) {
			throw new InputException(folder + " cannot be listed (" + e.getMessage() + "); check the folder and its permissions.");
		}
	}

	/** True for a name with an image suffix that is not hidden. */
	static boolean isImageName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return !name.startsWith(".") && IMAGE_SUFFIXES.stream().anyMatch(lower::endsWith);
	}

	/**
	 * Reads a table written by {@link #write}: the columns must be exactly {@link #COLUMNS}, and
	 * the derived columns must agree with the masks.
	 */
	public static DefectTable read(Path tableCsv) {
		return of(Csv.read(tableCsv));
	}

	/**
	 * Checks a parsed table the way {@link #read} does (ids, masks and the derived columns), e.g. a
	 * per-image table given to the split; the same rules as the import.
	 */
	public static DefectTable of(Csv csv) {
		Path tableCsv = csv.source();
		if (!csv.header().equals(COLUMNS)) throw new InputException(tableCsv + " line 1: the columns are '" +
			String.join(",", csv.header()) + "' but a defect table has " + String.join(",", COLUMNS) +
			"; give a table written by the import command.");
		List<Row> rows = new ArrayList<>(csv.size());
		Map<String, Integer> seen = new HashMap<>();
		for (int r = 0; r < csv.size(); r++) {
			String[] f = csv.row(r);
			int line = csv.line(r);
			String id = ImageIds.check(f[0].trim(), tableCsv, line);
			Integer before = seen.put(id, line);
			if (before != null) throw new InputException(tableCsv + " line " + line + ": image " + id +
				" is listed a second time (first on line " + before + "); keep one row per image.");
			Rle.Runs[] runs = new Rle.Runs[CLASSES];
			for (int c = 1; c <= CLASSES; c++) {
				try {
					runs[c - 1] = Rle.parse(f[c].trim());
				}
				catch (Rle.RleFormatException x) {
					throw new InputException(tableCsv + " line " + line + ", image " + id + ", rle_" + c + ": " +
						x.getMessage() + "; fix the mask.");
				}
			}
			Row row = new Row(id, ImageMasks.ofRuns(runs));
			List<String> expected = row.fields();
			for (int k = 5; k < COLUMNS.size(); k++) {
				if (!expected.get(k).equals(f[k].trim())) throw new InputException(tableCsv + " line " + line + ", image " +
					id + ": " + COLUMNS.get(k) + " is '" + f[k] + "' but the masks say '" + expected.get(k) +
					"'; write the table again with the import command.");
			}
			rows.add(row);
		}
		return new DefectTable(rows, null, null);
	}

	/** Writes the table as CSV, atomically; refuses to replace a file unless {@code overwrite}. */
	public void write(Path target, boolean overwrite) {
		AtomicFiles.writeText(target, overwrite, this::write);
	}

	/** Writes the table as CSV. */
	public void write(Writer w) throws IOException {
		Csv.writeRow(w, COLUMNS);
		for (Row r : rows) Csv.writeRow(w, r.fields());
	}

	/** The table as CSV text. */
	public String toCsv() {
		java.io.StringWriter sw = new java.io.StringWriter();
		try {
			write(sw);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return sw.toString();
	}

	public List<Row> rows() {
		return rows;
	}

	public int size() {
		return rows.size();
	}

	/** The row of an image, or null. */
	public Row row(String imageId) {
		return byId.get(imageId);
	}

	/** The images folder the table was loaded from, or null when read from a table file. */
	public Path imagesFolder() {
		return imagesFolder;
	}

	/** The size of every image and mask, or null when read from a table file. */
	public ImageSize imageSize() {
		return imageSize;
	}
}
