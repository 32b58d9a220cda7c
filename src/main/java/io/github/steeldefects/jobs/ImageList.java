package io.github.steeldefects.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.steeldefects.InputException;
import io.github.steeldefects.classify.Truth;

/**
 * The images that training and feature extraction work on, as files with labels: the rows of a
 * list CSV ({@code x_train.csv}, any CSV with an {@code image_id} column) or every image of a
 * folder. Reading, checking and labelling are {@link io.github.steeldefects.classify.ImageList}'s
 * (the list classification reads); this adds the file of each image, which the feature cache keys
 * on, and the labels as the trainer wants them.
 */
public final class ImageList {

	/** One image: its id, its file and its labels (null without). */
	public record Entry(String imageId, Path file, float[] labels) {}

	private final List<Entry> entries;

	private ImageList(List<Entry> entries) {
		this.entries = Collections.unmodifiableList(entries);
	}

	/**
	 * Reads a list CSV whose images lie in {@code images}.
	 *
	 * @param outputs 0 to ignore labels, 1 for {@code defect}, 4 for {@code defect_1..defect_4}
	 * @param needLabels fail with one sentence when the list lacks those labels
	 */
	public static ImageList read(Path listCsv, Path images, int outputs, boolean needLabels) {
		io.github.steeldefects.classify.ImageList list = io.github.steeldefects.classify.ImageList.listCsv(listCsv, images);
		if (needLabels && outputs == 1 && !list.hasTruth()) throw new InputException(listCsv +
			" has no defect column (nor defect_1..defect_4); training needs labels: give a list written by the split command.");
		if (needLabels && outputs == 4 && !list.hasClassTruth()) throw new InputException(listCsv +
			" has no defect_1..defect_4 columns; outputs=4 needs the per-class labels of the per-image table.");
		List<Entry> out = new ArrayList<>();
		for (io.github.steeldefects.classify.ImageList.Item item : list.items())
			out.add(new Entry(item.imageId(), images.resolve(item.imageId()), labels(item.truth(), outputs)));
		return new ImageList(out);
	}

	/** Every JPEG, PNG and TIFF file directly in a folder, sorted by name, without labels. */
	public static ImageList folder(Path images) {
		List<Entry> out = new ArrayList<>();
		for (io.github.steeldefects.classify.ImageList.Item item : io.github.steeldefects.classify.ImageList.folder(images)
			.items())
			out.add(new Entry(item.imageId(), images.resolve(item.imageId()), null));
		return new ImageList(out);
	}

	private static float[] labels(Truth truth, int outputs) {
		if (outputs == 1 && truth.knowsDefect()) return new float[] { truth.defect() };
		if (outputs == 4 && truth.knowsClasses()) {
			float[] l = new float[4];
			for (int k = 0; k < 4; k++) l[k] = truth.classes()[k];
			return l;
		}
		return null;
	}

	public List<Entry> entries() {
		return entries;
	}

	public int size() {
		return entries.size();
	}
}
