package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.data.TestData;
import io.github.steeldefects.masks.LabelPng;

/** masks -> label PNGs -> encode -> import gives back the same table. */
class MasksEncodeCommandTest {

	@TempDir
	Path dir;

	Path images;
	String err;

	@BeforeEach
	void data() throws Exception {
		TestData.write(dir);
		images = dir.resolve("train_images");
	}

	private int cli(String... args) {
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		int rc = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(e, true, StandardCharsets.UTF_8));
		err = e.toString(StandardCharsets.UTF_8);
		return rc;
	}

	@Test
	void labelPngsHoldTheClassOfEachPixel() throws Exception {
		Path out = dir.resolve("masks");
		assertEquals(0, cli("masks", "csv=" + dir.resolve("train.csv"), "images=" + images, "out=" + out), err);
		for (String id : TestData.IMAGES) assertTrue(Files.exists(out.resolve(id.replace(".jpg", ".png"))), id);
		LabelPng.Labels a = LabelPng.read(out.resolve("a.png"));
		assertEquals(TestData.W, a.width());
		assertEquals(TestData.H, a.height());
		// a.jpg: class 1 "1 5" = column 0, rows 0..4; class 3 "41 10" = column 2, rows 0..9
		assertEquals(1, a.pixels()[0 + 4 * TestData.W]);
		assertEquals(0, a.pixels()[0 + 5 * TestData.W]);
		assertEquals(3, a.pixels()[2 + 9 * TestData.W]);
		assertEquals(0, a.pixels()[1]);
		assertArrayEquals(new byte[TestData.W * TestData.H], LabelPng.read(out.resolve("f.png")).pixels());
	}

	@Test
	void roundTripThroughLabelMasksGivesTheSameTable() throws Exception {
		Path out = dir.resolve("masks");
		assertEquals(0, cli("masks", "csv=" + dir.resolve("train.csv"), "images=" + images, "out=" + out), err);
		String expected = DefectTable.load(dir.resolve("train.csv"), images, null).toCsv();
		for (String format : new String[] { "new", "old" }) {
			Path csv = dir.resolve(format + ".csv");
			assertEquals(0, cli("encode", "masks=" + out, "out=" + csv, "format=" + format), err);
			String header = Files.readAllLines(csv).get(0);
			assertEquals(format.equals("new") ? "ImageId,ClassId,EncodedPixels" : "ImageId_ClassId,EncodedPixels", header);
			assertEquals(expected, DefectTable.load(csv, images, null).toCsv(), format);
		}
		// new format: defect rows only, as many as the original
		assertEquals(TestData.NEW_CSV.split("\n").length, Files.readAllLines(dir.resolve("new.csv")).size());
		assertEquals(1 + 4 * TestData.IMAGES.length, Files.readAllLines(dir.resolve("old.csv")).size());
	}

	@Test
	void existingOutputsAreRefusedBeforeAnythingIsWritten() throws Exception {
		Path out = dir.resolve("masks");
		Files.createDirectories(out);
		Files.writeString(out.resolve("d.png"), "mine");
		assertEquals(2, cli("masks", "csv=" + dir.resolve("train.csv"), "images=" + images, "out=" + out));
		assertTrue(err.contains("d.png already exists"), err);
		assertFalse(Files.exists(out.resolve("a.png")), "nothing may be written");
		assertEquals(0, cli("masks", "csv=" + dir.resolve("train.csv"), "images=" + images, "out=" + out, "overwrite=true"), err);
		assertEquals(TestData.W, LabelPng.read(out.resolve("d.png")).width());
	}

	@Test
	void overlappingClassesCannotBecomeALabelMask() throws Exception {
		Files.writeString(dir.resolve("train.csv"), "ImageId,ClassId,EncodedPixels\nb.jpg,1,1 10\nb.jpg,2,5 10\n");
		Path out = dir.resolve("masks");
		assertEquals(2, cli("masks", "csv=" + dir.resolve("train.csv"), "images=" + images, "out=" + out));
		assertTrue(err.contains("b.jpg") && err.contains("overlap"), err);
		assertFalse(Files.exists(out));
	}

	@Test
	void labelsAboveFourAreRefused() throws Exception {
		Path masks = dir.resolve("masks");
		Files.createDirectories(masks);
		byte[] px = new byte[6];
		px[4] = 7;
		LabelPng.write(masks.resolve("x.png"), false, px, 3, 2);
		Path csv = dir.resolve("out.csv");
		assertEquals(2, cli("encode", "masks=" + masks, "out=" + csv));
		assertTrue(err.contains("x.png") && err.contains("x.jpg") && err.contains("label 7") && err.contains("x 1, y 1"), err);
		assertFalse(Files.exists(csv));
		assertEquals(2, cli("encode", "masks=" + masks, "out=" + csv, "format=older"));
		assertTrue(err.contains("new, old"), err);
	}

	/** A PNG whose header claims 100,000 x 100,000 pixels (no pixel data follows). */
	private static byte[] hugePngHeader() throws Exception {
		java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
		java.io.DataOutputStream d = new java.io.DataOutputStream(b);
		d.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		java.io.ByteArrayOutputStream ihdr = new java.io.ByteArrayOutputStream();
		java.io.DataOutputStream h = new java.io.DataOutputStream(ihdr);
		h.writeBytes("IHDR");
		h.writeInt(100_000);
		h.writeInt(100_000);
		h.write(new byte[] { 8, 0, 0, 0, 0 }); // 8-bit grey
		d.writeInt(13);
		d.write(ihdr.toByteArray());
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(ihdr.toByteArray());
		d.writeInt((int) crc.getValue());
		return b.toByteArray();
	}

	@Test
	void absurdlyLargeLabelPngFailsFast() throws Exception {
		Path masks = dir.resolve("masks");
		Files.createDirectories(masks);
		Files.write(masks.resolve("x.png"), hugePngHeader());
		Path csv = dir.resolve("out.csv");
		assertEquals(2, cli("encode", "masks=" + masks, "out=" + csv));
		assertTrue(err.contains("x.png") && err.contains("100000 x 100000") && err.contains("too large"), err);
		assertFalse(Files.exists(csv));
	}

	@Test
	void encodeRunsThroughCommandService() throws Exception {
		Path masks = dir.resolve("masks");
		Files.createDirectories(masks);
		byte[] px = new byte[4 * 3];
		px[1] = 2; // column 1, row 0 -> pixel 4
		LabelPng.write(masks.resolve("x.png"), false, px, 4, 3);
		Path csv = dir.resolve("out.csv");
		try (Context ctx = new Context(CommandService.class)) {
			ctx.service(CommandService.class)
				.run(EncodeCommand.class, true, Map.of("masks", masks.toFile(), "out", csv.toFile(), "format", "new")).get();
		}
		assertEquals("ImageId,ClassId,EncodedPixels\nx.jpg,2,4 1\n", Files.readString(csv));
	}
}
