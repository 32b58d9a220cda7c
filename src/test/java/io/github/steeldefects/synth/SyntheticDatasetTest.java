package io.github.steeldefects.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.io.Csv;

class SyntheticDatasetTest {

	/** 40 full-size images: every class, a two-class image, both formats; written once for several tests. */
	static final int N = 40;
	@TempDir
	static Path shared;
	static SyntheticDataset dataset;
	static Path newFormat;
	static Path oldFormat;

	@BeforeAll
	static void writeShared() {
		dataset = new SyntheticDataset(7, N, 1600, 256);
		newFormat = shared.resolve("new");
		oldFormat = shared.resolve("old");
		dataset.write(newFormat, SyntheticDataset.Format.NEW, false, Progress.NONE);
		dataset.write(oldFormat, SyntheticDataset.Format.OLD, false, Progress.NONE);
	}

	@Test
	void sameSeedGivesByteIdenticalFiles(@TempDir Path tmp) throws IOException {
		Path again = tmp.resolve("again");
		new SyntheticDataset(7, N, 1600, 256).write(again, SyntheticDataset.Format.NEW, false, Progress.NONE);
		assertEquals(listing(newFormat), listing(again));
		for (Path f : listing(newFormat))
			assertArrayEquals(Files.readAllBytes(newFormat.resolve(f)), Files.readAllBytes(again.resolve(f)), f.toString());

		Path other = tmp.resolve("other");
		new SyntheticDataset(8, N, 1600, 256).write(other, SyntheticDataset.Format.NEW, false, Progress.NONE);
		assertNotEquals(Files.readString(newFormat.resolve("train.csv")), Files.readString(other.resolve("train.csv")));
	}

	@Test
	void layoutIsSeverstals() throws IOException {
		List<String> files;
		try (Stream<Path> s = Files.list(newFormat.resolve("train_images"))) {
			files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
		assertEquals(N, files.size());
		for (String f : files) assertTrue(f.matches("[0-9a-f]{9}\\.jpg"), f);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < N; i++) ids.add(dataset.imageId(i));
		ids.sort(null);
		assertEquals(ids, files);

		BufferedImage img = ImageIO.read(newFormat.resolve("train_images").resolve(files.get(0)).toFile());
		assertEquals(1600, img.getWidth());
		assertEquals(256, img.getHeight());
		Raster r = img.getRaster();
		assertEquals(3, r.getNumBands());
		// grey content: the three channels agree (up to JPEG colour rounding)
		for (int y = 0; y < 256; y += 17)
			for (int x = 0; x < 1600; x += 31) {
				int red = r.getSample(x, y, 0);
				assertTrue(Math.abs(red - r.getSample(x, y, 1)) <= 2 && Math.abs(red - r.getSample(x, y, 2)) <= 2);
			}

		Csv csv = Csv.read(newFormat.resolve("train.csv"));
		assertEquals(List.of("ImageId", "ClassId", "EncodedPixels"), csv.header());
		Csv old = Csv.read(oldFormat.resolve("train.csv"));
		assertEquals(List.of("ImageId_ClassId", "EncodedPixels"), old.header());
		assertEquals(4 * N, old.size());
	}

	@Test
	void csvRunLengthsAreTheGeneratorsMasksInBothFormats() {
		Map<String, String> fromNew = readNew(newFormat);
		Map<String, String> fromOld = readOld(oldFormat);
		// both formats describe the same data
		assertEquals(fromNew, fromOld);
		String previous = "";
		for (String key : readNewInFileOrder(newFormat)) {
			assertTrue(key.compareTo(previous) > 0, "rows sorted by image id, then class: " + key);
			previous = key;
		}
		int defectRows = 0;
		for (int i = 0; i < N; i++) {
			SyntheticImage img = dataset.image(i);
			for (int c = 1; c <= 4; c++) {
				String rle = fromNew.get(img.imageId() + "_" + c);
				boolean planned = contains(dataset.classes(i), c);
				assertEquals(planned, rle != null, img + " class " + c);
				if (rle == null) continue;
				defectRows++;
				assertArrayEquals(img.mask(c), Rle.decode(rle, 1600, 256), img + " class " + c);
			}
		}
		assertEquals(fromNew.size(), defectRows);
	}

	@Test
	void labelledPixelsAreExactlyThePaintedPixels() {
		for (int i = 0; i < N; i++) {
			if (dataset.classes(i).length == 0) continue;
			SyntheticImage with = dataset.image(i);
			SyntheticImage without = dataset.imageWithoutDefects(i);
			byte[] a = with.gray();
			byte[] b = without.gray();
			byte[] labels = with.labels();
			for (int p = 0; p < a.length; p++) {
				if (labels[p] == 0 && a[p] != b[p] || labels[p] != 0 && a[p] == b[p])
					throw new AssertionError(with + ": pixel " + p % 1600 + "," + p / 1600 + " label " + labels[p] +
						" grey " + (a[p] & 0xff) + " without defects " + (b[p] & 0xff));
			}
			assertEquals(0, without.classes().length);
		}
	}

