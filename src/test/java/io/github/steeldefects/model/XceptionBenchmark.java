package io.github.steeldefects.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Speed of TensorFlow and of the Xception base on this machine. Not a unit test.
 * <p>
 * Usage: {@code XceptionBenchmark [weights.h5] [threads]} (random weights without a file; speed is the same).
 * Prints TF matmul GFLOP/s at 4096^2 (fp32 and bf16), Xception forward images/s at 256 x 512 for batch 1
 * and 8 in fp32 and in bf16, measured alternating in one process (so that other load on the machine hits
 * both), their ratio and the share of the fp32 matmul rate; end-to-end feature extraction (JPEG decode,
 * resize, forward, cache write) in both precisions, alternating; and peak memory. With {@code threads}
 * it also compares fp32 session thread settings (intra-op x inter-op) at batch 8, and batch 16.
 */
public final class XceptionBenchmark {

	public static void main(String[] args) throws IOException {
		TensorFlowRuntime rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
			ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

		boolean threads = List.of(args).contains("threads");
		String weightsFile = List.of(args).stream().filter(a -> !a.equals("threads")).findFirst().orElse(null);
		TensorFlowRuntime bf16 = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, TensorFlowRuntime.Precision.BF16,
			System.out::println);
		double matmul = matmulGflops(rt, 4096, 5);
		System.out.printf("TF matmul 4096^2: %.1f GFLOP/s%n", matmul);
		System.out.printf("TF matmul 4096^2 in bf16: %.1f GFLOP/s%n", matmulGflops(rt, 4096, 5, true));

		XceptionWeights w = weightsFile != null ? KerasWeightsFile.read(Paths.get(weightsFile)) : XceptionWeights.random(1);
		int h = Xception.DEFAULT_HEIGHT, wd = Xception.DEFAULT_WIDTH;
		double gflopPerImage = Xception.flopsPerImage(h, wd) / 1e9;
		System.out.printf("Xception %d x %d: %.2f GFLOP/image, %,d parameters (%s)%n", h, wd, gflopPerImage,
			w.parameterCount(), w.id());
		for (int batch : new int[] { 1, 8 }) {
			double[] mm = new double[1];
			// third: the fp32 graph with TensorFlow's oneDNN bf16 rewrite (what fine-tuning gets), for comparison
			double[] s = forwardAlternating(List.of(new Forward("fp32", rt.sessionConfig(), false),
				new Forward("bf16", bf16.sessionConfig(), true), new Forward("rewrite", bf16.mixedPrecisionSessionConfig(), false)),
				w, h, wd, batch, batch == 1 ? 8 : 3, mm);
			System.out.printf("TF matmul 4096^2 alternating with the batch %d forwards: %.1f GFLOP/s%n", batch, mm[0]);
			for (int k = 0; k < 2; k++) {
				double gflops = gflopPerImage / s[k];
				System.out.printf("Xception forward %s batch %d: %.3f s/image = %.2f images/s = %.1f GFLOP/s = %.0f %% of fp32 matmul%n",
					k == 0 ? "fp32" : "bf16", batch, s[k], 1 / s[k], gflops, 100 * gflops / mm[0]);
			}
			System.out.printf("Xception forward batch %d: bf16 / fp32 speed ratio %.2f%n", batch, s[0] / s[1]);
			System.out.printf("Xception forward batch %d, fp32 graph with TensorFlow's oneDNN bf16 rewrite: %.3f s/image,"
				+ " %.2f x fp32 (the bf16 graph: %.2f x)%n", batch, s[2], s[0] / s[2], s[0] / s[1]);
		}
		if (threads) threadSettings(rt, w, h, wd, gflopPerImage, matmul);

