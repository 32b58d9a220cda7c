package io.github.steeldefects.model.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.metrics.BinaryMetrics;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.infer.Classifier;

/**
 * Does training learn the defects? Not a test: prints figures for the README.
 * <p>
 * For each data set ({@code generate images=800 seed=11}, and with {@code difficulty=hard}) it runs the
 * project's own commands (generate, import, split with the default fractions), then
 * <ul>
 * <li>the baseline (outputs=1): a 100-tree random forest on the 43 {@link BlockStatistics} of each image,
 * trained on the training list, threshold chosen on validation F1, scored on the test list; and, since 80 test
 * images give a noisy figure, by 5-fold cross-validation over all images (AUC, F1 at the best threshold);</li>
 * <li>{@code train} with {@code weights=none finetune=all} (batch norm in training mode, warm-up + cosine)
 * for each requested output count, then the exported model classifies the test list: test F1 at the
 * validation threshold, ROC AUC, per-class F1 for outputs=4, the validation F1 per epoch, the largest
 * fall of validation F1 from its best within the last third of the epochs, seconds per epoch and per
 * training image.</li>
 * </ul>
 * Arguments (all optional): {@code sets=easy,hard outputs=1,4 epochs=12 size=128x256 batch=16 rf=true
 * train=true work=target/learning-benchmark}, and any {@code train.KEY=VALUE} passed on to the train command.
 */
public final class LearningBenchmark {

