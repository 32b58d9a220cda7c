package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.data.TestData;

/** The import command as users run it: SciJava, command line; and one test per kind of bad input. */
class ImportCommandTest {

	@TempDir
	Path dir;

	Path csv;
	Path images;
	Path table;
	String err;
	String out;

	@BeforeEach
	void data() throws Exception {
		TestData.write(dir);
		csv = dir.resolve("train.csv");
		images = dir.resolve("train_images");
		table = dir.resolve("table.csv");
	}

	private int cli(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int rc = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		out = o.toString(StandardCharsets.UTF_8);
		err = e.toString(StandardCharsets.UTF_8);
		return rc;
	}

	private int runImport() {
		return cli("import", "csv=" + csv, "images=" + images, "table=" + table);
	}

	/** Runs import on a bad train.csv: exit code 2, no table, one sentence naming what is asked. */
	private void assertBad(String csvText, String... mustName) throws Exception {
		Files.writeString(csv, csvText);
		assertBadRun(mustName);
	}

	private void assertBadRun(String... mustName) {
		assertEquals(2, runImport(), err);
		assertFalse(Files.exists(table), "nothing may be written");
		assertEquals(1, err.strip().split("\n").length, err);
		for (String s : mustName) assertTrue(err.contains(s), "'" + s + "' missing from: " + err);
	}

	private static final String H = "ImageId,ClassId,EncodedPixels\na.jpg,1,1 5\n";