	@Test
	void eachClassHasItsLookInTheJpegs() throws IOException {
		// mean grey inside each class mask against a ring of defect-free steel around it
		Map<String, String> rles = readNew(newFormat);
		int[] seen = new int[5];
		for (Map.Entry<String, String> e : rles.entrySet()) {
			String id = e.getKey().substring(0, e.getKey().lastIndexOf('_'));
			int c = Integer.parseInt(e.getKey().substring(e.getKey().lastIndexOf('_') + 1));
			byte[] gray = grey(newFormat.resolve("train_images").resolve(id));
			byte[] mask = Rle.decode(e.getValue(), 1600, 256);
			byte[] any = new byte[mask.length];
			for (int k = 1; k <= 4; k++) {
				String other = rles.get(id + "_" + k);
				if (other != null) Rle.decodeInto(other, any, 1600, 256, (byte) 1);
			}
			byte[] ring = dilate(mask, 1600, 256, 8);
			double in = 0;
			double out = 0;
			long nIn = 0;
			long nOut = 0;
			for (int p = 0; p < mask.length; p++) {
				int g = gray[p] & 0xff;
				if (mask[p] != 0) {
					in += g;
					nIn++;
				}
				else if (ring[p] != 0 && any[p] == 0) {
					out += g;
					nOut++;
				}
			}
			double diff = in / nIn - out / nOut;
			String where = id + " class " + c + ": inside " + in / nIn + ", around " + out / nOut;
			switch (c) {
				case 1: assertTrue(diff < -15, where); break;
				case 2: assertTrue(diff > 10, where); break;
				case 3: assertTrue(diff > 8, where); break;
				default: assertTrue(diff < -40, where); break;
			}
			seen[c]++;
		}
		for (int c = 1; c <= 4; c++) assertTrue(seen[c] > 0, "class " + c + " present in the test data");
	}

	@Test
	void classFrequenciesFollowSeverstal() {
		// a few hundred images, painted at a smaller size to keep the test quick
		int n = 400;
		SyntheticDataset d = new SyntheticDataset(3, n, 800, 128);
		int[] withClass = new int[5];
		int defectFree = 0;
		int multi = 0;
		for (int i = 0; i < n; i++) {
			int[] classes = d.image(i).classes();
			assertArrayEquals(d.classes(i), classes, d.imageId(i));
			for (int c : classes) withClass[c]++;
			if (classes.length == 0) defectFree++;
			if (classes.length > 1) multi++;
		}
		double free = defectFree / (double) n;
		assertTrue(free > 0.42 && free < 0.52, "defect-free share " + free);
		assertTrue(withClass[3] > withClass[1] && withClass[3] > withClass[4], "class 3 most common");
		assertTrue(withClass[2] < withClass[1] && withClass[2] < withClass[4], "class 2 rarest");
		assertTrue(withClass[2] >= 2, "class 2 still present");
		double multiShare = multi / (double) (n - defectFree);
		assertTrue(multiShare > 0.03 && multiShare < 0.10, "share of defect images with two classes " + multiShare);
	}

	@Test
	void combinationCountsMatchSeverstalOnItsOwnSize() {
		int[] counts = SyntheticDataset.combinationCounts(12_568);
		assertArrayEquals(SyntheticDataset.SEVERSTAL_IMAGES, counts);
		// small datasets still show every class on its own
		int[] small = SyntheticDataset.combinationCounts(48);
		assertEquals(48, java.util.Arrays.stream(small).sum());
		for (int c = 0; c < small.length; c++)
			if (SyntheticDataset.COMBINATIONS[c].length == 1) assertTrue(small[c] >= 2, "class " +
				SyntheticDataset.COMBINATIONS[c][0] + " alone in " + small[c] + " images");
		// and a split stratified on the class combination never meets a combination of one image
		for (int n : new int[] { 20, 48, 64, 200, 999 }) {
			int[] plan = SyntheticDataset.combinationCounts(n);
			assertEquals(n, java.util.Arrays.stream(plan).sum());
			for (int c = 0; c < plan.length; c++)
				assertNotEquals(1, plan[c], n + " images: " + java.util.Arrays.toString(plan));
		}
	}

