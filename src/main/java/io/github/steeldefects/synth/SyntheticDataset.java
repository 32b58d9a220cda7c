package io.github.steeldefects.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.SeededRandom;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;

/**
 * A synthetic dataset in the Severstal layout: {@code train_images/<id>.jpg} (grey content in a
 * 3-channel JPEG) and {@code train.csv} with the run-length masks of four defect classes. The same
 * seed and size always give the same pixels and masks, on every Java (the random numbers and the
 * geometry are this project's own code), and the same files byte for byte on a given Java (JPEG
 * compression is the platform's).
 * <p>
 * Which images carry which classes follows the Severstal training set: its 12,568 images fall into
 * the class combinations of {@link #COMBINATIONS} (47% defect-free, class 3 by far the most
 * common, class 2 the rarest, about 6% of the defect images with two classes). A dataset of
 * {@code n} images gets each combination's share of {@code n}, rounded by largest remainders, in
 * a shuffled order. So that a small dataset still shows every class and can be split stratified
 * on the class combination, each class alone is given to at least {@code min(2, n / 20)} images,
 * and under 1,000 images no combination is left with a single image (it gets a second one).
 * <p>
 * Images are made a few at a time and written as they are done, so any number can be generated in
 * little memory.
 */
public final class SyntheticDataset {

	/** Number of defect classes. */
	public static final int CLASSES = 4;

	/** Severstal's per-image class combinations and how many of its 12,568 training images have each. */
	public static final int[][] COMBINATIONS = { {}, { 3 }, { 1 }, { 4 }, { 2 }, { 3, 4 }, { 1, 3 }, { 1, 2 },
		{ 2, 3 }, { 2, 4 }, { 1, 2, 3 } };
	public static final int[] SEVERSTAL_IMAGES = { 5902, 4759, 769, 516, 195, 284, 91, 35, 14, 1, 2 };

	/** The two train.csv layouts of the Kaggle competition. */
	public enum Format {
		/** {@code ImageId,ClassId,EncodedPixels}: one row per image and class present. */
		NEW,
		/** {@code ImageId_ClassId,EncodedPixels}: four rows per image, empty where a class is absent. */
		OLD;

		/** "new" or "old" (any case). */
		public static Format parse(String name) {
			for (Format f : values())
				if (f.name().equalsIgnoreCase(name == null ? "" : name.trim())) return f;
			throw new InputException("format must be new (ImageId,ClassId,EncodedPixels) or old " +
				"(ImageId_ClassId,EncodedPixels), not '" + name + "'.");
		}

		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** How hard the defects are to see. */
	public enum Difficulty {
		/** Defects a person sees at a glance (the project's original set, unchanged). */
		DEFAULT,
		/**
		 * Severstal-like: defects of low contrast against the local texture, on a strip with uneven illumination,
		 * roll marks and a strong grain along the rolling direction: each defect changes the strip's texture (pits dark in the middle, broken scratches with a
		 * bright and a dark edge, scuffed patches striated across the rolling direction, mottled blotches) but keeps
		 * the local mean and standard deviation of the strip around it. Class plan and places as in the default set;
		 * pits 2.5 and scratches 4 times as wide.
		 */
		HARD;

		/** "default" or "hard" (any case). */
		public static Difficulty parse(String name) {
			for (Difficulty d : values())
				if (d.name().equalsIgnoreCase(name == null ? "" : name.trim())) return d;
			throw new InputException("difficulty must be default (defects seen at a glance) or hard (texture "
				+ "changes at the local brightness on uneven strip), not '" + name + "'.");
		}
	}

	public static final String CSV = "train.csv";
	public static final String IMAGES = "train_images";
	/** A README beside the data is kept when a dataset is replaced. */
	public static final String README = "README.md";
	public static final int MIN_SIZE = 32;
	public static final int MAX_WIDTH = 16384;
	public static final int MAX_HEIGHT = 4096;
	public static final int MAX_IMAGES = 1_000_000;
	/** JPEG quality of the written images (as in ImageIO, 0..1). */
	public static final float JPEG_QUALITY = 0.9f;

	/** Datasets smaller than this get the small-dataset adjustments of {@link #combinationCounts}. */
	static final int SMALL = 1000;
	private static final long PLAN = 11;
	private static final long IDS = 12;

	private final long seed;
	private final int width;
	private final int height;
	private final String[] ids;
	private final int[] combination; // index into COMBINATIONS, per image
	private final Difficulty difficulty;

	/**
	 * Plans a dataset: image ids and classes; nothing is painted yet.
	 *
	 * @throws InputException when the number of images or the size is out of range
	 */
	public SyntheticDataset(long seed, int images, int width, int height) {
		this(seed, images, width, height, Difficulty.DEFAULT);
	}

