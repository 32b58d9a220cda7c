package io.github.steeldefects.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.Csv;

class DatasetSplitTest {

	@TempDir
	static Path dir;

	static Csv severstal;

	@BeforeAll
	static void paintTable() throws IOException {
		severstal = Csv.read(SeverstalTables.write(dir.resolve("table.csv"), SeverstalTables.splittableMix()));
	}

	@Test
	void severstalCountsAreTheNotebooks() {
		assertEquals(12568, severstal.size());
		DatasetSplit.Summary s = DatasetSplit.split(severstal, new DatasetSplit.Options()).summary();
		assertArrayEquals(new int[] { 9048, 2263, 1257 }, s.totals());
		assertEquals(6666, s.defects()[0] + s.defects()[1] + s.defects()[2]);
	}

	@Test
	void eachStratumGetsItsShareAtBothSplits() {
		DatasetSplit.Summary s = DatasetSplit.split(severstal, new DatasetSplit.Options().seed(42)).summary();
		Map<String, Integer> mix = SeverstalTables.splittableMix();
		assertEquals(mix.keySet(), s.counts().keySet());
		for (Map.Entry<String, int[]> e : s.counts().entrySet()) {
			int size = mix.get(e.getKey());
			int[] c = e.getValue();
			assertEquals(size, c[0] + c[1] + c[2], e.getKey());
			// test: floor or ceil of the stratum's exact share of the 1257 test images
			assertShare(size, 1257, 12568, c[2], e.getKey() + " test");
			// val: floor or ceil of its share of the 2263 taken from the 11,311 left
			assertShare(size - c[2], 2263, 11311, c[1], e.getKey() + " val");
		}
		// defect ratio: 6666 / 12568 = 0.530 in each split, to within a rounding image per stratum
		for (int p = 0; p < 3; p++) assertEquals(6666.0 / 12568, s.defectRatio(p), 0.005);
	}

	private static void assertShare(int size, int draws, int total, int got, String what) {
		long exact = (long) size * draws;
		long lo = exact / total;
		long hi = (exact + total - 1) / total;
		assertTrue(got == lo || got == hi, what + ": " + got + " not in [" + lo + ", " + hi + "]");
	}

	@Test
	void splitsAreDisjointAndCoverEveryImage() {
		DatasetSplit.Result r = DatasetSplit.split(severstal, new DatasetSplit.Options().seed(3));
		Set<String> seen = new HashSet<>();
		for (int p = 0; p < 3; p++)
			for (String id : r.imageIds(p)) assertTrue(seen.add(id), id + " is in two splits");
		for (String[] row : severstal.rows()) assertTrue(seen.contains(row[0]), row[0] + " is in no split");
		assertEquals(severstal.size(), seen.size());
	}

