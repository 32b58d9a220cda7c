package io.github.steeldefects.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageIds;
import io.github.steeldefects.io.Csv;

/**
 * The images a command works on: the rows of a list CSV ({@code x_train.csv}, {@code x_val.csv},
 * the per-image table, any CSV with an {@code image_id} column) or every image file of a folder,
 * each with its labels when the list has them ({@code defect}, {@code defect_1..defect_4}).
 * Every file is checked to exist before any work starts.
 */
public final class ImageList {

	/** Image file endings read everywhere (JPEG, PNG, TIFF). */
	public static final List<String> ENDINGS = List.of(".jpg", ".jpeg", ".png", ".tif", ".tiff");

	/** One image of the list. */
	public record Entry(String imageId, Path file, int line, float[] labels) {}

	private final Path source;
	private final List<Entry> entries;
	private final boolean labelled;

	private ImageList(Path source, List<Entry> entries, boolean labelled) {
		this.source = source;
		this.entries = Collections.unmodifiableList(entries);
		this.labelled = labelled;
	}

	/**
	 * Reads a list CSV whose images lie in {@code images}.
	 *
	 * @param outputs 0 to ignore labels, 1 for {@code defect}, 4 for {@code defect_1..defect_4}
	 * @param needLabels fail with a clear sentence when the label columns are missing
	 */
	public static ImageList read(Path listCsv, Path images, int outputs, boolean needLabels) {
		checkFolder(images);
		Csv csv = Csv.read(listCsv);
		int id = csv.column("image_id");
		List<String> labelColumns = new ArrayList<>();
		if (outputs == 1) labelColumns.add("defect");
		else if (outputs == 4) for (int k = 1; k <= 4; k++) labelColumns.add("defect_" + k);
		boolean labelled = outputs > 0;
		for (String c : labelColumns)
			if (!csv.has(c)) {
				if (needLabels) csv.column(c); // the clear error naming the file and its columns
				labelled = false;
			}
		if (csv.size() == 0) throw new InputException(listCsv + " lists no images; give a list with at least one row.");
		int[] cols = new int[labelColumns.size()];
		for (int k = 0; k < cols.length && labelled; k++) cols[k] = csv.column(labelColumns.get(k));
		List<Entry> out = new ArrayList<>();
		for (int r = 0; r < csv.size(); r++) {
			String[] row = csv.row(r);
			String imageId = ImageIds.check(row[id].trim(), listCsv, csv.line(r));
			Path file = images.resolve(imageId);
			if (!Files.isRegularFile(file)) throw new InputException(listCsv + " line " + csv.line(r) + ": image " +
				imageId + " is not in " + images + "; give the images folder that holds it (images=...).");
			float[] labels = null;
			if (labelled) {
				labels = new float[cols.length];
				for (int k = 0; k < cols.length; k++) labels[k] = label(row[cols[k]], listCsv, csv.line(r),
					labelColumns.get(k));
			}
			out.add(new Entry(imageId, file, csv.line(r), labels));
		}
		return new ImageList(listCsv, out, labelled);
	}

	/** Every JPEG, PNG and TIFF file directly in a folder, sorted by name, without labels. */
	public static ImageList folder(Path images) {
		checkFolder(images);
		List<Entry> out = new ArrayList<>();
		try (Stream<Path> s = Files.list(images)) {
			s.filter(Files::isRegularFile).filter(p -> isImage(p.getFileName().toString())).sorted()
				.forEach(p -> out.add(new Entry(p.getFileName().toString(), p, 0, null)));
		}
		catch (IOException e) {
			throw new InputException(images + " cannot be listed (" + e.getMessage() + "); check its permissions.");
		}
		if (out.isEmpty()) throw new InputException(images + " holds no JPEG, PNG or TIFF images; give the folder of the images.");
		return new ImageList(images, out, false);
	}

	/** A list made in code (e.g. the slices of an open stack). */
	public static ImageList of(Path source, List<Entry> entries) {
		boolean labelled = !entries.isEmpty() && entries.stream().allMatch(e -> e.labels() != null);
		return new ImageList(source, new ArrayList<>(entries), labelled);
	}

	static boolean isImage(String name) {
		String n = name.toLowerCase(Locale.ROOT);
		return ENDINGS.stream().anyMatch(n::endsWith);
	}

	private static void checkFolder(Path images) {
		if (images == null) throw new InputException("No images folder was given; pass images=FOLDER.");
		if (!Files.isDirectory(images)) throw new InputException(images +
			" is not a folder; give the folder that holds the images (images=...).");
	}

	private static float label(String value, Path file, int line, String column) {
		String v = value.trim();
		if (v.equals("0") || v.equals("0.0")) return 0f;
		if (v.equals("1") || v.equals("1.0")) return 1f;
		throw new InputException(file + " line " + line + ": " + column + " is '" + value +
			"', not 0 or 1; fix the label or regenerate the list with the split command.");
	}

	public Path source() {
		return source;
	}

	public List<Entry> entries() {
		return entries;
	}

	public int size() {
		return entries.size();
	}

	/** True when every entry has labels. */
	public boolean labelled() {
		return labelled;
	}
}
