package io.github.steeldefects.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How the defect classes are spread over a {@link DefectTable}: images per class, images with
 * 0, 1, 2, 3 or 4 classes, and the defect area in pixels per class (arrays indexed by class, or by
 * number of classes for {@code imagesWithClasses}).
 */
public record ClassSummary(int images, int[] imagesPerClass, int[] imagesWithClasses, long[] areaPerClass) {

	public static final int CLASSES = DefectTable.CLASSES;

	public static ClassSummary of(DefectTable table) {
		ClassSummary s = new ClassSummary(table.size(), new int[CLASSES + 1], new int[CLASSES + 1], new long[CLASSES + 1]);
		for (DefectTable.Row r : table.rows()) {
			s.imagesWithClasses[r.totalDefects()]++;
			for (int c = 1; c <= CLASSES; c++) {
				if (!r.has(c)) continue;
				s.imagesPerClass[c]++;
				s.areaPerClass[c] += r.masks().pixels(c);
			}
		}
		return s;
	}

	/** Images in which class {@code cls} (1..4) is present. */
	public int imagesWithClass(int cls) {
		return imagesPerClass[cls];
	}

	/** Images with exactly {@code n} (0..4) classes present. */
	public int imagesWithClassCount(int n) {
		return imagesWithClasses[n];
	}

	/** Defect pixels of class {@code cls} (1..4) over all images. */
	public long area(int cls) {
		return areaPerClass[cls];
	}

	/** Table rows: class, images, share of images, defect pixels, mean pixels per image with the class. */
	public List<String[]> perClassRows() {
		List<String[]> out = new ArrayList<>();
		for (int c = 1; c <= CLASSES; c++) {
			out.add(new String[] { String.valueOf(c), String.valueOf(imagesPerClass[c]), percent(imagesPerClass[c]),
				String.valueOf(areaPerClass[c]),
				imagesPerClass[c] == 0 ? "0" : String.valueOf(Math.round((double) areaPerClass[c] / imagesPerClass[c])) });
		}
		return out;
	}

	private String percent(int n) {
		return images == 0 ? "0.0%" : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / images);
	}

	/** A few lines for the log and the command line. */
	public String toText() {
		StringBuilder sb = new StringBuilder();
		sb.append(images).append(" images, ").append(images - imagesWithClasses[0]).append(" with a defect, ")
			.append(imagesWithClasses[0]).append(" without (").append(percent(imagesWithClasses[0])).append(")\n");
		sb.append("class  images  share   defect pixels  mean pixels/image\n");
		for (String[] r : perClassRows())
			sb.append(String.format(java.util.Locale.ROOT, "%5s  %6s  %6s  %13s  %17s%n", (Object[]) r));
		sb.append("images with 0/1/2/3/4 classes: ");
		for (int n = 0; n <= CLASSES; n++) sb.append(n == 0 ? "" : " / ").append(imagesWithClasses[n]);
		return sb.toString();
	}
}
