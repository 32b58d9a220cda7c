package io.github.steeldefects.model.train;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.infer.Classifier;

/**
 * Timings for the report (not a test):
 * <ol>
 * <li>head training: epochs on synthetic cached features of 9,048 training and 2,263 validation images;</li>
 * <li>classification of JPEG files end to end through DJL (decode, resize, forward) versus the bare
 * forward pass of the same graph in a TF Java session on images already in memory.</li>
 * </ol>
 * <li>optionally ({@code finetune=N tuneImages=M}): one fine-tuning epoch over M images with the last N
 * blocks trainable (training steps plus whole-set scoring of the M images and as many validation images).</li>
 * Arguments (all optional): {@code images=32 height=256 width=512 batch=8 epochs=3 finetune=0 tuneImages=16}.
 */
public final class TrainingBenchmark {

	public static void main(String[] args) throws Exception {
		int images = 32, height = 256, width = 512, batch = 8, epochs = 3, finetune = 0, tuneImages = 16;
		for (String a : args) {
			String[] kv = a.split("=", 2);
			int v = Integer.parseInt(kv[1]);
			switch (kv[0]) {
				case "images" -> images = v;
				case "height" -> height = v;
				case "width" -> width = v;
				case "batch" -> batch = v;
				case "epochs" -> epochs = v;
				case "finetune" -> finetune = v;
				case "tuneImages" -> tuneImages = v;
				default -> throw new IllegalArgumentException("Unknown argument " + a);
			}
		}
		System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		Path work = Files.createTempDirectory("steel-defects-benchmark");

		// 1. head epochs on cached features
		LabeledFeatures train = SyntheticFeatures.make(9048, 2048, 1, 1.0, 1);
		LabeledFeatures val = SyntheticFeatures.make(2263, 2048, 1, 1.0, 2);
		TrainingSettings settings = TrainingSettings.builder().epochs(epochs).batchSize(32).patience(0).seed(0).build();
		long t0 = System.nanoTime();
		TrainingResult r = new HeadTrainer(settings).train(train, val, work.resolve("head"), p -> System.out.println(
			p.latest() + String.format(" (eta %.1f s)", p.etaSeconds())), null);
		double total = (System.nanoTime() - t0) / 1e9;
		System.out.printf("head: %d epochs on 9048 train + 2263 val cached features (2048 each), batch 32: "
			+ "%.2f s total incl. graph build, %.2f s per epoch (training steps + whole-set scoring + checkpoint)%n",
			r.history().size(), total, r.history().stream().mapToDouble(EpochMetrics::seconds).average().orElse(0));

		// 2. classify throughput
		XceptionWeights base = XceptionWeights.random(1);
		HeadWeights head = r.bestWeights();
		Random random = new Random(3);
		List<Path> files = new ArrayList<>();
		List<RgbImage> inMemory = new ArrayList<>();
		for (int i = 0; i < images; i++) {
			BufferedImage b = new BufferedImage(1600, 256, BufferedImage.TYPE_INT_RGB); // Severstal size
			for (int y = 0; y < 256; y++) for (int x = 0; x < 1600; x++) {
				int g = 60 + random.nextInt(60) + ((x / 40 + y / 40 + i) % 2) * 60;
				b.setRGB(x, y, (g << 16) | (g << 8) | g);
			}
			Path f = work.resolve(String.format("img%03d.jpg", i));
			ImageIO.write(b, "jpg", f.toFile());
			files.add(f);
			inMemory.add(RgbImage.of(b).resized(height, width));
		}
		Path model = work.resolve("model");
		double bare;
		try (ModelExporter exporter = new ModelExporter(base, head, height, width, runtime)) {
			exporter.predict(inMemory.subList(0, Math.min(batch, images))); // warm-up
			long t = System.nanoTime();
			for (int from = 0; from < images; from += batch) exporter.predict(inMemory.subList(from, Math.min(images, from + batch)));
			bare = (System.nanoTime() - t) / 1e9;
			long e = System.nanoTime();
			exporter.export(model, ExportDetails.of(r, settings));
			System.out.printf("export of the full SavedModel: %.2f s%n", (System.nanoTime() - e) / 1e9);
		}
		double endToEnd;
		long open = System.nanoTime();
		try (Classifier c = Classifier.open(model, Classifier.Options.defaults().withBatchSize(batch))) {
			System.out.printf("DJL model load: %.2f s%n", (System.nanoTime() - open) / 1e9);
			c.classifyFiles(files.subList(0, Math.min(batch, images)), p -> { }); // warm-up
			long t = System.nanoTime();
			int[] count = { 0 };
			c.classifyFiles(files, p -> count[0]++);
			endToEnd = (System.nanoTime() - t) / 1e9;
		}
		System.out.printf("bare forward (TF Java session, %d x %d, batch %d, in memory): %.3f s/image, %.2f images/s%n",
			height, width, batch, bare / images, images / bare);
		System.out.printf("classify end to end (DJL, 1600 x 256 JPEG decode + resize + forward, batch %d): %.3f s/image, %.2f images/s (%.0f%% of bare)%n",
			batch, endToEnd / images, images / endToEnd, 100 * bare / endToEnd);

		if (finetune > 0) {
			List<io.github.steeldefects.model.ImageSource> sources = new ArrayList<>();
			float[][] labels = new float[tuneImages][1];
			for (int i = 0; i < tuneImages; i++) {
				sources.add(io.github.steeldefects.model.ImageSource.file(files.get(i % files.size())));
				labels[i][0] = i % 2;
			}
			LabeledImages set = new LabeledImages(sources, labels);
			TrainingSettings tune = settings.toBuilder().finetune(finetune).epochs(1).batchSize(batch).build();
			long t = System.nanoTime();
			TrainingResult tr = new HeadTrainer(tune).fineTune(set, set, base, height, width, work.resolve("tune"), null, null);
			double s = (System.nanoTime() - t) / 1e9;
			System.out.printf("fine-tune finetune=%d, %d x %d, batch %d: one epoch over %d images + scoring 2 x %d images: "
				+ "%.1f s total incl. graph build and checkpoint (%.1f s epoch), %.2f s per training image%n",
				finetune, height, width, batch, tuneImages, tuneImages, s, tr.history().get(0).seconds(),
				tr.history().get(0).seconds() / tuneImages);
		}
		System.out.println("work folder (delete when done): " + work);
	}
}
