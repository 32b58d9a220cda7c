package io.github.steeldefects.classify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.steeldefects.InputException;

/**
 * Writes one heatmap TIFF per image ({@code <image id without extension>.tif}, see
 * {@link HeatmapTiff}) into a folder, for {@code classify heatmaps=FOLDER}. Used inside
 * {@link io.github.steeldefects.io.AtomicFiles#writeFolder}, so the folder appears complete or not
 * at all.
 */
public final class HeatmapFolder {

	private final Path folder;
	private final List<String> classNames;
	private final Map<String, String> usedBy = new HashMap<>(); // lower-case file name -> image id

	public HeatmapFolder(Path folder, List<String> classNames) {
		this.folder = folder;
		this.classNames = List.copyOf(classNames);
	}

	/**
	 * Checks, before any slow work, that {@code folder} may be replaced by a heatmaps folder (with
	 * overwrite): it is new, empty, or an earlier heatmaps folder holding nothing but {@code .tif} files. Any other
	 * folder (a model, the images, a folder of other work) is refused, so overwrite=true never
	 * replaces what classify did not write.
	 */
	public static void checkReplaceable(Path folder) {
		if (!Files.exists(folder)) return;
		if (!Files.isDirectory(folder)) throw new InputException(folder + " is a file, not a folder; give heatmaps= a new "
			+ "folder for the heatmap TIFFs (the file is left as it is).");
		try (var entries = Files.list(folder)) {
			Path foreign = entries.filter(p -> !(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
				&& p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tif"))).findFirst().orElse(null);
			if (foreign != null) throw new InputException(folder + " holds " + foreign.getFileName()
				+ ", which is not a heatmap TIFF; give heatmaps= a new or empty folder, or one an earlier classify wrote"
				+ " (it is replaced only then, with overwrite=true).");
		}
		catch (IOException e) {
			throw new UncheckedIOException(folder + " cannot be read: " + e.getMessage(), e);
		}
	}

	/** The file name for an image id: the id without its extension, characters a file name cannot hold replaced by _. */
	public static String fileName(String imageId) {
		String base = imageId;
		int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
		if (slash >= 0) base = base.substring(slash + 1);
		int dot = base.lastIndexOf('.');
		if (dot > 0) base = base.substring(0, dot);
		base = base.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
		if (base.isEmpty() || base.equals(".") || base.equals("..")) base = "image";
		return base + ".tif";
	}

	/**
	 * Checks, before any slow work, that no two of the images would write the same heatmap file
	 * (names that differ only in case or extension, a.jpg and a.JPG or a.png, clash on a file
	 * system that ignores case and in {@code <id without extension>.tif}); the sentence names both.
	 */
	public static void checkDistinct(List<String> imageIds) {
		Map<String, String> seen = new HashMap<>();
		for (String id : imageIds) claim(seen, id);
	}

	/** The file name of the image's heatmap, refused when another image of the set has it. */
	private static String claim(Map<String, String> usedBy, String imageId) {
		String name = fileName(imageId);
		String other = usedBy.putIfAbsent(name.toLowerCase(Locale.ROOT), imageId);
		if (other != null) throw new InputException("Images " + other + " and " + imageId + " would both write heatmap "
			+ name + "; give image files distinct names (apart from their extension and case).");
		return name;
	}

	/** Writes one image's TIFF. */
	public void write(ClassifiedImage c, ImageHeatmap h) {
		Path file = folder.resolve(claim(usedBy, h.imageId()));
		try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
			HeatmapTiff.write(out, h.heatmap(), classNames, h.imageWidth(), h.imageHeight(), h.info(classNames, c.probabilities()));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write heatmap " + file + ": " + e.getMessage(), e);
		}
	}
}