	@Test
	void refusesToOverwriteUnlessAsked(@TempDir Path tmp) throws IOException {
		SyntheticDataset d = new SyntheticDataset(1, 2, 64, 32);
		Path out = tmp.resolve("out");
		d.write(out, SyntheticDataset.Format.NEW, false, Progress.NONE);
		String before = Files.readString(out.resolve("train.csv"));
		SyntheticDataset other = new SyntheticDataset(2, 3, 64, 32);
		InputException e = assertThrows(InputException.class,
			() -> other.write(out, SyntheticDataset.Format.NEW, false, Progress.NONE));
		assertTrue(e.getMessage().contains("overwrite=true"), e.getMessage());
		assertEquals(before, Files.readString(out.resolve("train.csv")));

		// overwrite replaces the dataset and keeps a README beside it
		Files.writeString(out.resolve("README.md"), "notes");
		other.write(out, SyntheticDataset.Format.OLD, true, Progress.NONE);
		assertEquals(3, Files.list(out.resolve("train_images")).count());
		assertEquals("notes", Files.readString(out.resolve("README.md")));
		assertTrue(Files.readString(out.resolve("train.csv")).startsWith("ImageId_ClassId,"));

		// a folder holding anything else is never replaced
		Files.writeString(out.resolve("thesis.docx"), "precious");
		e = assertThrows(InputException.class, () -> d.write(out, SyntheticDataset.Format.NEW, true, Progress.NONE));
		assertTrue(e.getMessage().contains("thesis.docx"), e.getMessage());
		assertEquals("precious", Files.readString(out.resolve("thesis.docx")));

		// an existing empty folder is simply filled
		Path empty = Files.createDirectory(tmp.resolve("empty"));
		d.write(empty, SyntheticDataset.Format.NEW, false, Progress.NONE);
		assertEquals(2, Files.list(empty.resolve("train_images")).count());
		// no temporary folders left behind
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(List.of("empty", "out"), s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
		}
	}

	@Test
	void cancelingLeavesNothingBehind(@TempDir Path tmp) throws IOException {
		Path out = tmp.resolve("out");
		int[] done = new int[1];
		Progress cancelAfterThree = new Progress() {

			@Override
			public void log(String message) {}

			@Override
			public void progress(long d, long total) {
				done[0] = (int) d;
			}

			@Override
			public boolean isCanceled() {
				return done[0] >= 3;
			}
		};
		SyntheticDataset d = new SyntheticDataset(1, 20, 64, 32);
		assertThrows(CancellationException.class, () -> d.write(out, SyntheticDataset.Format.NEW, false, cancelAfterThree));
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(0, s.count());
		}
	}

	@Test
	void rejectsUnusableSizes() {
		assertThrows(InputException.class, () -> new SyntheticDataset(0, 0, 1600, 256));
		assertThrows(InputException.class, () -> new SyntheticDataset(0, 10, 8, 256));
		assertThrows(InputException.class, () -> new SyntheticDataset(0, 10, 1600, 100_000));
		assertThrows(InputException.class, () -> SyntheticDataset.Format.parse("csv"));
		assertEquals(SyntheticDataset.Format.OLD, SyntheticDataset.Format.parse("Old"));
	}

	// ---- helpers ----------------------------------------------------------------------------

	static List<Path> listing(Path root) throws IOException {
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
		}
	}

	/** imageId_class -> run-length string, defect rows only. */
	static Map<String, String> readNew(Path folder) {
		Csv csv = Csv.read(folder.resolve("train.csv"));
		Map<String, String> out = new TreeMap<>();
		for (String[] row : csv.rows()) assertTrue(out.put(row[0] + "_" + row[1], row[2]) == null);
		return out;
	}

	static List<String> readNewInFileOrder(Path folder) {
		List<String> keys = new ArrayList<>();
		for (String[] row : Csv.read(folder.resolve("train.csv")).rows()) keys.add(row[0] + "_" + row[1]);
		return keys;
	}

	static Map<String, String> readOld(Path folder) {
		Map<String, String> out = new TreeMap<>();
		Map<String, Integer> perImage = new HashMap<>();
		for (String[] row : Csv.read(folder.resolve("train.csv")).rows()) {
			String id = row[0].substring(0, row[0].lastIndexOf('_'));
			perImage.merge(id, 1, Integer::sum);
			if (!row[1].isEmpty()) out.put(row[0], row[1]);
		}
		for (int count : perImage.values()) assertEquals(4, count);
		return out;
	}

	static boolean contains(int[] a, int v) {
		for (int x : a)
			if (x == v) return true;
		return false;
	}

	static byte[] grey(Path jpeg) throws IOException {
		BufferedImage img = ImageIO.read(jpeg.toFile());
		Raster r = img.getRaster();
		byte[] g = new byte[img.getWidth() * img.getHeight()];
		int[] row = new int[img.getWidth()];
		for (int y = 0; y < img.getHeight(); y++) {
			r.getSamples(0, y, img.getWidth(), 1, 0, row);
			for (int x = 0; x < row.length; x++) g[y * img.getWidth() + x] = (byte) row[x];
		}
		return g;
	}

	/** Square dilation by radius r (separable running max). */
	static byte[] dilate(byte[] mask, int w, int h, int r) {
		byte[] tmp = new byte[mask.length];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (mask[y * w + x] != 0)
					for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) tmp[y * w + k] = 1;
		byte[] out = new byte[mask.length];
		for (int x = 0; x < w; x++)
			for (int y = 0; y < h; y++)
				if (tmp[y * w + x] != 0)
					for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) out[k * w + x] = 1;
		return out;
	}
}
