package io.github.steeldefects.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.ExportDetails;
import io.github.steeldefects.model.train.HeadWeights;
import io.github.steeldefects.model.train.ModelExporter;

/** Models and images for the classify / evaluate tests, made in the test. */
public final class TestModels {

	public static final Path SAMPLE = Paths.get("sample-data");

	private TestModels() {}

	/** The first {@code n} sample images (sorted), with their truth from sample-data/train.csv. */
	public static List<String> sampleIds(int n) throws IOException {
		try (var s = Files.list(SAMPLE.resolve("train_images"))) {
			return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jpg")).sorted().limit(n).toList();
		}
	}

	/** Per image id: defect_1..defect_4 from the sample's train.csv (absent: no defect). */
	public static Map<String, int[]> sampleClasses() {
		Csv csv = Csv.read(SAMPLE.resolve("train.csv"));
		Map<String, int[]> out = new HashMap<>();
		for (int r = 0; r < csv.size(); r++) {
			int c = Integer.parseInt(csv.get(r, "ClassId").trim());
			out.computeIfAbsent(csv.get(r, "ImageId").trim(), k -> new int[4])[c - 1] = 1;
		}
		return out;
	}

	/** A list CSV like the split writes: image_id,defect,defect_1..defect_4. */
	public static Path writeList(Path file, List<String> ids) throws IOException {
		Map<String, int[]> classes = sampleClasses();
		StringBuilder sb = new StringBuilder("image_id,defect,defect_1,defect_2,defect_3,defect_4\n");
		for (String id : ids) {
			int[] c = classes.getOrDefault(id, new int[4]);
			int d = c[0] | c[1] | c[2] | c[3];
			sb.append(id).append(',').append(d).append(',').append(c[0]).append(',').append(c[1]).append(',')
				.append(c[2]).append(',').append(c[3]).append('\n');
		}
		Files.writeString(file, sb.toString());
		return file;
	}

	/** Copies sample images into a folder. */
	public static Path copyImages(Path folder, List<String> ids) throws IOException {
		Files.createDirectories(folder);
		for (String id : ids) Files.copy(SAMPLE.resolve("train_images").resolve(id), folder.resolve(id));
		return folder;
	}

	/**
	 * Exports a full model (random Xception base, head whose batch norm is fitted to the features of
	 * the given images, so probabilities spread) at {@code size x size}; its model.json threshold is
	 * the median probability of these images, so some are called defective and some not.
	 */
	public static Path exportXception(Path folder, List<Path> images, int size) throws IOException {
		return exportXception(folder, images, size, 1);
	}

	/** As above with 1 output (class name defect) or 4 (class_1 .. class_4, thresholds the per-class medians). */
	public static Path exportXception(Path folder, List<Path> images, int size, int outputs) throws IOException {
		TensorFlowRuntime runtime = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		XceptionWeights base = XceptionWeights.random(7);
		List<RgbImage> rgb = new ArrayList<>();
		for (Path p : images) rgb.add(FeatureExtractor.read(p).resized(size, size));
		float[][] features;
		try (FeatureExtractor fx = new FeatureExtractor(base, size, size, runtime)) {
			features = fx.extract(rgb);
		}
		HeadWeights head = headFittedTo(features, outputs, new Random(3));
		float[][] p = head.predict(features);
		double[] thresholds = new double[outputs];
		for (int k = 0; k < outputs; k++) {
			float[] column = new float[p.length];
			for (int i = 0; i < p.length; i++) column[i] = p[i][k];
			Arrays.sort(column);
			thresholds[k] = column[column.length / 2];
		}
		try (ModelExporter exporter = new ModelExporter(base, head, size, size, runtime)) {
			exporter.export(folder, new ExportDetails(ExportDetails.defaultClassNames(outputs), thresholds, null, 0, List.of()));
		}
		return folder;
	}

	/** Head: batch norm that standardises these features, small random dense layer. */
	public static HeadWeights headFittedTo(float[][] features, int outputs, Random r) {
		int f = features[0].length;
		float[] mean = new float[f], var = new float[f], gamma = new float[f], beta = new float[f];
		for (int j = 0; j < f; j++) {
			double s = 0, ss = 0;
			for (float[] x : features) {
				s += x[j];
				ss += x[j] * x[j];
			}
			mean[j] = (float) (s / features.length);
			var[j] = (float) Math.max(ss / features.length - mean[j] * mean[j], 1e-6);
			gamma[j] = 1;
		}
		float[] kernel = new float[f * outputs];
		for (int i = 0; i < kernel.length; i++) kernel[i] = (float) (r.nextGaussian() * 0.03);
		return new HeadWeights(f, outputs, 1e-3f, gamma, beta, mean, var, kernel, new float[outputs]);
	}

	/**
	 * A tiny SavedModel with no model.json: input [N, h, w, c] -&gt; per output k,
	 * sigmoid(scale_k * (mean pixel - 0.5)) as [N, outputs]. With preprocess=unit a white image
	 * gives sigmoid(scale_k / 2), a black one sigmoid(-scale_k / 2).
	 */
	public static Path tinySavedModel(Path folder, long[] inputShape, float[] scales) throws IOException {
		if (Files.exists(folder)) return folder;
		TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, System.out::println);
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.withName("pixels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
			int[] axes = new int[inputShape.length - 1];
			for (int i = 0; i < axes.length; i++) axes[i] = i + 1;
			Operand<TFloat32> mean = tf.reshape(tf.math.mean(in, tf.constant(axes)), tf.constant(new long[] { -1, 1 }));
			Operand<TFloat32> centred = tf.math.sub(mean, tf.constant(0.5f));
			Operand<TFloat32> scale = tf.variable(tf.constant(new float[][] { scales }));
			Operand<TFloat32> out = tf.withName("score").math.sigmoid(tf.linalg.matMul(centred, scale));
			try (Session s = new Session(g)) {
				s.initialize();
				SavedModelBundle.exporter(folder.toString()).withSession(s)
					.withSignature(Signature.builder().key(Signature.DEFAULT_KEY).input("pixels", in).output("score", out).build())
					.export();
			}
		}
		return folder;
	}
}
