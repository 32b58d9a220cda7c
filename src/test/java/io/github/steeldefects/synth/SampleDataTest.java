package io.github.steeldefects.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.cli.Main;

/**
 * The committed sample-data/ is exactly what the command documented in its README produces, so
 * the two can never drift apart.
 */
class SampleDataTest {

	static final Path SAMPLE = Paths.get("sample-data");
	static final String PREFIX = "java -jar target/Steel_Defects.jar ";

	@Test
	void sampleDataIsWhatTheDocumentedCommandGenerates(@TempDir Path tmp) throws IOException {
		String command = null;
		for (String line : Files.readAllLines(SAMPLE.resolve("README.md")))
			if (line.trim().startsWith(PREFIX + "generate ")) command = line.trim().substring(PREFIX.length());
		assertTrue(command != null, "sample-data/README.md shows the command that made the data");
		assertTrue(command.contains("out=sample-data"), command);

		Path again = tmp.resolve("sample-data");
		List<String> args = new ArrayList<>();
		for (String a : command.split("\\s+"))
			args.add(a.equals("out=sample-data") ? "out=" + again : a);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = Main.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
			new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));

		List<Path> committed = SyntheticDatasetTest.listing(SAMPLE);
		committed.remove(Paths.get("README.md"));
		assertEquals(committed, SyntheticDatasetTest.listing(again));
		// train.csv is pure Java: byte for byte
		assertArrayEquals(Files.readAllBytes(SAMPLE.resolve("train.csv")), Files.readAllBytes(again.resolve("train.csv")),
			"sample-data/train.csv differs from what the README's command generates; regenerate sample-data");
		for (Path f : committed) {
			if (!f.toString().endsWith(".jpg")) continue;
			byte[] a = Files.readAllBytes(SAMPLE.resolve(f));
			byte[] b = Files.readAllBytes(again.resolve(f));
			if (Arrays.equals(a, b)) continue;
			// Java's JPEG encoder is the platform's libjpeg on some JDKs (Debian's: libjpeg-turbo), a
			// bundled one on others; the same pixels may then be compressed a little differently.
			// The images must still decode to the same picture, up to rounding.
			byte[] ga = SyntheticDatasetTest.grey(SAMPLE.resolve(f));
			byte[] gb = SyntheticDatasetTest.grey(again.resolve(f));
			long sum = 0;
			int max = 0;
			for (int p = 0; p < ga.length; p++) {
				int e = Math.abs((ga[p] & 0xff) - (gb[p] & 0xff));
				sum += e;
				max = Math.max(max, e);
			}
			double mean = sum / (double) ga.length;
			assertTrue(mean < 0.5 && max <= 8, "sample-data/" + f + " differs from what the README's command " +
				"generates (mean difference " + mean + ", largest " + max + " grey levels); regenerate sample-data");
		}
	}

	@Test
	void sampleDataIsEnoughForATinySplit() {
		Map<String, String> rows = SyntheticDatasetTest.readNew(SAMPLE);
		int[] withClass = new int[5];
		java.util.Set<String> defect = new java.util.HashSet<>();
		for (String key : rows.keySet()) {
			int cut = key.lastIndexOf('_');
			defect.add(key.substring(0, cut));
			withClass[Integer.parseInt(key.substring(cut + 1))]++;
		}
		String[] images = SAMPLE.resolve("train_images").toFile().list();
		int defectFree = images.length - defect.size();
		assertTrue(defect.size() >= 20 && defectFree >= 20, defect.size() + " defect, " + defectFree + " defect-free");
		for (int c = 1; c <= 4; c++) assertTrue(withClass[c] >= 2, "class " + c + ": " + Arrays.toString(withClass));
		long bytes = 0;
		for (String f : images) bytes += SAMPLE.resolve("train_images").resolve(f).toFile().length();
		assertTrue(bytes < 8_000_000, "sample-data stays small: " + bytes + " bytes");
	}
}
