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
 * Usage: {@code XceptionBenchmark [weights.h5]} (random weights without argument; speed is the same).
 * Prints TF matmul GFLOP/s at 4096^2, Xception forward images/s at 256 x 512 for batch 1 and 8 with
 * the share of the matmul rate, end-to-end feature extraction (JPEG decode, resize, forward, cache
 * write) and peak memory.
 */
public final class XceptionBenchmark {

	public static void main(String[] args) throws IOException {
		TensorFlowRuntime rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, System.out::println);
		System.out.printf("cores: %d, load average before: %.2f%n", Runtime.getRuntime().availableProcessors(),
			ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

		double matmul = matmulGflops(rt, 4096, 5);
		System.out.printf("TF matmul 4096^2: %.1f GFLOP/s%n", matmul);

		XceptionWeights w = args.length > 0 ? KerasWeightsFile.read(Paths.get(args[0])) : XceptionWeights.random(1);
		int h = Xception.DEFAULT_HEIGHT, wd = Xception.DEFAULT_WIDTH;
		double gflopPerImage = Xception.flopsPerImage(h, wd) / 1e9;
		System.out.printf("Xception %d x %d: %.2f GFLOP/image, %,d parameters (%s)%n", h, wd, gflopPerImage,
			w.parameterCount(), w.id());
		for (int batch : new int[] { 1, 8 }) {
			double secondsPerImage = forwardSecondsPerImage(rt, w, h, wd, batch, batch == 1 ? 8 : 3);
			double gflops = gflopPerImage / secondsPerImage;
			System.out.printf("Xception forward batch %d: %.3f s/image = %.2f images/s = %.1f GFLOP/s = %.0f %% of matmul%n",
				batch, secondsPerImage, 1 / secondsPerImage, gflops, 100 * gflops / matmul);
		}

		endToEnd(rt, w, h, wd, 32);
		long heapPeak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) heapPeak += pool.getPeakUsage().getUsed();
		}
		System.out.printf("load average after: %.2f (other processes on these cores lower every figure above)%n",
			ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.out.printf("peak Java heap: %d MB (max %d MB); peak resident memory of the process: %s%n", heapPeak >> 20,
			Runtime.getRuntime().maxMemory() >> 20, vmHwm());
	}

	static double matmulGflops(TensorFlowRuntime rt, int n, int runs) {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g);
			float[] data = new float[n * n];
			Random r = new Random(0);
			for (int i = 0; i < data.length; i++) data[i] = r.nextFloat() - 0.5f;
			var a = tf.constant(Shape.of(n, n), DataBuffers.of(data, true, false));
			var b = tf.constant(Shape.of(n, n), DataBuffers.of(data, true, false));
			var c = tf.linalg.matMul(a, b);
			try (Session s = rt.newSession(g)) {
				s.runner().addTarget(c).run().close();
				long t0 = System.nanoTime();
				for (int i = 0; i < runs; i++) s.runner().addTarget(c).run().close();
				double seconds = (System.nanoTime() - t0) / 1e9 / runs;
				return 2.0 * n * n * n / seconds / 1e9;
			}
		}
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

	/** Severstal-like 1600 x 256 grey JPEGs: decode, resize, forward (batch 8), cache write. */
	static void endToEnd(TensorFlowRuntime rt, XceptionWeights w, int h, int wd, int count) throws IOException {
		Path dir = Paths.get("target", "benchmark");
		Path images = dir.resolve("jpeg");
		Path cacheDir = dir.resolve("feature-cache");
		deleteTree(cacheDir);
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
		long d0 = System.nanoTime();
		for (Path f : files) {
			FeatureCache.contentHash(f);
			FeatureExtractor.read(f).resized(h, wd);
		}
		double decode = (System.nanoTime() - d0) / 1e9;
		System.out.printf("hash + decode + resize alone: %.1f ms/image%n", 1000 * decode / count);
		FeatureCache cache = new FeatureCache(cacheDir);
		long start = System.nanoTime();
		try (FeatureExtractor fx = new FeatureExtractor(w, h, wd, rt)) {
			fx.extract(List.of(new RgbImage(h, wd, new float[h * wd * 3]))); // warm-up
			System.out.printf("feature extractor start-up (graph with weights as constants, session, first image): %.1f s%n",
				(System.nanoTime() - start) / 1e9);
			for (int pass = 1; pass <= 2; pass++) {
				long t0 = System.nanoTime();
				fx.extractFiles(files, cache, "original", null, null);
				double s = (System.nanoTime() - t0) / 1e9;
				System.out.printf("end-to-end %s: %d images in %.1f s = %.2f images/s%n", pass == 1
					? "feature extraction (hash + decode 1600 x 256 JPEG + resize to 256 x 512 + forward batch 8 + cache write)"
					: "second run, all cached (hash + cache read)", count, s, count / s);
			}
		}
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
}
