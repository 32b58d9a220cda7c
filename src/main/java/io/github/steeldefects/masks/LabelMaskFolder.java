package io.github.steeldefects.masks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageIds;
import io.github.steeldefects.Progress;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.data.ImageSize;
import io.github.steeldefects.io.AtomicFiles;

/**
 * A folder of label PNGs, one per image, named {@code <image id without extension>.png}: written
 * from a {@link DefectTable} and encoded back into run-length masks (image id {@code <name>.jpg}).
 */
public final class LabelMaskFolder {

	/** The extension encoded masks give their image ids. */
	public static final String IMAGE_EXTENSION = ".jpg";

	private LabelMaskFolder() {}

	/** The PNG of each image of the table inside {@code out}, in table order. */
	public static List<Path> targets(DefectTable table, Path out) {
		List<Path> paths = new ArrayList<>(table.size());
		java.util.Map<String, String> stems = new java.util.HashMap<>();
		for (DefectTable.Row r : table.rows()) {
			String stem = ImageIds.stem(r.imageId());
			String before = stems.put(stem, r.imageId());
			if (before != null) throw new InputException("Images " + before + " and " + r.imageId() +
				" would both write " + stem + ".png; rename one of them.");
			paths.add(ImageIds.resolve(out, stem + ".png"));
		}
		return paths;
	}

	/**
	 * Writes one 8-bit label PNG per image of the table into {@code out} (created if needed). All
	 * targets are checked before anything is written; each file is written atomically.
	 *
	 * @return the number of files written
	 */
	public static int export(DefectTable table, Path out, boolean overwrite, Progress progress) {
		Progress p = progress == null ? Progress.NONE : progress;
		ImageSize size = table.imageSize();
		if (size == null) throw new IllegalArgumentException("the table does not know the image size");
		if (Files.exists(out) && !Files.isDirectory(out)) throw new InputException(out +
			" is a file, not a folder; give a folder for the label masks.");
		List<Path> targets = targets(table, out);
		AtomicFiles.checkWritable(targets, overwrite);
		// every mask is painted before the first file is written, so that bad masks write nothing
		for (DefectTable.Row r : table.rows()) {
			if (r.defect() == 0) continue;
			paint(r, size);
		}
		// all PNGs appear together or not at all: on failure the previous masks stay as they were
		int[] done = {0};
		AtomicFiles.writeAll(targets, overwrite, (i, stream) -> {
			p.checkCanceled();
			DefectTable.Row r = table.rows().get(i);
			byte[] labels = r.defect() == 0 ? new byte[(int) size.pixels()] : paint(r, size);
			LabelPng.write(stream, labels, size.width(), size.height());
			int n = ++done[0];
			if (n % 200 == 0 || n == table.size()) {
				p.progress(n, table.size());
				p.status("Writing label masks " + n + "/" + table.size());
			}
		});
		return done[0];
	}

	private static byte[] paint(DefectTable.Row r, ImageSize size) {
		try {
			return MaskImgs.array(MaskImgs.labels(r.masks(), size.width(), size.height()));
		}
		catch (LabelMasks.LabelException e) {
			throw new InputException("Image " + r.imageId() + ": " + e.getMessage() +
				"; a label mask holds one class per pixel, so fix the masks in the CSV.");
		}
	}

	private static String printable(String s) {
		StringBuilder sb = new StringBuilder();
		for (char c : s.toCharArray()) sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		return sb.toString();
	}

	/** The label PNGs directly inside a folder, sorted by name. */
	public static List<Path> listPngs(Path folder) {
		if (!Files.isDirectory(folder)) throw new InputException(folder +
			" is not a folder; give the folder that holds the label PNGs.");
		List<Path> out;
		try (Stream<Path> s = Files.list(folder)) {
			out = s.filter(p -> !p.getFileName().toString().startsWith(".")
				&& p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png") && Files.isRegularFile(p)).sorted().toList();
		}
		catch (IOException e) {
			throw new InputException(folder + " cannot be listed (" + e.getMessage() + "); check its permissions.");
		}
		if (out.isEmpty()) throw new InputException(folder + " holds no .png files; give the folder of label masks.");
		return out;
	}

	/**
	 * Encodes every label PNG of a folder: image id {@code <png name>.jpg} -> its class masks,
	 * sorted by image id.
	 */
	public static SortedMap<String, ImageMasks> encode(Path folder, Progress progress) {
		if (progress == null) progress = Progress.NONE;
		List<Path> pngs = listPngs(folder);
		SortedMap<String, ImageMasks> out = new TreeMap<>();
		int n = 0;
		ImageSize first = null;
		Path firstPng = null;
		for (Path png : pngs) {
			progress.checkCanceled();
			String name = png.getFileName().toString();
			String id = name.substring(0, name.length() - 4) + IMAGE_EXTENSION;
			if (!ImageIds.isPlainFileName(id)) throw new InputException(png.getParent() + " holds a label PNG named '"
				+ printable(name) + "' (with a control character such as a newline); rename it to a plain file name.");
			ImageSize size = ImageSize.read(png);
			if (first == null) {
				first = size;
				firstPng = png;
			}
			else if (!first.equals(size)) throw new InputException(png + " is " + size + " but " + firstPng + " is " + first
				+ "; every label mask of a folder has the size of its images.");
			if (size.pixels() > DefectTable.MAX_PIXELS) throw new InputException(png + " is " + size +
				" pixels, too large for a label mask (at most " + DefectTable.MAX_PIXELS + " pixels).");
			LabelPng.Labels labels = LabelPng.read(png);
			try {
				out.put(id, MaskImgs.encodeLabels(MaskImgs.wrap(labels.pixels(), labels.width(), labels.height())));
			}
			catch (LabelMasks.LabelException e) {
				throw new InputException(png + " (image " + id + "): " + e.getMessage() + "; fix the label mask.");
			}
			if (++n % 200 == 0 || n == pngs.size()) {
				progress.progress(n, pngs.size());
				progress.status("Encoding label masks " + n + "/" + pngs.size());
			}
		}
		return out;
	}
}
