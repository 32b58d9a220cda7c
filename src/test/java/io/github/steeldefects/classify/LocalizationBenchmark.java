package io.github.steeldefects.classify;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.steeldefects.Progress;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * Localization figures (not a test): pointing and Dice of a model's heatmaps on the images of a
 * list that truly have a defect, per class, next to two baselines on the same images and cells:
 * a random heatmap (each cell uniform in -1..1, seed 1) and "the whole image is defect" (every
 * cell +1; its pointing is the expected hit of a cell drawn at random, as every cell ties); and, to
 * check that cells and masks line up, a map made from the pixels alone (per-cell contrast, see
 * {@link #contrastMap}).
 * <p>
 * For each image and each class present in it, the map scored is that class's output (4-output
 * models) or the only output (1-output models) against that class's true mask; the {@code any}
 * row scores a 1-output map against the union of the classes (what {@code evaluate masks=} reports).
 * <p>
 * Arguments: {@code model=FOLDER images=FOLDER list=x_test.csv masks=train.csv [batch=8]}. E.g. on
 * {@code generate images=800 seed=11} (see README).
 */
public final class LocalizationBenchmark {

	public static void main(String[] args) throws Exception {
		Path model = null, images = null, list = null, masks = null;
		int batch = 8;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
				case "model" -> model = Paths.get(kv[1]);
				case "images" -> images = Paths.get(kv[1]);
				case "list" -> list = Paths.get(kv[1]);
				case "masks" -> masks = Paths.get(kv[1]);
				case "batch" -> batch = Integer.parseInt(kv[1]);
				default -> throw new IllegalArgumentException("Unknown argument " + a);
			}
		}
		if (model == null || images == null || list == null || masks == null)
			throw new IllegalArgumentException("Give model= images= list= masks=");
		TrueMasks truth = TrueMasks.read(masks);
		Classification.Input input = Classification.Input.of(io.github.steeldefects.data.ImageList.listCsv(list, images));
		String[] methods = { "model", "random", "whole image", "contrast" };
		Path imageFolder = images;
		int classes = 4;
		// [method][class 0..3, 4 = any][hits, pointed, diceSum]
		double[][][] acc = new double[methods.length][classes + 1][3];
		Random random = new Random(1);
		long t0 = System.nanoTime();
		int[] outputs = new int[1];
		try (Classifier c = Classification.openModel(model, "auto", "cpu", "auto", batch, System.err::println)) {
			outputs[0] = c.outputs();
			if (c.outputs() != 1 && c.outputs() != 4) throw new IllegalArgumentException("model has " + c.outputs() + " outputs");
			Classification.run(c, input, Thresholds.parse("auto", c.thresholds(), "benchmark"), null, null, (ci, h) -> {
				ImageMasks m = truth.classMasks(h.imageId(), h.imageWidth(), h.imageHeight());
				Heatmap map = h.heatmap();
				int cells = map.width() * map.height();
				float[] rand = new float[cells], whole = new float[cells];
				for (int i = 0; i < cells; i++) {
					rand[i] = random.nextFloat() * 2 - 1;
					whole[i] = 1;
				}
				float[] contrast = contrastMap(imageFolder.resolve(h.imageId()), map.width(), map.height());
				for (int k = 0; k < classes; k++) {
					if (!m.has(k + 1)) continue;
					Localization.CellCounts counts = Localization.CellCounts.of(m.mask(k + 1, h.imageWidth(), h.imageHeight()), map.width(), map.height());
					score(acc[0][k], map.slice(map.outputs() == 1 ? 0 : k), counts, false);
					score(acc[1][k], rand, counts, false);
					score(acc[2][k], whole, counts, true);
					score(acc[3][k], contrast, counts, false);
				}
				if (m.any() && map.outputs() == 1) {
					Localization.CellCounts counts = Localization.CellCounts.of(m.union(h.imageWidth(), h.imageHeight()), map.width(), map.height());
					score(acc[0][classes], map.slice(0), counts, false);
					score(acc[1][classes], rand, counts, false);
					score(acc[2][classes], whole, counts, true);
					score(acc[3][classes], contrast, counts, false);
				}
			}, Progress.NONE, 2 * batch);
			System.out.printf(Locale.ROOT, "model %s (%d output%s, input %d x %d, heatmap %d x %d cells) on %s: %d images in %.1f s%n",
				model, c.outputs(), c.outputs() == 1 ? "" : "s", c.inputHeight(), c.inputWidth(), c.heatmapSize()[0], c.heatmapSize()[1],
				list, input.size(), (System.nanoTime() - t0) / 1e9);
		}
		System.out.println("| class | images with it | pointing: model / random / whole image / contrast | dice: model / random / whole image / contrast |");
		System.out.println("|---|---|---|---|");
		for (int k = 0; k <= classes; k++) {
			if (k == classes && outputs[0] != 1) continue;
			List<String> p = new ArrayList<>(), d = new ArrayList<>();
			for (double[][] method : acc) {
				p.add(fmt(method[k][0] / method[k][1]));
				d.add(fmt(method[k][2] / method[k][1]));
			}
			System.out.printf(Locale.ROOT, "| %s | %d | %s | %s |%n", k == classes ? "any (union of classes)" : "class " + (k + 1),
				(long) acc[0][k][1], String.join(" / ", p), String.join(" / ", d));
		}
	}

	/**
	 * A heatmap made from the pixels alone, to check that cells and masks line up: per cell the mean
	 * |grey - image mean|, minus the mean of that over the cells (so the livelier half is above 0).
	 */
	static float[] contrastMap(Path file, int cellsX, int cellsY) {
		java.awt.image.BufferedImage img;
		try {
			img = javax.imageio.ImageIO.read(file.toFile());
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		int w = img.getWidth(), h = img.getHeight();
		float[] grey = new float[w * h];
		double mean = 0;
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int p = img.getRGB(x, y);
			grey[y * w + x] = ((p >> 16 & 0xff) + (p >> 8 & 0xff) + (p & 0xff)) / 3f;
			mean += grey[y * w + x];
		}
		mean /= grey.length;
		int[] cx = Localization.cellIndex(w, cellsX), cy = Localization.cellIndex(h, cellsY);
		double[] sum = new double[cellsX * cellsY];
		long[] n = new long[sum.length];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int c = cy[y] * cellsX + cx[x];
			sum[c] += Math.abs(grey[y * w + x] - mean);
			n[c]++;
		}
		float[] m = new float[sum.length];
		double all = 0;
		for (int c = 0; c < m.length; c++) all += m[c] = (float) (sum[c] / n[c]);
		for (int c = 0; c < m.length; c++) m[c] -= (float) (all / m.length);
		return m;
	}

	/** hits, count, dice sum; the whole-image baseline points at a cell drawn at random (all cells tie). */
	private static void score(double[] acc, float[] map, Localization.CellCounts truth, boolean allTie) {
		if (allTie) {
			long covering = 0;
			for (long t : truth.truePixels()) if (t > 0) covering++;
			acc[0] += covering / (double) truth.truePixels().length;
		}
		else if (Localization.hits(map, truth)) acc[0]++;
		acc[1]++;
		acc[2] += Localization.dice(map, truth);
	}

	private static String fmt(double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
	}
}