	@Test
	void commandServiceRunsImportHeadless() throws Exception {
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class)
				.run(ImportCommand.class, true, Map.of("csv", csv.toFile(), "images", images.toFile(), "table", table.toFile()))
				.get();
			ImportCommand cmd = (ImportCommand) m.getCommand();
			assertEquals(6, cmd.table().size());
			assertEquals(2, cmd.classSummary().imagesWithClass(3));
		}
		assertEquals(DefectTable.load(csv, images, null).toCsv(), Files.readString(table));
	}

	@Test
	void commandLineWritesTheTableAndPrintsTheClassSummary() throws Exception {
		assertEquals(0, runImport(), err);
		assertTrue(Files.exists(table));
		assertEquals(6, DefectTable.read(table).size());
		assertTrue(out.contains("Imported 6 images (40 x 20)"), out);
		assertTrue(out.contains("images with 0/1/2/3/4 classes: 2 / 2 / 1 / 1 / 0"), out);
	}

	@Test
	void existingTableIsKeptWithoutOverwrite() throws Exception {
		Files.writeString(table, "mine");
		assertEquals(2, runImport());
		assertTrue(err.contains("already exists"), err);
		assertEquals("mine", Files.readString(table));
		assertEquals(0, cli("import", "csv=" + csv, "images=" + images, "table=" + table, "overwrite=true"), err);
		assertTrue(Files.readString(table).startsWith("image_id,"));
	}

	@Test
	void badRunLengthsNameTheLineTheImageAndTheProblem() throws Exception {
		assertBad(H + "b.jpg,3,100 20 7\n", "train.csv line 3", "b.jpg", "odd number");
		assertBad(H + "b.jpg,3,100 2x\n", "train.csv line 3", "b.jpg", "'2x' is not a positive whole number");
		assertBad(H + "b.jpg,3,0 5\n", "train.csv line 3", "b.jpg", "1-based");
		assertBad(H + "b.jpg,3,5 0\n", "train.csv line 3", "b.jpg", "at least 1");
		// 40 x 20 = 800 pixels; 790 + 20 - 1 > 800
		assertBad(H + "b.jpg,3,790 20\n", "train.csv line 3", "b.jpg", "class 3", "ends past the last pixel");
		assertBad(H + "b.jpg,3,50 2 10 2\n", "train.csv line 3", "b.jpg", "sorted");
		assertBad(H + "b.jpg,3,10 5 12 2\n", "train.csv line 3", "b.jpg", "overlap");
	}

	@Test
	void badRowsNameTheirLineAndImage() throws Exception {
		assertBad(H + "b.jpg,5,1 1\n", "train.csv line 3", "b.jpg", "class id '5'");
		assertBad(H + "b.jpg,0,1 1\n", "train.csv line 3", "b.jpg", "class id '0'");
		assertBad("ImageId_ClassId,EncodedPixels\nb.jpg_1,\nb.jpg_7,1 1\n", "train.csv line 3", "b.jpg", "class id '7'");
		// the same image and class twice
		assertBad(H + "b.jpg,3,1 1\nc.jpg,1,1 1\nb.jpg,3,5 1\n", "train.csv line 5", "b.jpg", "first on line 3");
		assertBad("Image,Class,Pixels\na.jpg,1,1 5\n", "train.csv line 1", "unknown header", "ImageId,ClassId,EncodedPixels");
		// an image missing from the folder
		assertBad(H + "zzz.jpg,2,1 1\n", "train.csv line 3", "zzz.jpg", "is not in");
	}

	@Test
	void unreadableImage() throws Exception {
		Files.write(images.resolve("c.jpg"), new byte[] { 1, 2, 3, 4, 5 });
		Files.writeString(csv, TestData.NEW_CSV);
		assertBadRun("c.jpg", "not an image that can be read");
		// an image the CSV names: its line too
		Files.write(images.resolve("b.jpg"), new byte[] { 1, 2, 3, 4, 5 });
		assertBadRun("train.csv line 2, image b.jpg", "b.jpg is not an image that can be read");
	}

	@Test
	void imageOfAnotherSizeThanTheMasks() throws Exception {
		TestData.writeJpeg(images.resolve("f.jpg"), TestData.W + 1, TestData.H);
		Files.writeString(csv, TestData.NEW_CSV);
		assertBadRun("f.jpg", "41 x 20", "40 x 20");
		TestData.writeJpeg(images.resolve("b.jpg"), TestData.W, TestData.H + 1);
		assertBadRun("train.csv line 2, image b.jpg", "40 x 21", "40 x 20");
	}

	@Test
	void imageIdThatIsNotAPlainFileName() throws Exception {
		// a readable image waits at ../x.jpg and a/b.jpg: it must not be used
		TestData.writeJpeg(dir.resolve("x.jpg"), TestData.W, TestData.H);
		Files.createDirectories(images.resolve("a"));
		TestData.writeJpeg(images.resolve("a/b.jpg"), TestData.W, TestData.H);
		for (String id : new String[] { "../x.jpg", "/etc/x.jpg", "a/b.jpg" }) {
			assertBad(H + id + ",1,1 1\n", "train.csv line 3", id, "not a plain file name");
			assertBad("ImageId_ClassId,EncodedPixels\n" + id + "_1,1 1\n", "train.csv line 2", id, "not a plain file name");
		}
	}

	@Test
	void absurdRunLengthFailsFast() throws Exception {
		assertBad(H + "b.jpg,3,1 1000000000000\n", "train.csv line 3", "b.jpg", "ends past the last pixel");
		assertBad(H + "b.jpg,3,1 123456789012345678901234567890\n", "train.csv line 3", "b.jpg", "not a positive whole number");
	}

	@Test
	void badOptionsAreExitCodeTwo() throws Exception {
		assertEquals(2, cli("import", "csv=" + csv, "images=" + images, "table=" + table, "limit=-1"));
		assertEquals(2, cli("import", "csv=" + csv));
		assertEquals(2, cli("import", "csv=" + dir.resolve("nope.csv"), "images=" + images, "table=" + table));
		assertTrue(err.contains("nope.csv"), err);
		assertFalse(Files.exists(table));
		File notFolder = csv.toFile();
		assertEquals(2, cli("import", "csv=" + csv, "images=" + notFolder, "table=" + table));
		assertTrue(err.contains("is not a folder"), err);
	}
}
