package io.github.steeldefects.classify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;

import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * How well heatmaps point at the true defects, over the images that truly have one.
 * <ul>
 * <li>{@code pointing} (the pointing game): the share of (image, class) pairs with a true defect
 *     whose hottest heatmap cell covers at least one true defect pixel;</li>
 * <li>{@code dice}: the heatmap thresholded at logit 0 (cells whose share is above 0), upsampled to
 *     the image by each cell's footprint, against the true mask: {@code 2 |A n B| / (|A| + |B|)},
 *     1 when both are empty (as Kaggle scores it), averaged per image and class.</li>
 * </ul>
 * Cell (x, y) of a {@code w x h} heatmap covers the image pixels {@code px} with
 * {@code floor(px * w / imageWidth) == x} (and likewise down): the region the heatmap TIFF's
 * calibration names.
 * <p>
 * Rows: a model with one output compares its heatmap with the union of the classes' masks. A
 * model with four outputs is scored per class on the images that have that class
 * ({@code split/class_k} rows); its image-level row averages Dice over every class of every
 * defective image (Kaggle's per-image-per-class Dice, classes absent from an image included) and
 * pointing over the (image, class) pairs where the class is present.
 */
public final class Localization {

	public static final String HEADER = "localized,pointing,dice";

	/**
	 * One row's localization scores.
	 *
	 * @param localized (image, class) pairs scored for pointing (images with a true defect)
	 * @param pointing share of those whose hottest cell covers a true defect pixel (NaN when none)
	 * @param dice mean Dice (NaN when nothing was scored)
	 */
	public record Score(long localized, double pointing, double dice) {

		public List<String> fields() {
			return List.of(Long.toString(localized), Thresholds.format(pointing), Thresholds.format(dice));
		}
	}

	/** Per cell: true-mask pixels and all pixels it covers. */
	public record CellCounts(int cellsX, int cellsY, long[] truePixels, long[] pixels, long totalTrue) {

		/** Counts a row-major mask (non-zero = defect) of {@code imageWidth x imageHeight} into cells. */
		public static CellCounts of(byte[] mask, int imageWidth, int imageHeight, int cellsX, int cellsY) {
			if (mask.length != (long) imageWidth * imageHeight) throw new IllegalArgumentException("mask has " + mask.length
				+ " pixels, not " + imageWidth + " x " + imageHeight);
			int[] colCell = cellIndex(imageWidth, cellsX), rowCell = cellIndex(imageHeight, cellsY);
			long[] t = new long[cellsX * cellsY], all = new long[cellsX * cellsY];
			long total = 0;
			for (int y = 0; y < imageHeight; y++) {
				int base = rowCell[y] * cellsX;
				for (int x = 0; x < imageWidth; x++) {
					int c = base + colCell[x];
					all[c]++;
					if (mask[y * imageWidth + x] != 0) {
						t[c]++;
						total++;
					}
				}
			}
			return new CellCounts(cellsX, cellsY, t, all, total);
		}

		/** Counts a 2D mask image (non-zero = defect) into cells. */
		public static CellCounts of(RandomAccessibleInterval<? extends IntegerType<?>> mask, int cellsX, int cellsY) {
			int[] wh = ImageMasks.size(mask);
			return of(ImageMasks.bytes(mask), wh[0], wh[1], cellsX, cellsY);
		}

		/** An empty mask (class absent) on an image of that size. */
		public static CellCounts empty(int imageWidth, int imageHeight, int cellsX, int cellsY) {
			return of(new byte[imageWidth * imageHeight], imageWidth, imageHeight, cellsX, cellsY);
		}
	}

	/** For each pixel index along an axis of {@code pixels}, the cell that covers it. */
	static int[] cellIndex(int pixels, int cells) {
		return IntStream.range(0, pixels).map(p -> (int) ((long) p * cells / pixels)).toArray();
	}

	/** The pointing game for one map (row-major [y][x]): does its hottest cell (first one on ties) cover a true pixel? */
	public static boolean hits(float[] map, CellCounts truth) {
		check(map, truth);
		int best = 0;
		for (int i = 1; i < map.length; i++) if (map[i] > map[best]) best = i;
		return truth.truePixels()[best] > 0;
	}

	/** Dice of the map thresholded at logit 0 (cells above 0 are defect), upsampled to the image, against the true mask. */
	public static double dice(float[] map, CellCounts truth) {
		check(map, truth);
		long overlap = 0, predicted = 0;
		for (int i = 0; i < map.length; i++) {
			if (map[i] > 0) {
				overlap += truth.truePixels()[i];
				predicted += truth.pixels()[i];
			}
		}
		long sum = predicted + truth.totalTrue();
		return sum == 0 ? 1.0 : 2.0 * overlap / sum;
	}

	private static void check(float[] map, CellCounts truth) {
		if (map.length != truth.cellsX() * truth.cellsY()) throw new IllegalArgumentException("heatmap has " + map.length
			+ " cells but the mask was counted into " + truth.cellsX() + " x " + truth.cellsY());
	}

	/**
	 * Collects the scores of one split, image by image.
	 * <pre>
	 * Localization.Tally t = new Localization.Tally("test", outputs);
	 * t.add(heatmap, trueMasks.classMasks(id, imageWidth, imageHeight), imageWidth, imageHeight); // per image
	 * Map&lt;String, Score&gt; rows = t.scores();                 // "test", "test/class_1", ...
	 * </pre>
	 */
	public static final class Tally {
		private final String split;
		private final int outputs;
		private final long[] hits, pointed, diced;
		private final double[] diceSum;
		private long imageHits, imagePointed, imageDiced;
		private double imageDiceSum;

		public Tally(String split, int outputs) {
			this.split = split;
			this.outputs = outputs;
			hits = new long[outputs];
			pointed = new long[outputs];
			diced = new long[outputs];
			diceSum = new double[outputs];
		}

		/** Adds one image: its heatmap and its true class masks. */
		public void add(Heatmap map, ImageMasks classMasks, int imageWidth, int imageHeight) {
			if (map.outputs() != outputs) throw new IllegalArgumentException("heatmap has " + map.outputs() + " outputs, not " + outputs);
			if (!classMasks.any()) return; // only images that truly have a defect are scored
			int w = map.width(), h = map.height();
			if (outputs == 1) {
				CellCounts truth = CellCounts.of(classMasks.union(imageWidth, imageHeight), w, h);
				float[] slice = map.slice(0);
				imagePointed++;
				if (hits(slice, truth)) imageHits++;
				imageDiced++;
				imageDiceSum += dice(slice, truth);
				return;
			}
			if (ImageMasks.CLASSES != outputs) throw new IllegalArgumentException(ImageMasks.CLASSES + " class masks for a model with "
				+ outputs + " outputs");
			for (int k = 0; k < outputs; k++) {
				boolean present = classMasks.has(k + 1);
				CellCounts truth = present ? CellCounts.of(classMasks.mask(k + 1, imageWidth, imageHeight), w, h)
					: CellCounts.empty(imageWidth, imageHeight, w, h);
				float[] slice = map.slice(k);
				double d = dice(slice, truth);
				imageDiced++;
				imageDiceSum += d;
				if (!present) continue;
				boolean hit = hits(slice, truth);
				pointed[k]++;
				imagePointed++;
				if (hit) {
					hits[k]++;
					imageHits++;
				}
				diced[k]++;
				diceSum[k] += d;
			}
		}

		/** Row name (as in the F1 table: {@code split}, {@code split/class_k}) to score. */
		public Map<String, Score> scores() {
			Map<String, Score> out = new LinkedHashMap<>();
			out.put(split, new Score(imagePointed, ratio(imageHits, imagePointed), imageDiced == 0 ? Double.NaN : imageDiceSum / imageDiced));
			if (outputs > 1) for (int k = 0; k < outputs; k++) out.put(split + "/class_" + (k + 1),
				new Score(pointed[k], ratio(hits[k], pointed[k]), diced[k] == 0 ? Double.NaN : diceSum[k] / diced[k]));
			return out;
		}

		private static double ratio(long a, long b) {
			return b == 0 ? Double.NaN : a / (double) b;
		}
	}

	/** The scores of several tallies, in order. */
	public static Map<String, Score> scores(List<Tally> tallies) {
		Map<String, Score> out = new LinkedHashMap<>();
		for (Tally t : tallies) out.putAll(t.scores());
		return out;
	}

	/** Row names without a score get empty cells (e.g. an F1 row the tally has no counterpart for). */
	public static List<String> cells(Map<String, Score> scores, String row) {
		Score s = scores.get(row);
		return s == null ? List.of("", "", "") : s.fields();
	}
}
