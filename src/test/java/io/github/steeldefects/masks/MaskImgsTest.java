package io.github.steeldefects.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import io.github.steeldefects.data.ImageMasks;

class MaskImgsTest {

	@TempDir
	Path dir;

	@Test
	void decodedImageIsIndexedByColumnAndRow() {
		// 5 wide, 4 high; "6 2" = pixel 5, 6 = column 1, rows 1 and 2
		ArrayImg<UnsignedByteType, ByteArray> img = ImageMasks.of("", "6 2", "", "").mask(2, 5, 4);
		RandomAccess<UnsignedByteType> ra = img.randomAccess();
		ra.setPosition(new long[] { 1, 1 });
		assertEquals(1, ra.get().get());
		ra.setPosition(new long[] { 1, 2 });
		assertEquals(1, ra.get().get());
		ra.setPosition(new long[] { 2, 1 });
		assertEquals(0, ra.get().get());
		assertEquals(5, img.dimension(0));
		assertEquals(4, img.dimension(1));
	}

	@Test
	void wrapSharesTheArray() {
		byte[] mask = new byte[20];
		ArrayImg<UnsignedByteType, ByteArray> img = MaskImgs.wrap(mask, 5, 4);
		assertSame(mask, MaskImgs.array(img));
		RandomAccess<UnsignedByteType> ra = img.randomAccess();
		ra.setPosition(new long[] { 3, 2 });
		ra.get().set(4);
		assertEquals(4, mask[3 + 2 * 5]);
		assertEquals("15 1", ImageMasks.encode(img)); // 1-based: column 3 * 4 rows + row 2 + 1
	}

	@Test
	void encodeWorksOnAnyIntegerImage() {
		ArrayImg<IntType, IntArray> ints = ArrayImgs.ints(5, 4);
		RandomAccess<IntType> ra = ints.randomAccess();
		ra.setPosition(new long[] { 0, 3 });
		ra.get().set(2);
		ra.setPosition(new long[] { 1, 0 });
		ra.get().set(2);
		assertEquals("4 2", ImageMasks.encode(ints, 2));
		// a view with an offset is read through its own origin
		assertEquals("4 2", ImageMasks.encode(Views.interval(Views.translate(ints, 10, 10), new long[] { 10, 10 },
			new long[] { 14, 13 })));
		assertEquals(ImageMasks.of("", "4 2", "", ""), MaskImgs.encodeLabels(ints));
	}

	@Test
	void labelImageRoundTrip() {
		ImageMasks rles = ImageMasks.of("1 3", "", "9 4", "20 1");
		ArrayImg<UnsignedByteType, ByteArray> img = MaskImgs.labels(rles, 5, 4);
		assertEquals(rles, MaskImgs.encodeLabels(img));
		assertEquals(rles, LabelMasks.encode(MaskImgs.array(img), 5, 4));
		// a class decoded on its own is the label image's pixels of that class
		byte[] three = MaskImgs.array(rles.mask(3, 5, 4));
		for (int i = 0; i < three.length; i++) assertEquals(MaskImgs.array(img)[i] == 3 ? 1 : 0, three[i]);
	}

	@Test
	void overlappingClassesAreRefused() {
		assertThrows(LabelMasks.LabelException.class, () -> MaskImgs.labels(ImageMasks.of("1 5", "3 2", "", ""), 5, 4));
		ArrayImg<UnsignedByteType, ByteArray> nine = MaskImgs.wrap(new byte[20], 5, 4);
		MaskImgs.array(nine)[7] = 9;
		assertThrows(LabelMasks.LabelException.class, () -> MaskImgs.encodeLabels(nine));
	}

	@Test
	void labelPngKeepsTheValues() {
		byte[] px = new byte[5 * 4];
		for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 5);
		Path f = dir.resolve("x.png");
		LabelPng.write(f, false, px, 5, 4);
		LabelPng.Labels back = LabelPng.read(f);
		assertEquals(5, back.width());
		assertEquals(4, back.height());
		assertArrayEquals(px, back.pixels());
	}
}