	/**
	 * Plans a dataset of the given difficulty: the same ids, classes and masks as the default one with that
	 * seed and size; only the strip and the paint of the defects differ.
	 */
	public SyntheticDataset(long seed, int images, int width, int height, Difficulty difficulty) {
		this.difficulty = difficulty == null ? Difficulty.DEFAULT : difficulty;
		if (images < 1 || images > MAX_IMAGES) throw new InputException("images must lie between 1 and " +
			MAX_IMAGES + ", not " + images + ".");
		if (width < MIN_SIZE || width > MAX_WIDTH) throw new InputException("width must lie between " + MIN_SIZE +
			" and " + MAX_WIDTH + " pixels, not " + width + ".");
		if (height < MIN_SIZE || height > MAX_HEIGHT) throw new InputException("height must lie between " +
			MIN_SIZE + " and " + MAX_HEIGHT + " pixels, not " + height + ".");
		this.seed = seed;
		this.width = width;
		this.height = height;
		this.combination = plan(seed, images);
		this.ids = new String[images];
		Set<String> used = new HashSet<>();
		for (int i = 0; i < images; i++) {
			int attempt = 0;
			do {
				ids[i] = String.format(Locale.ROOT, "%09x.jpg", SeededRandom.mix(seed, IDS, i, attempt++) & 0xFFFFFFFFFL);
			}
			while (!used.add(ids[i]));
		}
	}

	/** How many images of each combination a dataset of n images gets (in COMBINATIONS order). */
	public static int[] combinationCounts(int n) {
		int total = Arrays.stream(SEVERSTAL_IMAGES).sum();
		int[] count = new int[COMBINATIONS.length];
		double[] remainder = new double[COMBINATIONS.length];
		int given = 0;
		for (int c = 0; c < count.length; c++) {
			double share = (double) n * SEVERSTAL_IMAGES[c] / total;
			count[c] = (int) Math.floor(share);
			remainder[c] = share - count[c];
			given += count[c];
		}
		Integer[] byRemainder = IntStream.range(0, count.length).boxed().toArray(Integer[]::new);
		Arrays.sort(byRemainder, Comparator.comparingDouble((Integer c) -> -remainder[c]).thenComparingInt(c -> c));
		for (int k = 0; given < n; k++, given++) count[byRemainder[k % count.length]]++;
		// small datasets: each class on its own at least min(2, n / 20) times, taken from the largest group
		int floor = Math.min(2, n / 20);
		for (int c = 0; c < count.length; c++) {
			if (COMBINATIONS[c].length != 1) continue;
			while (count[c] < floor) {
				int largest = largest(count);
				count[largest]--;
				count[c]++;
			}
		}
		// and, under 1,000 images, no combination with a single image: a split stratified on the
		// class combination needs two of each (Severstal itself has a single image with classes 2+4)
		if (n < SMALL) {
			for (int c = 0; c < count.length; c++) {
				if (count[c] != 1) continue;
				int largest = largest(count);
				if (count[largest] <= 2) break;
				count[largest]--;
				count[c]++;
			}
		}
		return count;
	}

	/** The first index of the largest count. */
	private static int largest(int[] count) {
		int largest = 0;
		for (int d = 1; d < count.length; d++)
			if (count[d] > count[largest]) largest = d;
		return largest;
	}

	private static int[] plan(long seed, int n) {
		int[] counts = combinationCounts(n);
		int[] plan = new int[n];
		int k = 0;
		for (int c = 0; c < counts.length; c++)
			for (int j = 0; j < counts[c]; j++) plan[k++] = c;
		SeededRandom rng = SeededRandom.of(seed, PLAN);
		for (int i = n - 1; i > 0; i--) {
			int j = rng.nextInt(i + 1);
			int t = plan[i];
			plan[i] = plan[j];
			plan[j] = t;
		}
		return plan;
	}

	public int size() {
		return ids.length;
	}

	/** The image id (file name) of image {@code index}, e.g. {@code 0a1b2c3d4.jpg}. */
	public String imageId(int index) {
		return ids[index];
	}

	/** The defect classes image {@code index} carries, ascending (empty: defect-free). */
	public int[] classes(int index) {
		return COMBINATIONS[combination[index]].clone();
	}

	/** Image indices in the order of their ids, the order of train.csv. */
	public int[] order() {
		return IntStream.range(0, ids.length).boxed().sorted(Comparator.comparing(i -> ids[i])).mapToInt(Integer::intValue)
			.toArray();
	}

	/** Paints image {@code index} with its defects. */
	public SyntheticImage image(int index) {
		return render(index, true);
	}

