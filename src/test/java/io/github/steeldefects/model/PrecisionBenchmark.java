package io.github.steeldefects.model;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import io.github.steeldefects.model.TensorFlowRuntime.Precision;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadTrainer;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.LabeledFeatures;
import io.github.steeldefects.model.train.LabeledImages;
import io.github.steeldefects.model.train.ModelExporter;
import io.github.steeldefects.model.train.TrainingResult;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * bf16 against fp32 on a fixed image set. Not a unit test.
 * <p>
 * {@code agreement data=FOLDER [size=128x256] [classify=80]}: FOLDER is a Severstal-layout folder
 * (train.csv + train_images/), e.g. from {@code generate images=800 seed=11}. Computes every image's
 * features in fp32 and in bf16 (random base weights, seed 0; alternating halves of the set so that
 * load hits both), prints the per-image cosine similarity (min, mean) and both rates; trains a head
 * on one precision's features (70 % of the images, 20 % validation) and applies it to both feature
 * sets of every image: share of images with the same decision, largest probability difference.
 * Then exports the bf16-trained model and classifies {@code classify} images through DJL with its
 * two signatures (fp32 and bf16): the same two figures on the deployed path.
 * <p>
 * {@code finetune [images=32] [size=96x192] [blocks=1] [rounds=2]}: two fine-tuning epochs in fp32,
 * then in bf16 (frozen blocks in bf16, trainable blocks and head in fp32), alternating; seconds per
 * training image of the second epoch (the first also pays for the new session's graph optimisation).
 */
public final class PrecisionBenchmark {

	public static void main(String[] args) throws Exception {
		if (args.length == 0) throw new IllegalArgumentException("Usage: PrecisionBenchmark agreement data=FOLDER | finetune");
		String mode = args[0];
		java.util.Map<String, String> o = new java.util.HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String[] kv = args[i].split("=", 2);
			o.put(kv[0], kv[1]);
		}
		System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
			ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.AUTO, System.out::println);
		switch (mode) {
			case "agreement" -> agreement(Paths.get(o.get("data")), size(o.getOrDefault("size", "128x256")),
				Integer.parseInt(o.getOrDefault("classify", "80")));
			case "finetune" -> finetune(Integer.parseInt(o.getOrDefault("images", "32")), size(o.getOrDefault("size", "96x192")),
				Integer.parseInt(o.getOrDefault("blocks", "1")), Integer.parseInt(o.getOrDefault("rounds", "2")));
			default -> throw new IllegalArgumentException("Unknown mode " + mode);
		}
		System.out.printf("load average after: %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static int[] size(String s) {
		String[] p = s.split("x");
		return new int[] { Integer.parseInt(p[0]), Integer.parseInt(p[1]) };
	}

	static void agreement(Path data, int[] hw, int classifyCount) throws Exception {
		int h = hw[0], w = hw[1];
		Set<String> defect = new HashSet<>();
		List<String> csv = Files.readAllLines(data.resolve("train.csv"), StandardCharsets.UTF_8);
		for (String line : csv.subList(1, csv.size())) {
			String[] f = line.split(",", -1);
			if (f.length >= 3 && !f[2].isBlank()) defect.add(f[0].contains("_") && f.length == 2 ? f[0].split("_")[0] : f[0]);
		}
		List<Path> files;
		try (Stream<Path> s = Files.list(data.resolve("train_images"))) {
			files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList());
		}
		int n = files.size();
		float[][] labels = new float[n][];
		String[] ids = new String[n];
		for (int i = 0; i < n; i++) {
			ids[i] = files.get(i).getFileName().toString();
			labels[i] = new float[] { defect.contains(ids[i]) ? 1 : 0 };
		}
		System.out.printf("%d images (%d with a defect) from %s, input %d x %d, random base weights (seed 0)%n", n,
			defect.size(), data, h, w);

		XceptionWeights weights = XceptionWeights.random(0);
		TensorFlowRuntime fp32Rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.FP32, s -> { });
		TensorFlowRuntime bf16Rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.BF16, s -> { });
		Path cacheDir = Files.createTempDirectory("precision-benchmark");
		FeatureCache cache = new FeatureCache(cacheDir);
		float[][] fp32 = new float[n][], bf16 = new float[n][];
		double fp32Seconds = 0, bf16Seconds = 0;
		try (FeatureExtractor a = new FeatureExtractor(weights, h, w, fp32Rt);
			FeatureExtractor b = new FeatureExtractor(weights, h, w, bf16Rt))
		{
			a.extract(List.of(new RgbImage(h, w, new float[h * w * 3]))); // warm-up
			b.extract(List.of(new RgbImage(h, w, new float[h * w * 3])));
			int chunk = 80;
			for (int from = 0; from < n; from += chunk) {
				List<Path> part = files.subList(from, Math.min(n, from + chunk));
				long t0 = System.nanoTime();
				float[][] fa = new io.github.steeldefects.jobs.CachedFeatures(a, cache, null, 0, 8).compute(XceptionBenchmark.originals(part), io.github.steeldefects.Progress.NONE);
				long t1 = System.nanoTime();
				float[][] fb = new io.github.steeldefects.jobs.CachedFeatures(b, cache, null, 0, 8).compute(XceptionBenchmark.originals(part), io.github.steeldefects.Progress.NONE);
				long t2 = System.nanoTime();
				fp32Seconds += (t1 - t0) / 1e9;
				bf16Seconds += (t2 - t1) / 1e9;
				System.arraycopy(fa, 0, fp32, from, fa.length);
				System.arraycopy(fb, 0, bf16, from, fb.length);
			}
		}
		System.out.printf(Locale.ROOT, "features end to end (decode, resize, forward batch 8, cache write), alternating:"
			+ " fp32 %.2f images/s, bf16 %.2f images/s, ratio %.2f%n", n / fp32Seconds, n / bf16Seconds, fp32Seconds / bf16Seconds);
		double minCos = 1, sumCos = 0, maxRel = 0;
		for (int i = 0; i < n; i++) {
			double c = PrecisionTest.cosine(fp32[i], bf16[i]);
			minCos = Math.min(minCos, c);
			sumCos += c;
			double scale = 0, diff = 0;
			for (int j = 0; j < fp32[i].length; j++) {
				scale = Math.max(scale, Math.abs(fp32[i][j]));
				diff = Math.max(diff, Math.abs(fp32[i][j] - bf16[i][j]));
			}
			maxRel = Math.max(maxRel, diff / scale);
		}
		System.out.printf(Locale.ROOT, "cosine similarity bf16 vs fp32 features per image: min %.6f, mean %.6f (%d images);"
			+ " largest |difference| / largest |feature| of an image: %.4f%n", minCos, sumCos / n, n,
			maxRel);

		// a fixed split: 70 % train, 20 % validation, the rest only scored
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < n; i++) order.add(i);
		Collections.shuffle(order, new Random(11));
		int nTrain = (int) (0.7 * n), nVal = (int) (0.2 * n);
		HeadWeights bf16Head = null;
		double bf16Threshold = 0.5;
		for (Precision trainedOn : List.of(Precision.FP32, Precision.BF16)) {
			float[][] x = trainedOn == Precision.FP32 ? fp32 : bf16;
			TrainingSettings settings = TrainingSettings.builder().epochs(40).batchSize(32).patience(5).seed(0).build();
			TrainingResult r = new HeadTrainer(settings).train(subset(order.subList(0, nTrain), ids, x, labels),
				subset(order.subList(nTrain, nTrain + nVal), ids, x, labels), Files.createTempDirectory("precision-head"),
				null, null);
			double t = r.thresholds()[0];
			float[][] pa = r.bestWeights().predict(fp32), pb = r.bestWeights().predict(bf16);
			report("head trained on " + trainedOn.key() + " features (best epoch " + r.bestEpoch() + ", threshold "
				+ String.format(Locale.ROOT, "%.3f", t) + "), applied to fp32 and bf16 features of all " + n + " images", pa,
				pb, t, labels);
			if (trainedOn == Precision.BF16) {
				bf16Head = r.bestWeights();
				bf16Threshold = t;
			}
		}

		// the deployed path: the bf16-trained model's two SavedModel signatures through DJL
		Path model = cacheDir.resolve("model");
		try (ModelExporter e = new ModelExporter(weights, bf16Head, h, w, bf16Rt)) {
			e.export(model, new ExportDetails(List.of("defect"), new double[] { bf16Threshold }, null, 0, List.of())
				.withPrecision(Precision.BF16));
		}
		List<ImageSource> sources = new ArrayList<>();
		float[][] someLabels = new float[Math.min(classifyCount, n)][];
		for (int k = 0; k < someLabels.length; k++) {
			int i = order.get(n - 1 - k);
			sources.add(ImageSource.file(files.get(i)));
			someLabels[k] = labels[i];
		}
		float[][][] probs = new float[2][][];
		double[] seconds = new double[2];
		Classifier.Options opt = Classifier.Options.defaults().withDevice(TensorFlowRuntime.Device.CPU);
		try (Classifier c32 = Classifier.open(model, opt.withPrecision(Precision.FP32), s -> { });
			Classifier c16 = Classifier.open(model, opt.withPrecision(Precision.BF16), s -> { }))
		{
			c32.predict(List.of(new RgbImage(h, w, new float[h * w * 3])));
			c16.predict(List.of(new RgbImage(h, w, new float[h * w * 3])));
			for (int k = 0; k < 2; k++) {
				Classifier c = k == 0 ? c32 : c16;
				List<float[]> out = new ArrayList<>();
				long t0 = System.nanoTime();
				c.classify(sources, p -> out.add(p.probabilities()));
				seconds[k] = (System.nanoTime() - t0) / 1e9;
				probs[k] = out.toArray(new float[0][]);
			}
		}
		report("classify (DJL, the bf16-trained model's serving_default = fp32 and serving_bf16 signatures) on "
			+ sources.size() + " held-out images", probs[0], probs[1], bf16Threshold, someLabels);
		System.out.printf(Locale.ROOT, "classify end to end (decode, resize, forward batch 8): fp32 %.2f images/s, bf16 %.2f"
			+ " images/s, ratio %.2f%n", sources.size() / seconds[0], sources.size() / seconds[1], seconds[0] / seconds[1]);
		System.out.println("work folder (delete when done): " + cacheDir);
	}

	private static LabeledFeatures subset(List<Integer> idx, String[] ids, float[][] x, float[][] labels) {
		String[] i2 = new String[idx.size()];
		float[][] x2 = new float[idx.size()][], l2 = new float[idx.size()][];
		for (int k = 0; k < idx.size(); k++) {
			i2[k] = ids[idx.get(k)];
			x2[k] = x[idx.get(k)];
			l2[k] = labels[idx.get(k)];
		}
		return new LabeledFeatures(i2, x2, l2);
	}

	private static void report(String what, float[][] fp32, float[][] bf16, double threshold, float[][] labels) {
		int same = 0, correct32 = 0, correct16 = 0;
		double maxDiff = 0;
		for (int i = 0; i < fp32.length; i++) {
			boolean a = fp32[i][0] >= threshold, b = bf16[i][0] >= threshold, truth = labels[i][0] > 0.5f;
			if (a == b) same++;
			if (a == truth) correct32++;
			if (b == truth) correct16++;
			maxDiff = Math.max(maxDiff, Math.abs(fp32[i][0] - bf16[i][0]));
		}
		System.out.printf(Locale.ROOT, "%s: same decision %d of %d (%.2f %%), largest probability difference %.4f;"
			+ " accuracy fp32 %.3f, bf16 %.3f%n", what, same, fp32.length, 100.0 * same / fp32.length, maxDiff,
			(double) correct32 / fp32.length, (double) correct16 / fp32.length);
	}

	static void finetune(int count, int[] hw, int blocks, int rounds) throws Exception {
		int h = hw[0], w = hw[1];
		Path dir = Paths.get("target", "benchmark", "jpeg");
		List<Path> files = XceptionBenchmark.benchmarkJpegs(dir, Math.min(count, 32));
		List<ImageSource> sources = new ArrayList<>();
		float[][] labels = new float[count][1];
		for (int i = 0; i < count; i++) {
			sources.add(ImageSource.file(files.get(i % files.size())));
			labels[i][0] = i % 2;
		}
		LabeledImages set = new LabeledImages(sources, labels);
		XceptionWeights base = XceptionWeights.random(0);
		TrainingSettings tune = TrainingSettings.builder().finetune(blocks).epochs(2).batchSize(8).patience(0).seed(0).build();
		double[] total = new double[2];
		for (int round = 1; round <= rounds; round++) {
			for (Precision p : List.of(Precision.FP32, Precision.BF16)) {
				TrainingResult r = new HeadTrainer(tune).precision(p).fineTune(set, set, base, h, w,
					Files.createTempDirectory("precision-tune"), null, null);
				// epoch 1 includes TensorFlow's one-off graph optimisation of the new session; epoch 2 is the steady state
				double first = r.history().get(0).seconds(), s = r.history().get(1).seconds();
				if (round > 1 || rounds == 1) total[p == Precision.FP32 ? 0 : 1] += s;
				System.out.printf(Locale.ROOT, "round %d, fine-tune finetune=%d %d x %d batch 8, %s: second epoch over %d images"
					+ " (+ scoring) %.1f s = %.3f s per training image (first epoch %.1f s); train loss after it %.4f%n", round,
					blocks, h, w, p.key(), count, s, s / count, first, r.history().get(1).trainLoss());
			}
		}
		System.out.printf(Locale.ROOT, "fine-tuning bf16 vs fp32 (rounds after the first): ratio %.2f%n", total[0] / total[1]);
		// where the epoch goes: the bare forward of the base at this size, and decoding the images
		TensorFlowRuntime rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.FP32, s -> { });
		double[] fwd = XceptionBenchmark.forwardAlternating(List.of(new XceptionBenchmark.Forward("fp32", rt.sessionConfig(), false),
			new XceptionBenchmark.Forward("bf16", rt.sessionConfig(), true)), base, h, w, 8, 4);
		System.out.printf(Locale.ROOT, "bare forward of the whole base at %d x %d batch 8, alternating: fp32 %.3f s/image,"
			+ " bf16 %.3f s/image, ratio %.2f%n", h, w, fwd[0], fwd[1], fwd[0] / fwd[1]);
		long t0 = System.nanoTime();
		for (ImageSource src : sources) src.load().resized(h, w);
		System.out.printf(Locale.ROOT, "decoding + resizing the %d training images once: %.3f s/image (fine-tuning decodes"
			+ " each image for the training step and again for scoring)%n", count, (System.nanoTime() - t0) / 1e9 / count);
	}
}