	public static void main(String[] args) throws Exception {
		Map<String, String> a = new LinkedHashMap<>(Map.of("sets", "easy", "outputs", "1", "epochs", "12", "size",
			"128x256", "batch", "16", "rf", "true", "train", "true", "work", "target/learning-benchmark", "images", "800",
			"seed", "11"));
		Map<String, String> extra = new LinkedHashMap<>();
		for (String arg : args) {
			String[] kv = arg.split("=", 2);
			if (kv[0].startsWith("train.")) extra.put(kv[0].substring(6), kv[1]);
			else if (a.containsKey(kv[0])) a.put(kv[0], kv[1]);
			else throw new IllegalArgumentException("Unknown argument " + arg);
		}
		System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", arguments " + a + " " + extra);
		Path work = Paths.get(a.get("work")).toAbsolutePath();
		List<String> summary = new ArrayList<>();
		for (String set : a.get("sets").split(",")) {
			Path data = dataset(work, set, a.get("images"), a.get("seed"));
			if (Boolean.parseBoolean(a.get("rf"))) summary.add(randomForest(set, data));
			if (!Boolean.parseBoolean(a.get("train"))) continue;
			for (String outputs : a.get("outputs").split(",")) summary.add(train(set, data, outputs, a, extra));
		}
		System.out.println();
		System.out.println("== summary ==");
		for (String s : summary) System.out.println(s);
	}

	/** generate, import, split (default fractions: test 0.10, validation 0.20 of the rest). */
	static Path dataset(Path work, String set, String images, String seed) {
		Path dir = work.resolve(set + "-" + images + "-seed" + seed);
		if (Files.isRegularFile(dir.resolve("split/x_test.csv"))) return dir;
		List<String> gen = new ArrayList<>(List.of("generate", "out=" + dir.resolve("data"), "images=" + images,
			"seed=" + seed, "overwrite=true"));
		if (set.equals("hard")) gen.add("difficulty=hard");
		run(gen.toArray(String[]::new));
		run("import", "csv=" + dir.resolve("data/train.csv"), "images=" + dir.resolve("data/train_images"),
			"table=" + dir.resolve("table.csv"), "overwrite=true");
		run("split", "table=" + dir.resolve("table.csv"), "out=" + dir.resolve("split"), "overwrite=true");
		return dir;
	}

	static String randomForest(String set, Path dir) throws IOException {
		long t0 = System.nanoTime();
		Path images = dir.resolve("data/train_images");
		ImageList train = ImageList.listCsv(dir.resolve("split/x_train.csv"), images).requireLabels(1);
		ImageList val = ImageList.listCsv(dir.resolve("split/x_val.csv"), images).requireLabels(1);
		ImageList test = ImageList.listCsv(dir.resolve("split/x_test.csv"), images).requireLabels(1);
		float[][] xt = stats(train), xv = stats(val), xs = stats(test);
		boolean[] yt = truth(train), yv = truth(val), ys = truth(test);
		RandomForest rf = new RandomForest(xt, yt, 100, 1, 0);
		float[] pv = new float[xv.length], ps = new float[xs.length];
		for (int i = 0; i < xv.length; i++) pv[i] = rf.probability(xv[i]);
		for (int i = 0; i < xs.length; i++) ps[i] = rf.probability(xs[i]);
		double threshold = BinaryMetrics.bestF1Threshold(pv, yv).threshold();
		BinaryMetrics m = BinaryMetrics.of(ps, ys, threshold);
		// 80 test images give a noisy F1: also 5-fold cross-validation over all images (out-of-fold probabilities)
		int all = xt.length + xv.length + xs.length;
		float[][] x = new float[all][];
		boolean[] y = new boolean[all];
		int k = 0;
		for (float[][] part : List.of(xt, xv, xs)) for (float[] row : part) x[k++] = row;
		k = 0;
		for (boolean[] part : List.of(yt, yv, ys)) for (boolean v : part) y[k++] = v;
		float[] oof = crossValidated(x, y, 5);
		int positives = 0;
		for (boolean v : y) if (v) positives++;
		BinaryMetrics best = BinaryMetrics.bestF1Threshold(oof, y);
		String line = String.format(Locale.ROOT,
			"%s set, block statistics (43) + random forest (100 trees): test F1 %.3f, AUC %.3f (threshold %.2f from validation; %d/%d/%d images);"
				+ " 5-fold cross-validation over all %d images: AUC %.3f, F1 %.3f at the best threshold %.2f chosen on those same"
				+ " predictions (calling every image a defect: F1 %.3f); %.0f s",
			set, m.f1(), BinaryMetrics.rocAuc(ps, ys), threshold, train.size(), val.size(), test.size(), all,
			BinaryMetrics.rocAuc(oof, y), best.f1(), best.threshold(), 2.0 * positives / (positives + all),
			(System.nanoTime() - t0) / 1e9);
		System.out.println(line);
		return line;
	}

	static String train(String set, Path dir, String outputs, Map<String, String> a, Map<String, String> extra)
		throws IOException
	{
		Path model = dir.resolve("model-outputs" + outputs);
		Map<String, String> o = new LinkedHashMap<>();
		o.put("train", dir.resolve("split/x_train.csv").toString());
		o.put("val", dir.resolve("split/x_val.csv").toString());
		o.put("images", dir.resolve("data/train_images").toString());
		o.put("out", model.toString());
		o.put("size", a.get("size"));
		o.put("outputs", outputs);
		o.put("weights", "none");
		o.put("finetune", "all");
		o.put("epochs", a.get("epochs"));
		o.put("batch", a.get("batch"));
		o.put("patience", "0");
		o.put("overwrite", "true");
		o.put("cache", dir.resolve("cache").toString());
		if (!outputs.equals("1")) o.put("weighting", "balanced");
		o.putAll(extra);
		List<String> args = new ArrayList<>(List.of("train"));
		for (Map.Entry<String, String> e : o.entrySet()) args.add(e.getKey() + "=" + e.getValue());
		long t0 = System.nanoTime();
		run(args.toArray(String[]::new));
		double wall = (System.nanoTime() - t0) / 1e9;

		ModelInfo info = ModelInfo.read(model.resolve(ModelInfo.FILE_NAME));
		List<EpochMetrics> h = info.history();
		StringBuilder perEpoch = new StringBuilder();
		double best = Double.NaN, worstFall = 0, seconds = 0;
		int lastThirdFrom = h.size() - h.size() / 3 + 1; // e.g. epochs 9..12 of 12
		for (EpochMetrics m : h) {
			perEpoch.append(perEpoch.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", m.valF1()));
			if (BinaryMetrics.isBetter(m.valF1(), best)) best = m.valF1();
			// fall from the best so far; an undefined F1 counts as a fall to 0
			if (m.epoch() >= lastThirdFrom) worstFall = Math.max(worstFall, Double.isNaN(m.valF1()) ? best : best - m.valF1());
			seconds += m.seconds();
		}
		int n = Integer.parseInt(outputs);
		ImageList test = ImageList.listCsv(dir.resolve("split/x_test.csv"), dir.resolve("data/train_images")).requireLabels(n);
		float[][] p = new float[test.size()][];
		try (Classifier c = Classifier.open(model)) {
			List<Path> files = new ArrayList<>();
			for (ImageList.Entry e : test.entries()) files.add(e.file());
			int[] k = { 0 };
			c.classifyFiles(files, pr -> p[k[0]++] = pr.probabilities());
		}
		double[] th = info.thresholds();
		StringBuilder perClass = new StringBuilder();
		BinaryMetrics micro = null;
		List<Float> all = new ArrayList<>();
		List<Boolean> allTruth = new ArrayList<>();
		for (int c = 0; c < n; c++) {
			float[] pc = new float[p.length];
			boolean[] tc = new boolean[p.length];
			for (int i = 0; i < p.length; i++) {
				pc[i] = p[i][c];
				tc[i] = test.entries().get(i).labels(n)[c] >= 0.5f;
				all.add(pc[i]);
				allTruth.add(tc[i]);
			}
			BinaryMetrics m = BinaryMetrics.of(pc, tc, th[c]);
			micro = micro == null ? m : micro.plus(m);
			if (n > 1) perClass.append(String.format(Locale.ROOT, " class_%d F1 %.3f AUC %.3f (%d positive);", c + 1,
				m.f1(), BinaryMetrics.rocAuc(pc, tc), m.positives()));
		}
		float[] pa = new float[all.size()];
		boolean[] ta = new boolean[all.size()];
		for (int i = 0; i < pa.length; i++) {
			pa[i] = all.get(i);
			ta[i] = allTruth.get(i);
		}
		int trainImages = ImageList.listCsv(dir.resolve("split/x_train.csv"), dir.resolve("data/train_images")).requireLabels(n).size();
		String line = String.format(Locale.ROOT,
			"%s set, outputs=%s, weights=none finetune=all %s: test F1 %.3f%s, AUC %.3f%s | best val F1 %.3f at epoch %d of %d,"
				+ " largest fall from the best in the last third %.3f | validation F1 per epoch: %s | %.1f s per epoch,"
				+ " %.3f s per training image (steps + validation), %.0f s wall incl. graph build and export",
			set, outputs, a.get("size"), micro.f1(), n > 1 ? " (micro)" : "", BinaryMetrics.rocAuc(pa, ta),
			n > 1 ? " (pooled);" + perClass : "", best, info.bestEpoch(), h.size(), worstFall, perEpoch,
			seconds / h.size(), seconds / h.size() / trainImages, wall);
		System.out.println(line);
		return line;
	}

	/** Out-of-fold probabilities of a 100-tree forest: image i is predicted by the forest trained without its fold (i mod folds). */
	static float[] crossValidated(float[][] x, boolean[] y, int folds) {
		float[] p = new float[x.length];
		for (int f = 0; f < folds; f++) {
			List<float[]> tx = new ArrayList<>();
			List<Boolean> ty = new ArrayList<>();
			for (int i = 0; i < x.length; i++) {
				if (i % folds == f) continue;
				tx.add(x[i]);
				ty.add(y[i]);
			}
			boolean[] yy = new boolean[ty.size()];
			for (int i = 0; i < yy.length; i++) yy[i] = ty.get(i);
			RandomForest rf = new RandomForest(tx.toArray(float[][]::new), yy, 100, 1, f);
			for (int i = f; i < x.length; i += folds) p[i] = rf.probability(x[i]);
		}
		return p;
	}

	private static float[][] stats(ImageList list) throws IOException {
		float[][] x = new float[list.size()][];
		for (int i = 0; i < x.length; i++) {
			RgbImage img = RgbImage.of(ImageIO.read(list.entries().get(i).file().toFile()));
			float[] rgb = img.pixels(), grey = new float[img.height() * img.width()];
			for (int k = 0; k < grey.length; k++) grey[k] = (rgb[3 * k] + rgb[3 * k + 1] + rgb[3 * k + 2]) / 3f;
			x[i] = BlockStatistics.of(grey, img.width(), img.height());
		}
		return x;
	}

	private static boolean[] truth(ImageList list) {
		boolean[] t = new boolean[list.size()];
		for (int i = 0; i < t.length; i++) t[i] = list.entries().get(i).labels(1)[0] >= 0.5f;
		return t;
	}

	private static void run(String... args) {
		System.out.println("$ " + String.join(" ", args));
		PrintStream out = System.out;
		int code = Main.run(args, out, System.err);
		if (code != 0) throw new IllegalStateException(args[0] + " failed with exit code " + code);
	}
}
