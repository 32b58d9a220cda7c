package io.github.steeldefects.augment;

import java.util.Locale;

/**
 * How long augmenting one Severstal-sized image (1600 x 256, grey + label mask) takes; not a test.
 * The model's forward pass is about 130 ms per image on the build machine. The geometry runs as
 * ImgLib2 views, copied out block-wise by {@code PrimitiveBlocks} (README has the figures).
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.steeldefects.augment.AugmentBenchmark 300
 * </pre>
 */
public final class AugmentBenchmark {

	private AugmentBenchmark() {}

	public static void main(String[] args) {
		int w = 1600, h = 256;
		byte[] image = new byte[w * h];
		byte[] mask = new byte[w * h];
		for (int i = 0; i < image.length; i++) {
			image[i] = (byte) (80 + (i * 31 % 97));
			if (i % w > 400 && i % w < 600 && i / w > 50 && i / w < 150) mask[i] = 3;
		}
		String[] configs = { "hflip=1 vflip=1", "shift=0.05 zoom=0.1", "brightness=0.2 contrast=0.2", "noise=0.02",
			AugmentConfig.DEFAULT };
		int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		long sink = 0;
		// CPU time as well as wall time: on a shared machine the wall clock counts other people's work
		java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
		for (String c : configs) {
			Augmenter a = new Augmenter(AugmentConfig.parse(c));
			for (int v = 1; v <= 50; v++) sink += a.apply(image, mask, w, h, 1, v).image()[v]; // warm-up
			long c0 = cpu.getCurrentThreadCpuTime();
			long t0 = System.nanoTime();
			for (int v = 1; v <= iterations; v++) sink += a.apply(image, mask, w, h, 1, v).image()[v];
			double ms = (System.nanoTime() - t0) / 1e6 / iterations;
			double cpuMs = (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / iterations;
			System.out.printf(Locale.ROOT, "%-70s %7.2f ms/image wall, %7.2f ms/image cpu%n", c, ms, cpuMs);
		}
		// the float path, as training feeds the model (grey levels as floats, no mask)
		float[] grey = new float[image.length];
		for (int i = 0; i < grey.length; i++) grey[i] = image[i] & 0xff;
		Augmenter a = new Augmenter(AugmentConfig.parse(AugmentConfig.DEFAULT));
		for (int v = 1; v <= 50; v++) sink += (long) a.apply(grey, null, w, h, 1, v).image()[v];
		long c0 = cpu.getCurrentThreadCpuTime();
		long t0 = System.nanoTime();
		for (int v = 1; v <= iterations; v++) sink += (long) a.apply(grey, null, w, h, 1, v).image()[v];
		System.out.printf(Locale.ROOT, "%-70s %7.2f ms/image wall, %7.2f ms/image cpu%n", "float[], no mask: " +
			AugmentConfig.DEFAULT, (System.nanoTime() - t0) / 1e6 / iterations,
			(cpu.getCurrentThreadCpuTime() - c0) / 1e6 / iterations);
		System.out.println("(checksum " + sink + ")");
	}
}