	@Test
	void sameSeedSameBytesOtherSeedOtherFiles() throws IOException {
		Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
		DatasetSplit.split(severstal, new DatasetSplit.Options().seed(5)).write(a, false);
		DatasetSplit.split(Csv.read(severstal.source()), new DatasetSplit.Options().seed(5)).write(b, false);
		DatasetSplit.split(severstal, new DatasetSplit.Options().seed(6)).write(c, false);
		for (String name : DatasetSplit.FILE_NAMES) {
			assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
			assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(c.resolve(name))),
				name + " did not change with the seed");
		}
	}

	@Test
	void outputsStartWithImageIdAndDefectThenTheTableColumns() throws IOException {
		Path out = dir.resolve("columns");
		DatasetSplit.split(severstal, new DatasetSplit.Options()).write(out, false);
		Csv test = Csv.read(out.resolve("x_test.csv"));
		assertEquals(List.of("image_id", "defect", "rle_1", "rle_2", "rle_3", "rle_4", "stratify", "defect_1", "defect_2",
			"defect_3", "defect_4", "total_defects"), test.header());
		Map<String, String[]> original = new HashMap<>();
		for (String[] row : severstal.rows()) original.put(row[0], row);
		for (String[] row : test.rows()) {
			String[] o = original.get(row[0]);
			assertEquals(o[5], row[1]);
			assertEquals(o[1], row[2]);
			assertEquals(o[6], row[6]);
		}
	}

	@Test
	void singleImageStratumIsAnErrorNamingIt() throws IOException {
		Csv real = Csv.read(SeverstalTables.write(dir.resolve("real.csv"), SeverstalTables.realMix()));
		InputException e = assertThrows(InputException.class, () -> DatasetSplit.split(real, new DatasetSplit.Options()));
		assertTrue(e.getMessage().contains("'2_4'") && e.getMessage().contains("only 1 image") &&
			e.getMessage().contains("rare=merge"), e.getMessage());
	}

	@Test
	void rareMergePoolsSmallStrataAndSaysSo() throws IOException {
		Csv real = Csv.read(SeverstalTables.write(dir.resolve("real2.csv"), SeverstalTables.realMix()));
		DatasetSplit.Result r = DatasetSplit.split(real, new DatasetSplit.Options().mergeRare(true));
		DatasetSplit.Summary s = r.summary();
		assertArrayEquals(new int[] { 9048, 2263, 1257 }, s.totals());
		assertFalse(s.counts().containsKey("2_4"));
		String pooled = s.counts().keySet().stream().filter(k -> k.contains("2_4")).findFirst().orElseThrow();
		int[] c = s.counts().get(pooled);
		assertTrue(c[0] + c[1] + c[2] >= 2);
		assertTrue(r.note().contains("2_4") && r.note().contains(pooled), r.note());
		assertTrue(s.toString().contains(r.note()));
	}

	@Test
	void stratumLeftWithOneImageAfterTheTestSplitIsCaught() {
		// a: 2 images; with test=0.5 one of them goes to test, so only one is left for the val split
		Csv t = table("a", "a", "b", "b", "b", "b", "b", "b");
		InputException e = assertThrows(InputException.class, () -> DatasetSplit.split(t, new DatasetSplit.Options().test(0.5)));
		assertTrue(e.getMessage().contains("'a'") && e.getMessage().contains("after the test split"), e.getMessage());
		DatasetSplit.Summary s = DatasetSplit.split(t, new DatasetSplit.Options().test(0.5).mergeRare(true)).summary();
		assertEquals(8, s.totals()[0] + s.totals()[1] + s.totals()[2]);
	}

	@Test
	void manyTinyStrataPoolIntoOneWithAShortName() {
		DatasetSplit.Result r = DatasetSplit.split(severstal, new DatasetSplit.Options().stratify("image_id").mergeRare(true));
		assertArrayEquals(new int[] { 9048, 2263, 1257 }, r.summary().totals());
		assertEquals(Set.of("rare (12568 strata)"), r.summary().counts().keySet());
		assertTrue(r.note().length() < 400 && r.note().contains("and 12558 more"), r.note());
	}

	@Test
	void plainShuffleWithStratifyNone() {
		DatasetSplit.Summary s = DatasetSplit.split(severstal, new DatasetSplit.Options().stratify("none")).summary();
		assertArrayEquals(new int[] { 9048, 2263, 1257 }, s.totals());
		assertEquals(Set.of("all"), s.counts().keySet());
	}

	@Test
	void anyColumnCanBeTheStratum() {
		DatasetSplit.Summary s = DatasetSplit.split(severstal, new DatasetSplit.Options().stratify("defect")).summary();
		assertEquals(Set.of("0", "1"), s.counts().keySet());
		assertShare(6666, 1257, 12568, s.defects()[2], "defect images in test");
	}

	@Test
	void badInputIsOneClearSentence() {
		Csv t = table("a", "a", "a", "b", "b", "b");
		for (double bad : new double[] { 0, 1, -0.1, 1.5, Double.NaN }) {
			InputException e = assertThrows(InputException.class, () -> DatasetSplit.split(t, new DatasetSplit.Options().test(bad)));
			assertTrue(e.getMessage().startsWith("test="), e.getMessage());
			e = assertThrows(InputException.class, () -> DatasetSplit.split(t, new DatasetSplit.Options().val(bad)));
			assertTrue(e.getMessage().startsWith("val="), e.getMessage());
		}
		InputException e = assertThrows(InputException.class,
			() -> DatasetSplit.split(t, new DatasetSplit.Options().stratify("colour")));
		assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("stratify=none"), e.getMessage());
		e = assertThrows(InputException.class, () -> DatasetSplit.split(table(), new DatasetSplit.Options()));
		assertTrue(e.getMessage().contains("no images"), e.getMessage());
		// 2 images: test takes 1, and val=0.2 of the one left would leave nothing to train on
		e = assertThrows(InputException.class,
			() -> DatasetSplit.split(table("a", "a"), new DatasetSplit.Options().stratify("none")));
		assertTrue(e.getMessage().contains("val=0.2"), e.getMessage());
	}

	@Test
	void badRowsNameTheLine() {
		Csv dup = new Csv(Path.of("t.csv"), List.of("image_id", "defect", "stratify"),
			List.of(new String[] { "x.jpg", "1", "a" }, new String[] { "x.jpg", "0", "a" }), List.of(2, 3));
		InputException e = assertThrows(InputException.class, () -> DatasetSplit.split(dup, new DatasetSplit.Options()));
		assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("x.jpg"), e.getMessage());
		Csv badDefect = new Csv(Path.of("t.csv"), List.of("image_id", "defect", "stratify"),
			java.util.Collections.singletonList(new String[] { "x.jpg", "yes", "a" }), List.of(2));
		e = assertThrows(InputException.class, () -> DatasetSplit.split(badDefect, new DatasetSplit.Options()));
		assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("defect"), e.getMessage());
	}

	@Test
	void existingOutputsAreKeptWithoutOverwrite() throws IOException {
		Path out = dir.resolve("existing");
		Files.createDirectories(out);
		Files.writeString(out.resolve("x_val.csv"), "mine");
		DatasetSplit.Result r = DatasetSplit.split(severstal, new DatasetSplit.Options());
		assertThrows(InputException.class, () -> r.write(out, false));
		assertFalse(Files.exists(out.resolve("x_train.csv")), "nothing may be written");
		assertEquals("mine", Files.readString(out.resolve("x_val.csv")));
		r.write(out, true);
		assertNotEquals("mine", Files.readString(out.resolve("x_val.csv")));
	}

	/** A table with one image per given stratum, defect = stratum != "0". */
	static Csv table(String... strata) {
		List<String[]> rows = new java.util.ArrayList<>();
		List<Integer> lines = new java.util.ArrayList<>();
		for (int i = 0; i < strata.length; i++) {
			rows.add(new String[] { "img" + i + ".jpg", i % 2 == 0 ? "1" : "0", strata[i] });
			lines.add(i + 2);
		}
		return new Csv(Path.of("t.csv"), List.of("image_id", "defect", "stratify"), rows, lines);
	}
}