	/** The same image without its defects: identical outside the masks. */
	public SyntheticImage imageWithoutDefects(int index) {
		return render(index, false);
	}

	private SyntheticImage render(int index, boolean defects) {
		return SteelStrip.render(seed, index, ids[index], width, height, COMBINATIONS[combination[index]], defects,
			difficulty == Difficulty.HARD);
	}

	// ---- writing ----------------------------------------------------------------------------

	/**
	 * What was written.
	 *
	 * @param defectFree images without any defect
	 * @param imagesWithClass index k (1..4): images carrying class k
	 * @param multiClass images carrying two or more classes
	 * @param jpegBytes bytes of all JPEG files
	 */
	public record Summary(Path folder, Format format, int images, int width, int height, long seed, Difficulty difficulty,
		int defectFree, int[] imagesWithClass, int multiClass, long jpegBytes, double seconds)
	{

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
				"Generated %d synthetic images (%d x %d, seed %d%s) in %s: %d defect-free, %d with a defect " +
					"(images with class 1: %d, class 2: %d, class 3: %d, class 4: %d; %d with more than one class); " +
					"train.csv in the %s format; %.1f MB of JPEG; %.1f images/s.",
				images, width, height, seed, difficulty == Difficulty.HARD ? ", difficulty hard" : "", folder, defectFree, images - defectFree, imagesWithClass[1],
				imagesWithClass[2], imagesWithClass[3], imagesWithClass[4], multiClass, format.key(), jpegBytes / 1e6,
				seconds > 0 ? images / seconds : Double.POSITIVE_INFINITY);
		}
	}

	/**
	 * Writes the dataset into {@code out} atomically: it is built in a temporary sibling folder and
	 * renamed into place, so {@code out} is either the complete new dataset or untouched. An
	 * existing empty folder is filled; a non-empty one is replaced only with {@code overwrite}, and
	 * only when it holds nothing but a dataset ({@value #CSV}, {@value #IMAGES}/ with JPEG files,
	 * and a {@value #README}, which is kept).
	 */
	public Summary write(Path out, Format format, boolean overwrite, Progress progress) {
		boolean replace = checkOutput(out, overwrite);
		Path readme = out.resolve(README);
		Summary[] done = new Summary[1];
		AtomicFiles.writeFolder(out, replace, tmp -> {
			done[0] = writeInto(tmp, format, progress);
			if (Files.isRegularFile(readme)) Files.copy(readme, tmp.resolve(README));
		});
		Summary s = done[0];
		return new Summary(out, format, s.images, width, height, seed, difficulty, s.defectFree, s.imagesWithClass,
			s.multiClass, s.jpegBytes, s.seconds);
	}

	/**
	 * Checks that the dataset may be written to {@code out}; returns true when an existing folder
	 * will be replaced.
	 */
	public static boolean checkOutput(Path out, boolean overwrite) {
		if (out == null) throw new InputException("Give the folder to write the dataset to (out=...).");
		if (!Files.exists(out)) return false;
		if (!Files.isDirectory(out)) throw new InputException(out +
			" is a file; give a folder for the dataset (a new or empty one).");
		List<Path> entries;
		try (Stream<Path> files = Files.list(out)) {
			entries = files.sorted().toList();
		}
		catch (IOException e) {
			throw new InputException(out + " cannot be read (" + e.getMessage() + "); check its permissions.");
		}
		if (entries.isEmpty()) return true;
		if (!overwrite) throw new InputException(out + " is not empty; choose a new or empty folder, or pass " +
			"overwrite=true to replace the dataset in it.");
		for (Path p : entries) {
			String name = p.getFileName().toString();
			boolean ok = name.equals(CSV) && Files.isRegularFile(p) || name.equals(README) && Files.isRegularFile(p) ||
				name.equals(IMAGES) && Files.isDirectory(p) && onlyJpegs(p);
			if (!ok) throw new InputException(out + " holds " + name + ", which is not part of a generated dataset, " +
				"so overwrite=true will not replace the folder; choose a new or empty folder.");
		}
		return true;
	}

	private static boolean onlyJpegs(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.allMatch(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT)
				.endsWith(".jpg"));
		}
		catch (IOException e) {
			return false;
		}
	}

	/** One image, ready to be written: its JPEG file and its run-length masks. */
	private record Encoded(String imageId, byte[] jpeg, String[] rle) {}

	/**
	 * Writes the images and train.csv into an existing, empty folder (not atomically). Images are
	 * painted and compressed on several threads, a few at a time, and written in the order of
	 * train.csv; the files do not depend on the number of threads.
	 */
	public Summary writeInto(Path folder, Format format, Progress progress) throws IOException {
		long start = System.nanoTime();
		Path images = folder.resolve(IMAGES);
		Files.createDirectories(images);
		int n = size();
		int[] withClass = new int[CLASSES + 1];
		int defectFree = 0;
		int multi = 0;
		long bytes = 0;
		int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
		int window = 2 * threads; // images in memory at once
		ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "synthetic-images");
			t.setDaemon(true);
			return t;
		});
		Queue<JpegWriter> writers = new ConcurrentLinkedQueue<>();
		Deque<Future<Encoded>> pending = new ArrayDeque<>();
		int[] order = order();
		int submitted = 0;
		try (Writer csv = Files.newBufferedWriter(folder.resolve(CSV), StandardCharsets.UTF_8)) {
			if (format == Format.NEW) Csv.writeRow(csv, "ImageId", "ClassId", "EncodedPixels");
			else Csv.writeRow(csv, "ImageId_ClassId", "EncodedPixels");
			for (int k = 0; k < n; k++) {
				progress.checkCanceled();
				while (submitted < n && submitted < k + window) {
					int i = order[submitted++];
					pending.add(pool.submit(() -> encode(i, writers)));
				}
				Encoded img = take(pending.poll());
				Files.write(images.resolve(img.imageId), img.jpeg, StandardOpenOption.CREATE_NEW);
				bytes += img.jpeg.length;
				int present = 0;
				for (int c = 1; c <= CLASSES; c++) {
					boolean has = !img.rle[c].isEmpty();
					if (has) {
						withClass[c]++;
						present++;
					}
					if (format == Format.OLD) Csv.writeRow(csv, img.imageId + "_" + c, img.rle[c]);
					else if (has) Csv.writeRow(csv, img.imageId, String.valueOf(c), img.rle[c]);
				}
				if (present == 0) defectFree++;
				if (present > 1) multi++;
				progress.progress(k + 1, n);
				if ((k + 1) % 100 == 0 || k + 1 == n) progress.status("Generating synthetic images " + (k + 1) + "/" + n);
				// long runs say now and then how far they are
				if (n >= 1000 && (k + 1) % (n / 10) == 0 && k + 1 < n) progress.log(String.format(Locale.ROOT,
					"%d/%d synthetic images written (%.0f images/s)", k + 1, n, (k + 1) / ((System.nanoTime() - start) / 1e9)));
			}
		}
		finally {
			pool.shutdownNow();
			try {
				pool.awaitTermination(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			for (JpegWriter w : writers) w.dispose();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Summary(folder, format, n, width, height, seed, difficulty, defectFree, withClass, multi, bytes, seconds);
	}

	private Encoded encode(int index, Queue<JpegWriter> writers) throws IOException {
		SyntheticImage img = image(index);
		JpegWriter jpeg = writers.poll();
		if (jpeg == null) jpeg = new JpegWriter(width, height);
		ByteArrayOutputStream out = new ByteArrayOutputStream(128 * 1024);
		try {
			jpeg.write(img.grayArray(), out);
		}
		finally {
			writers.add(jpeg);
		}
		Encoded e = new Encoded(img.imageId(), out.toByteArray(), new String[CLASSES + 1]);
		for (int c = 1; c <= CLASSES; c++) e.rle[c] = img.rle(c);
		return e;
	}

	private static Encoded take(Future<Encoded> f) throws IOException {
		try {
			return f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("Interrupted.");
		}
		catch (ExecutionException e) {
			Throwable c = e.getCause();
			if (c instanceof IOException) throw (IOException) c;
			if (c instanceof RuntimeException) throw (RuntimeException) c;
			if (c instanceof Error) throw (Error) c;
			throw new IllegalStateException(c);
		}
	}

	/** Writes grey images as 3-channel JPEG (R = G = B), as the Severstal images are stored. */
	static final class JpegWriter {

		private final ImageWriter writer;
		private final ImageWriteParam param;
		private final BufferedImage image;
		private final byte[] bgr;

		JpegWriter(int width, int height) {
			Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
			if (!it.hasNext()) throw new IllegalStateException("This Java has no JPEG writer.");
			writer = it.next();
			param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(JPEG_QUALITY);
			image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
			bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		}

		void write(byte[] gray, OutputStream out) throws IOException {
			for (int i = 0, j = 0; i < gray.length; i++, j += 3) bgr[j] = bgr[j + 1] = bgr[j + 2] = gray[i];
			try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
				writer.setOutput(ios);
				writer.write(null, new IIOImage(image, null, null), param);
				ios.flush();
			}
		}

		void dispose() {
			writer.dispose();
		}
	}
}
