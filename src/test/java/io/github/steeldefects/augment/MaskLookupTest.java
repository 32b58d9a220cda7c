package io.github.steeldefects.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.Rle;

class MaskLookupTest {

	@TempDir
	Path dir;

	static final int W = 40, H = 16;

	/** Class 1: a 5 x 4 block; class 3: a column strip. */
	static byte[] labels() {
		byte[] m = new byte[W * H];
		for (int y = 2; y < 6; y++)
			for (int x = 3; x < 8; x++) m[x + y * W] = 1;
		for (int y = 0; y < H; y++)
			for (int x = 30; x < 33; x++) m[x + y * W] = 3;
		return m;
	}

	@Test
	void allThreeLayoutsGiveTheSameLabels() throws IOException {
		byte[] m = labels();
		String r1 = Rle.encode(m, W, H, 1), r3 = Rle.encode(m, W, H, 3);
		Path fresh = Files.writeString(dir.resolve("new.csv"), "ImageId,ClassId,EncodedPixels\nb.jpg,2,1 3\na.jpg,1," +
			r1 + "\na.jpg,3," + r3 + "\n");
		Path old = Files.writeString(dir.resolve("old.csv"), "ImageId_ClassId,EncodedPixels\nb.jpg_1,\nb.jpg_2,1 3\na.jpg_1," +
			r1 + "\na.jpg_2,\na.jpg_3," + r3 + "\na.jpg_4,\n");
		Path table = Files.writeString(dir.resolve("table.csv"),
			"image_id,rle_1,rle_2,rle_3,rle_4,defect,stratify\nb.jpg,,1 3,,,1,2\na.jpg," + r1 + ",," + r3 + ",,1,1_3\nc.jpg,,,,,0,0\n");
		for (Path p : List.of(fresh, old, table)) {
			MaskLookup l = MaskLookup.read(p);
			assertArrayEquals(m, l.labels("a.jpg", W, H), p.toString());
			assertEquals(List.of("b.jpg", "a.jpg"), l.imagesWithDefects(), p.toString());
			assertArrayEquals(new byte[W * H], l.labels("c.jpg", W, H), "an image without masks is all background");
		}
	}

	@Test
	void badMasksNameFileLineAndImage() throws IOException {
		Path bad = Files.writeString(dir.resolve("bad.csv"), "ImageId,ClassId,EncodedPixels\na.jpg,1,5 3 4 2\n");
		InputException e = assertThrows(InputException.class, () -> MaskLookup.read(bad).labels("a.jpg", W, H));
		assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("a.jpg"), e.getMessage());
		Path other = Files.writeString(dir.resolve("other.csv"), "name,value\nx,1\n");
		assertThrows(InputException.class, () -> MaskLookup.read(other));
	}
}
