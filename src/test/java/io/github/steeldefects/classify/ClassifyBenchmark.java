package io.github.steeldefects.classify;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.github.steeldefects.Progress;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.ModelExporter;

/**
 * Classify throughput (not a test): images/s end to end through the classify core (JPEG decode of
 * the 1600 x 256 sample images, resize to the model input, forward through DJL, predictions CSV
 * row) versus the bare forward pass of the same model through DJL on batches already resized in
 * memory, same input size and batch. The model (random Xception base, random head) is exported
 * once into {@code target/classify-benchmark-model-HxW}.
 * <p>
 * Arguments (all optional): {@code images=64 height=256 width=512 batch=8 rounds=3 device=cpu};
 * the two measurements alternate and each reports its best round.
 */
public final class ClassifyBenchmark {

	public static void main(String[] args) throws Exception {
		int images = 64, height = 256, width = 512, batch = 8, rounds = 3;
		String device = "cpu";
		for (String a : args) {
			String[] kv = a.split("=", 2);
			switch (kv[0]) {
				case "images" -> images = Integer.parseInt(kv[1]);
				case "height" -> height = Integer.parseInt(kv[1]);
				case "width" -> width = Integer.parseInt(kv[1]);
				case "batch" -> batch = Integer.parseInt(kv[1]);
				case "device" -> device = kv[1];
				case "rounds" -> rounds = Integer.parseInt(kv[1]);
				default -> throw new IllegalArgumentException("Unknown argument " + a);
			}
		}
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.parse(device), System.out::println);
		Path model = Paths.get("target", "classify-benchmark-model-" + height + "x" + width);
		if (!Files.exists(model.resolve("saved_model.pb"))) {
			long t = System.nanoTime();
			HeadWeights head = randomHead(new Random(1));
			try (ModelExporter e = new ModelExporter(XceptionWeights.random(1), head, height, width, runtime)) {
				e.export(model, new ExportDetails(List.of("defect"), new double[] { 0.5 }, null, 0, List.of()));
			}
			System.out.printf(Locale.ROOT, "exported %s in %.1f s%n", model, (System.nanoTime() - t) / 1e9);
		}

		// the sample images, repeated to the asked number (file reads are not cached by us)
		List<String> ids = TestModels.sampleIds(64);
		List<ImageSource> files = new ArrayList<>();
		for (int i = 0; i < images; i++) files.add(ImageSource.file(TestModels.SAMPLE.resolve("train_images").resolve(ids.get(i % ids.size()))));

		System.out.printf(Locale.ROOT, "%d images of 1600 x 256 (JPEG) -> %d x %d, batch %d, %d cores, device %s%n", images,
			height, width, batch, Runtime.getRuntime().availableProcessors(), device);

		// decode + resize only
		long t0 = System.nanoTime();
		List<RgbImage> resized = new ArrayList<>();
		for (ImageSource s : files) resized.add(s.load().resized(height, width));
		double decodeSeconds = (System.nanoTime() - t0) / 1e9;

		try (Classifier c = Classification.openModel(model, "auto", device, "auto", batch, System.err::println)) {
			c.predict(resized.subList(0, Math.min(batch, resized.size()))); // warm-up (graph optimisation, allocations)

			Classification.Input list = Classification.Input.of(files.subList(0, images), "sample images");
			// alternate the two measurements and keep each one's best round: the machine may be shared
			double forwardSeconds = Double.MAX_VALUE, endToEndSeconds = Double.MAX_VALUE;
			Classification.Result r = null;
			for (int round = 0; round < rounds; round++) {
				long t1 = System.nanoTime();
				c.predict(resized);
				double f = (System.nanoTime() - t1) / 1e9;
				long t2 = System.nanoTime();
				try (Writer w = Writer.nullWriter()) {
					r = Classification.run(c, list, Thresholds.of(0.5), w, null, null, Progress.NONE, 2 * batch);
				}
				double e = (System.nanoTime() - t2) / 1e9;
				System.out.printf(Locale.ROOT, "round %d: bare forward %.2f images/s, end to end %.2f images/s%n", round + 1,
					images / f, images / e);
				forwardSeconds = Math.min(forwardSeconds, f);
				endToEndSeconds = Math.min(endToEndSeconds, e);
			}

			System.out.printf(Locale.ROOT, "decode + resize only      : %7.2f images/s (%.2f s)%n", images / decodeSeconds, decodeSeconds);
			System.out.printf(Locale.ROOT, "bare forward (DJL, best)  : %7.2f images/s (%.2f s)%n", images / forwardSeconds, forwardSeconds);
			System.out.printf(Locale.ROOT, "classify end to end (best): %7.2f images/s (%.2f s, %d images)%n", images / endToEndSeconds,
				endToEndSeconds, r.images());
			System.out.printf(Locale.ROOT, "end to end / bare forward : %.2f%n", forwardSeconds / endToEndSeconds);
		}
	}

	private static HeadWeights randomHead(Random r) {
		int f = io.github.steeldefects.model.Xception.FEATURES;
		float[] ones = new float[f], zeros = new float[f], kernel = new float[f];
		java.util.Arrays.fill(ones, 1f);
		for (int i = 0; i < f; i++) kernel[i] = (float) (r.nextGaussian() * 0.02);
		return new HeadWeights(f, 1, 1e-3f, ones, zeros, zeros.clone(), ones.clone(), kernel, new float[1]);
	}
}