		endToEnd(rt, bf16, w, h, wd, 32);
		long heapPeak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) heapPeak += pool.getPeakUsage().getUsed();
		}
		System.out.printf("load average after: %.2f (other processes on these cores lower every figure above)%n",
			ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf("peak Java heap: %d MB (max %d MB); peak resident memory of the process: %s%n", heapPeak >> 20,
			Runtime.getRuntime().maxMemory() >> 20, vmHwm());
	}

	/** One n x n matmul graph, fp32 or bf16, fed from placeholders (a product of constants would be folded away). */
	static final class Matmul implements AutoCloseable {
		private final Graph g = new Graph();
		private final Session s;
		private final Placeholder<TFloat32> a, b;
		private final Operand<?> c;
		private final TFloat32 x;
		private final int n;

		Matmul(TensorFlowRuntime rt, int n, boolean bf16) {
			this.n = n;
			Ops tf = Ops.create(g);
			a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
			b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
			c = bf16 ? tf.linalg.matMul(tf.dtypes.cast(a, org.tensorflow.types.TBfloat16.class),
				tf.dtypes.cast(b, org.tensorflow.types.TBfloat16.class)) : tf.linalg.matMul(a, b);
			float[] data = new float[n * n];
			Random r = new Random(0);
			for (int i = 0; i < data.length; i++) data[i] = r.nextFloat() - 0.5f;
			x = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(data, true, false));
			s = new Session(g, rt.sessionConfig());
			run();
		}

		/** GFLOP/s of one product (the two casts of the bf16 variant included: under 1 % of the work). */
		double run() {
			long t0 = System.nanoTime();
			s.runner().feed(a, x).feed(b, x).addTarget(c).run().close();
			return 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9) / 1e9;
		}

		@Override
		public void close() {
			x.close();
			s.close();
			g.close();
		}
	}

	static double matmulGflops(TensorFlowRuntime rt, int n, int runs) {
		return matmulGflops(rt, n, runs, false);
	}

	static double matmulGflops(TensorFlowRuntime rt, int n, int runs, boolean bf16) {
		try (Matmul m = new Matmul(rt, n, bf16)) {
			double seconds = 0;
			for (int i = 0; i < runs; i++) seconds += 2.0 * n * n * n / m.run() / 1e9;
			return 2.0 * n * n * n * runs / seconds / 1e9;
		}
	}

	/** A forward variant: a name, its session options, and whether the graph is the bf16 base. */
	record Forward(String name, org.tensorflow.proto.ConfigProto config, boolean bf16Graph) {}

	/**
	 * Seconds per image of each variant, run alternating (variant 1, 2, ..., then again) so that other
	 * load on the machine hits all of them alike.
	 */
	static double[] forwardAlternating(List<Forward> variants, XceptionWeights w, int h, int wd, int batch, int runs) {
		return forwardAlternating(variants, w, h, wd, batch, runs, null);
	}

	/**
	 * As above; with {@code matmul} not null, one fp32 4096^2 matmul also runs in each round, and its
	 * mean rate (GFLOP/s, under the same load) is stored in {@code matmul[0]}.
	 */
	static double[] forwardAlternating(List<Forward> variants, XceptionWeights w, int h, int wd, int batch, int runs,
		double[] matmul)
	{
		int k = variants.size();
		Graph[] graphs = new Graph[k];
		Session[] sessions = new Session[k];
		List<Placeholder<TFloat32>> ins = new ArrayList<>();
		List<Operand<TFloat32>> outs = new ArrayList<>();
		float[] rgb = new float[batch * h * wd * 3];
		Random r = new Random(2);
		for (int i = 0; i < rgb.length; i++) rgb[i] = r.nextInt(256);
		double[] seconds = new double[k];
		try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch, h, wd, 3), DataBuffers.of(rgb, true, false))) {
			for (int v = 0; v < k; v++) {
				graphs[v] = new Graph();
				Ops tf = Ops.create(graphs[v]);
				Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, wd, 3)));
				ins.add(in);
				outs.add(variants.get(v).bf16Graph() ? XceptionBf16.build(tf, Xception.preprocess(tf, in), w)
					: Xception.build(tf, Xception.preprocess(tf, in), w));
				sessions[v] = new Session(graphs[v], variants.get(v).config());
				sessions[v].runner().feed(in, x).fetch(outs.get(v)).run().close(); // warm-up: graph optimisation, allocation
			}
			Matmul mm = matmul == null ? null : new Matmul(TensorFlowRuntime.start(), 4096, false);
			double mmSeconds = 0;
			for (int run = 0; run < runs; run++) {
				if (mm != null) mmSeconds += 2.0 * 4096 * 4096 * 4096 / mm.run() / 1e9;
				for (int v = 0; v < k; v++) {
					long t0 = System.nanoTime();
					sessions[v].runner().feed(ins.get(v), x).fetch(outs.get(v)).run().close();
					seconds[v] += (System.nanoTime() - t0) / 1e9;
				}
			}
			if (mm != null) {
				matmul[0] = 2.0 * 4096 * 4096 * 4096 * runs / mmSeconds / 1e9;
				mm.close();
			}
		}
		finally {
			for (int v = 0; v < k; v++) {
				if (sessions[v] != null) sessions[v].close();
				if (graphs[v] != null) graphs[v].close();
			}
		}
		for (int v = 0; v < k; v++) seconds[v] /= runs * batch;
		return seconds;
	}

	/** fp32 at batch 8 with TensorFlow's default threads against explicit intra-op x inter-op settings, and batch 16. */
	static void threadSettings(TensorFlowRuntime rt, XceptionWeights w, int h, int wd, double gflopPerImage, double matmul) {
		org.tensorflow.proto.ConfigProto base = rt.sessionConfig();
		int cores = Runtime.getRuntime().availableProcessors();
		List<Forward> variants = List.of(new Forward("default threads", base, false),
			new Forward("intra " + cores + " x inter 1", base.toBuilder().setIntraOpParallelismThreads(cores)
				.setInterOpParallelismThreads(1).build(), false),
			new Forward("intra 1 x inter " + cores, base.toBuilder().setIntraOpParallelismThreads(1)
				.setInterOpParallelismThreads(cores).build(), false));
		double[] mm = new double[1];
		double[] s = forwardAlternating(variants, w, h, wd, 8, 3, mm);
		for (int k = 0; k < s.length; k++) {
			System.out.printf("fp32 forward batch 8, %s: %.3f s/image = %.0f %% of matmul (%.1f GFLOP/s alongside)%n",
				variants.get(k).name(), s[k], 100 * gflopPerImage / s[k] / mm[0], mm[0]);
		}
		double[] b16 = forwardAlternating(List.of(new Forward("fp32", base, false)), w, h, wd, 16, 2, mm);
		System.out.printf("fp32 forward batch 16, default threads: %.3f s/image = %.0f %% of matmul (%.1f GFLOP/s alongside)%n",
			b16[0], 100 * gflopPerImage / b16[0] / mm[0], mm[0]);
	}

	static double forwardSecondsPerImage(TensorFlowRuntime rt, XceptionWeights w, int h, int wd, int batch, int runs) {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, wd, 3)));
			Operand<TFloat32> out = Xception.build(tf, Xception.preprocess(tf, in), w);
			float[] rgb = new float[batch * h * wd * 3];
			Random r = new Random(2);
			for (int i = 0; i < rgb.length; i++) rgb[i] = r.nextInt(256);
			try (Session s = rt.newSession(g);
				TFloat32 x = TFloat32.tensorOf(Shape.of(batch, h, wd, 3), DataBuffers.of(rgb, true, false)))
			{
				s.runner().feed(in, x).fetch(out).run().close(); // warm-up: graph optimisation, allocation
				long t0 = System.nanoTime();
				for (int i = 0; i < runs; i++) s.runner().feed(in, x).fetch(out).run().close();
				return (System.nanoTime() - t0) / 1e9 / runs / batch;
			}
		}
	}

	/**
	 * Severstal-like 1600 x 256 grey JPEGs: decode, resize, forward (batch 8), cache write; fp32 and bf16
	 * alternating, each pass with an empty cache, then a pass from the cache.
	 */
	static void endToEnd(TensorFlowRuntime rt, TensorFlowRuntime bf16, XceptionWeights w, int h, int wd, int count)
		throws IOException
	{
		Path dir = Paths.get("target", "benchmark");
		Path cacheDir = dir.resolve("feature-cache");
		List<Path> files = benchmarkJpegs(dir.resolve("jpeg"), count);
		long d0 = System.nanoTime();
		for (Path f : files) {
			FeatureCache.contentHash(f);
			FeatureExtractor.read(f).resized(h, wd);
		}
		double decode = (System.nanoTime() - d0) / 1e9;
		System.out.printf("hash + decode + resize alone: %.1f ms/image%n", 1000 * decode / count);
		FeatureCache cache = new FeatureCache(cacheDir);
		long start = System.nanoTime();
		try (FeatureExtractor fx = new FeatureExtractor(w, h, wd, rt); FeatureExtractor fb = new FeatureExtractor(w, h, wd, bf16)) {
			fx.extract(List.of(new RgbImage(h, wd, new float[h * wd * 3]))); // warm-up
			fb.extract(List.of(new RgbImage(h, wd, new float[h * wd * 3])));
			System.out.printf("two feature extractors' start-up (graphs with weights as constants, sessions, first image): %.1f s%n",
				(System.nanoTime() - start) / 1e9);
			double[] seconds = new double[2];
			float[][][] features = new float[2][][];
			for (int round = 1; round <= 2; round++) {
				for (int k = 0; k < 2; k++) {
					deleteTree(cacheDir);
					long t0 = System.nanoTime();
					features[k] = new io.github.steeldefects.jobs.CachedFeatures(k == 0 ? fx : fb, cache, null, 0, 8).compute(originals(files), io.github.steeldefects.Progress.NONE);
					double s = (System.nanoTime() - t0) / 1e9;
					seconds[k] += s;
					System.out.printf("end-to-end feature extraction %s, round %d (hash + decode 1600 x 256 JPEG + resize to %d x %d"
						+ " + forward batch 8 + cache write): %d images in %.1f s = %.2f images/s%n", k == 0 ? "fp32" : "bf16",
						round, h, wd, count, s, count / s);
				}
			}
			System.out.printf("end-to-end feature extraction: fp32 %.2f images/s, bf16 %.2f images/s, bf16 / fp32 ratio %.2f%n",
				2 * count / seconds[0], 2 * count / seconds[1], seconds[0] / seconds[1]);
			double min = 1, sum = 0;
			for (int i = 0; i < count; i++) {
				double c = PrecisionTest.cosine(features[0][i], features[1][i]);
				min = Math.min(min, c);
				sum += c;
			}
			System.out.printf("cosine similarity of bf16 to fp32 features per image (%d images, %d x %d): min %.6f, mean %.6f%n",
				count, h, wd, min, sum / count);
			long t0 = System.nanoTime();
			new io.github.steeldefects.jobs.CachedFeatures(fb, cache, null, 0, 8).compute(originals(files), io.github.steeldefects.Progress.NONE);
			double s = (System.nanoTime() - t0) / 1e9;
			System.out.printf("second run, all cached (hash + cache read): %d images in %.2f s = %.0f images/s%n", count, s, count / s);
		}
	}

	/** {@code count} Severstal-like 1600 x 256 grey JPEGs in {@code images} (made once, then reused). */
	static List<Path> benchmarkJpegs(Path images, int count) throws IOException {
		Files.createDirectories(images);
		List<Path> files = new ArrayList<>();
		Random r = new Random(3);
		for (int i = 0; i < count; i++) {
			Path f = images.resolve(String.format("bench_%03d.jpg", i));
			if (!Files.exists(f)) {
				BufferedImage img = new BufferedImage(1600, 256, BufferedImage.TYPE_BYTE_GRAY);
				for (int y = 0; y < 256; y++) {
					for (int x = 0; x < 1600; x++) {
						img.getRaster().setSample(x, y, 0, 90 + (x * 7 + y * 3 + i * 11) % 40 + r.nextInt(16));
					}
				}
				ImageIO.write(img, "jpg", f.toFile());
			}
			files.add(f);
		}
		return files;
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
		}
	}

	private static String vmHwm() {
		try {
			for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) return line.substring(6).trim();
			}
		}
		catch (IOException | RuntimeException e) {
			// not Linux
		}
		return "unknown";
	}

	/** Each file as it is, for the feature cache. */
	static List<io.github.steeldefects.jobs.CachedFeatures.Sample> originals(List<Path> files) {
		return files.stream().map(io.github.steeldefects.jobs.CachedFeatures.Sample::original).toList();
	}
}
