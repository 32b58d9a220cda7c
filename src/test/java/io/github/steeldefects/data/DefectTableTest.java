package io.github.steeldefects.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;

class DefectTableTest {

	@TempDir
	Path dir;

	private DefectTable load(String csv) throws Exception {
		TestData.write(dir);
		return DefectTable.load(dir.resolve(csv), dir.resolve("train_images"), Progress.NONE);
	}

	@Test
	void bothCsvVersionsGiveByteIdenticalTables() throws Exception {
		DefectTable fromNew = load("train.csv");
		DefectTable fromOld = DefectTable.load(dir.resolve("train_old.csv"), dir.resolve("train_images"), Progress.NONE);
		fromNew.write(dir.resolve("new.csv"), false);
		fromOld.write(dir.resolve("old.csv"), false);
		assertArrayEquals(Files.readAllBytes(dir.resolve("new.csv")), Files.readAllBytes(dir.resolve("old.csv")));
	}

	@Test
	void everyImageOfTheFolderIsARowSortedById() throws Exception {
		DefectTable t = load("train.csv");
		List<String> ids = new ArrayList<>();
		for (DefectTable.Row r : t.rows()) ids.add(r.imageId());
		assertEquals(List.of(TestData.IMAGES), ids);
		assertEquals(new ImageSize(TestData.W, TestData.H), t.imageSize());
		// f.jpg is in no CSV, c.jpg only in the old one with empty masks: both are defect-free rows
		assertEquals("f.jpg,,,,,0,0,0,0,0,0,0", String.join(",", t.row("f.jpg").fields()));
		assertEquals("c.jpg,,,,,0,0,0,0,0,0,0", String.join(",", t.row("c.jpg").fields()));
	}

	@Test
	void columnsFollowTheReferenceNotebook() throws Exception {
		DefectTable t = load("train.csv");
		String csv = t.toCsv();
		String[] lines = csv.split("\n");
		assertEquals("image_id,rle_1,rle_2,rle_3,rle_4,defect,stratify,defect_1,defect_2,defect_3,defect_4,total_defects",
			lines[0]);
		assertEquals("a.jpg,1 5,,41 10 61 3,,1,1_3,1,0,1,0,2", lines[1]);
		assertEquals("b.jpg,,,100 20,,1,3,0,0,1,0,1", lines[2]);
		assertEquals("e.jpg,200 1,5 2 25 2,,400 40,1,1_2_4,1,1,0,1,3", lines[5]);
	}

	@Test
	void readGivesBackTheWrittenTable() throws Exception {
		DefectTable t = load("train.csv");
		Path file = dir.resolve("table.csv");
		t.write(file, false);
		DefectTable back = DefectTable.read(file);
		assertEquals(t.toCsv(), back.toCsv());
		assertNull(back.imageSize());
		assertEquals("1_3", back.row("a.jpg").stratify());
	}

	@Test
	void readRefusesDerivedColumnsThatContradictTheMasks() throws Exception {
		DefectTable t = load("train.csv");
		Path file = dir.resolve("table.csv");
		Files.writeString(file, t.toCsv().replace("b.jpg,,,100 20,,1,3,", "b.jpg,,,100 20,,1,2,"));
		InputException e = assertThrows(InputException.class, () -> DefectTable.read(file));
		assertTrue(e.getMessage().contains("line 3"), e.getMessage());
		assertTrue(e.getMessage().contains("b.jpg"), e.getMessage());
		assertTrue(e.getMessage().contains("stratify"), e.getMessage());
	}

	@Test
	void readRefusesOtherColumns() throws Exception {
		Path file = dir.resolve("table.csv");
		Files.writeString(file, "image_id,defect\na.jpg,0\n");
		InputException e = assertThrows(InputException.class, () -> DefectTable.read(file));
		assertTrue(e.getMessage().contains("table.csv line 1"), e.getMessage());
	}

	@Test
	void summaryCountsClassesImagesAndArea() throws Exception {
		ClassSummary s = ClassSummary.of(load("train.csv"));
		assertEquals(6, s.images());
		assertEquals(2, s.imagesWithClass(1)); // a, e
		assertEquals(1, s.imagesWithClass(2)); // e
		assertEquals(2, s.imagesWithClass(3)); // a, b
		assertEquals(2, s.imagesWithClass(4)); // d, e
		assertEquals(2, s.imagesWithClassCount(0)); // c, f
		assertEquals(2, s.imagesWithClassCount(1)); // b, d
		assertEquals(1, s.imagesWithClassCount(2)); // a
		assertEquals(1, s.imagesWithClassCount(3)); // e
		assertEquals(5 + 1, s.area(1));
		assertEquals(4, s.area(2));
		assertEquals(13 + 20, s.area(3));
		assertEquals(20 + 40, s.area(4));
		assertTrue(s.toText().contains("6 images, 4 with a defect, 2 without"), s.toText());
	}

	@Test
	void imageSizeComesFromTheHeader() throws Exception {
		Path jpg = dir.resolve("x.jpg");
		TestData.writeJpeg(jpg, 1600, 256);
		assertEquals(ImageSize.SEVERSTAL, ImageSize.read(jpg));
		// a PNG behind a .jpg name is still read, by probing
		Path png = dir.resolve("y.jpg");
		javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(7, 5, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
			"png", png.toFile());
		assertEquals(new ImageSize(7, 5), ImageSize.read(png));
	}

	@Test
	void imageIdsMustBePlainFileNames() {
		assertTrue(ImageIds.isPlainFileName("0002cc93b.jpg"));
		for (String bad : new String[] { "../x.jpg", "/etc/x.jpg", "a/b.jpg", "a\\b.jpg", "..", ".", "", " x.jpg",
			"C:x.jpg", "x\u0000.jpg" })
			assertTrue(!ImageIds.isPlainFileName(bad), bad);
	}
}
