package io.github.steeldefects.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.process.ImageProcessor;

import io.github.steeldefects.Progress;
import io.github.steeldefects.fiji.DefectStack;
import io.github.steeldefects.fiji.ImportPresenter;

/**
 * Not a test: a benchmark on a full-size Severstal-shaped set (12,568 images of 1600 x 256, rows
 * per class C1 897, C2 247, C3 5150, C4 801; 5,902 images without defect, 425 with two classes,
 * 2 with three). The images are ONE small valid grey JPEG whose bytes are copied 12,568 times into
 * {@code target/benchmark-severstal/train_images}; the masks are painted blobs of Severstal-like
 * area. Measures RLE decode throughput (one core), table import time, and the time and heap to
 * open the virtual stack and build one slice's overlay (no window).
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -Djava.awt.headless=true -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *   io.github.steeldefects.data.ImportBenchmark [folder [decode-only]]
 * </pre>
 */
public final class ImportBenchmark {

	static final int W = 1600, H = 256;
	static final int IMAGES = 12_568;

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args.length > 0 ? args[0] : "target/benchmark-severstal");
		Path images = root.resolve("train_images");
		Path csv = root.resolve("train.csv");
		System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
			System.getProperty("java.version"), loadAverage());
		long t0 = System.nanoTime();
		boolean existed = Files.exists(csv);
		int jpegBytes = makeData(root, images, csv);
		System.out.printf(Locale.ROOT, "data: %s, %d images = one %d-byte 1600x256 grey JPEG copied %d times (%s)%n",
			root.toAbsolutePath(), IMAGES, jpegBytes, IMAGES, existed ? "from an earlier run"
				: String.format(Locale.ROOT, "written in %.1f s", (System.nanoTime() - t0) / 1e9));

		// table import: twice, the second with the CSV and the image headers in the page cache
		DefectTable table = null;
		for (int k = 1; k <= 2; k++) {
			long t = System.nanoTime();
			table = DefectTable.load(csv, images, Progress.NONE);
			System.out.printf(Locale.ROOT, "table import run %d: %.2f s (%d rows, %d images checked by header)%n", k,
				(System.nanoTime() - t) / 1e9, table.size(), table.size());
		}
		ClassSummary s = ClassSummary.of(table);
		System.out.println(s.toText());

		decodeBenchmark(table);
		if (args.length > 1 && args[1].equals("decode-only")) return;
		stackBenchmark(table);
		System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
	}

	static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

	/** Runs {@code work} and returns {wall seconds, CPU seconds of this thread}. */
	static double[] time(Runnable work) {
		long cpu = THREADS.getCurrentThreadCpuTime();
		long t = System.nanoTime();
		work.run();
		return new double[] { (System.nanoTime() - t) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9 };
	}

	/** "X MB/s (Y MB/s per CPU second)": wall-clock rate, and the rate on the CPU time this thread got. */
	static String rate(double bytes, double[] sec) {
		return String.format(Locale.ROOT, "%.0f MB/s wall (%.0f MB/s per CPU second)", bytes / sec[0] / 1e6, bytes / sec[1] / 1e6);
	}

	static void decodeBenchmark(DefectTable table) {
		List<String> rles = new ArrayList<>();
		long painted = 0;
		for (DefectTable.Row r : table.rows())
			for (int c = 1; c <= 4; c++)
				if (r.has(c)) {
					rles.add(r.rle(c));
					painted += r.masks().pixels(c);
				}
		long chars = 0;
		for (String r : rles) chars += r.length();
		byte[] mask = new byte[W * H];
		Runnable clearAndDecode = () -> {
			for (String r : rles) {
				Arrays.fill(mask, (byte) 0);
				Rle.decodeInto(r, mask, W, H, (byte) 1);
			}
		};
		for (int k = 0; k < 3; k++) clearAndDecode.run(); // JIT warm-up
		int reps = 5;
		double[] sec = time(() -> {
			for (int k = 0; k < reps; k++) clearAndDecode.run();
		});
		double masks = (double) reps * rles.size();
		System.out.printf(Locale.ROOT, "RLE decode, one thread, %d Severstal-like masks x %d reps (%.1f MB of RLE text, %.0f MB of defect pixels):%n",
			rles.size(), reps, reps * (double) chars / 1e6, reps * (double) painted / 1e6);
		System.out.printf(Locale.ROOT, "  clear + decodeInto a reused 1600x256 mask: %.0f masks/s wall; mask written (409,600 bytes each): %s; defect pixels painted: %s%n",
			masks / sec[0], rate(masks * W * H, sec), rate(reps * (double) painted, sec));
		sec = time(() -> {
			for (int k = 0; k < reps; k++)
				for (String r : rles) Rle.decodeInto(r, mask, W, H, (byte) 1);
		});
		System.out.printf(Locale.ROOT, "  decodeInto only (no clearing between masks): %.0f masks/s wall; defect pixels painted: %s%n",
			masks / sec[0], rate(reps * (double) painted, sec));
		long[] sink = { 0 };
		sec = time(() -> {
			for (int k = 0; k < reps; k++)
				for (String r : rles) sink[0] += Rle.decode(r, W, H)[0];
		});
		System.out.printf(Locale.ROOT, "  Rle.decode (new array per mask): %.0f masks/s wall; mask written: %s%n", masks / sec[0],
			rate(masks * W * H, sec));
		sec = time(() -> {
			for (String r : rles) sink[0] += Rle.encode(Rle.decode(r, W, H), W, H).length();
		});
		System.out.printf(Locale.ROOT, "  decode + encode round trip: %.0f masks/s wall, %.0f per CPU second%s%n", rles.size() / sec[0],
			rles.size() / sec[1], sink[0] < 0 ? "!" : "");
	}

	static void stackBenchmark(DefectTable table) {
		Runtime rt = Runtime.getRuntime();
		long before = usedHeap(rt);
		long t = System.nanoTime();
		DefectStack stack = new DefectStack(table, 0);
		ImagePlus imp = new ImagePlus("bench", stack);
		imp.setOverlay(stack.overlay(1));
		double open = (System.nanoTime() - t) / 1e9;
		// a slice with the most classes: its image is read and its overlay built
		int n = 1;
		for (int i = 1; i <= stack.size(); i++)
			if (table.rows().get(i - 1).totalDefects() > table.rows().get(n - 1).totalDefects()) n = i;
		t = System.nanoTime();
		imp.setSlice(n);
		double slice = (System.nanoTime() - t) / 1e9;
		t = System.nanoTime();
		Overlay o = stack.overlay(n == 1 ? 2 : 1);
		ImageProcessor ip = stack.getProcessor(n);
		double second = (System.nanoTime() - t) / 1e9;
		long after = usedHeap(rt);
		System.out.printf(Locale.ROOT, "virtual stack of %d slices: open %.3f s; show slice %d (%s, %d overlay ROIs) %.3f s; " +
			"another overlay + image read %.3f s; heap held by stack + image + overlay: %.1f MB (heap in use %.1f MB, max %.0f MB)%n",
			stack.size(), open, n, stack.getSliceLabel(n), imp.getOverlay().size(), slice, second,
			(after - before) / 1e6, after / 1e6, rt.maxMemory() / 1e6);
		if (o == null || ip == null) System.out.println("!");
		ImportPresenter.fillResults(new ij.measure.ResultsTable(), table); // Results table cost, for the record
		t = System.nanoTime();
		ij.measure.ResultsTable results = new ij.measure.ResultsTable();
		ImportPresenter.fillResults(results, table);
		System.out.printf(Locale.ROOT, "Results table fill (%d rows): %.2f s, heap in use now %.1f MB%n", results.size(),
			(System.nanoTime() - t) / 1e9, usedHeap(rt) / 1e6);
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException | RuntimeException e) {
			return "unknown";
		}
	}

	static long usedHeap(Runtime rt) {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return rt.totalMemory() - rt.freeMemory();
	}

	/** Writes the data set unless it is there already; returns the JPEG's size. */
	static int makeData(Path root, Path images, Path csv) throws IOException {
		BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				int v = 90 + (int) (40 * Math.sin(x / 37.0) * Math.cos(y / 23.0));
				img.setRGB(x, y, v << 16 | v << 8 | v);
			}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(img, "jpg", bytes);
		byte[] jpeg = bytes.toByteArray();
		Random rnd = new Random(2019);
		List<String> ids = new ArrayList<>();
		java.util.Set<String> seen = new java.util.HashSet<>();
		while (ids.size() < IMAGES) {
			String id = String.format("%09x.jpg", rnd.nextLong() & 0xfffffffffL);
			if (seen.add(id)) ids.add(id);
		}
		Collections.sort(ids);
		if (Files.exists(csv) && Files.isDirectory(images) && DefectTable.listImages(images).size() == IMAGES)
			return jpeg.length;
		Files.createDirectories(images);
		for (String id : ids) Files.write(images.resolve(id), jpeg);
		// class combinations with Severstal's counts: 5,902 none, 6,239 single, 425 pairs, 2 triples
		List<int[]> combos = new ArrayList<>();
		add(combos, 5902);
		add(combos, 769, 1);
		add(combos, 196, 2);
		add(combos, 4759, 3);
		add(combos, 515, 4);
		add(combos, 91, 1, 3);
		add(combos, 284, 3, 4);
		add(combos, 14, 2, 3);
		add(combos, 35, 1, 2);
		add(combos, 1, 2, 4);
		add(combos, 1, 1, 2, 3);
		add(combos, 1, 1, 3, 4);
		Collections.shuffle(combos, rnd);
		// mean defect area per class, roughly Severstal's (pixels)
		int[] meanArea = { 0, 4_400, 3_400, 25_700, 34_700 };
		StringBuilder sb = new StringBuilder("ImageId,ClassId,EncodedPixels\n");
		for (int i = 0; i < IMAGES; i++)
			for (int c : combos.get(i))
				sb.append(ids.get(i)).append(',').append(c).append(',').append(blob(rnd, c, meanArea[c])).append('\n');
		Files.writeString(csv, sb);
		return jpeg.length;
	}

	private static void add(List<int[]> combos, int n, int... classes) {
		for (int i = 0; i < n; i++) combos.add(classes);
	}

	/** A blob of about {@code area} pixels in the class's own quarter of the width (classes never overlap). */
	private static String blob(Random rnd, int cls, int area) {
		int a = Math.max(50, (int) (area * (0.3 + 1.4 * rnd.nextDouble())));
		int rows = Math.min(H, 40 + rnd.nextInt(H - 40));
		int cols = Math.max(1, Math.min(W / 4 - 2, a / rows));
		int x0 = (cls - 1) * (W / 4) + rnd.nextInt(W / 4 - cols);
		int y0 = rnd.nextInt(H - rows + 1);
		StringBuilder sb = new StringBuilder();
		for (int x = x0; x < x0 + cols; x++) {
			// wobbly edges, as real defects have
			int top = Math.max(0, y0 + rnd.nextInt(7) - 3);
			int bottom = Math.min(H, y0 + rows + rnd.nextInt(7) - 3);
			if (bottom <= top) continue;
			if (sb.length() > 0) sb.append(' ');
			sb.append((long) x * H + top + 1).append(' ').append(bottom - top);
		}
		return sb.toString();
	}
}
