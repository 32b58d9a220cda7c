package io.github.steeldefects.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.type.numeric.integer.UnsignedByteType;

class ImageMasksTest {

	@Test
	void aClassDecodesIntoAnImageIndexedByColumnAndRow() {
		// 5 x 4; class 2 "6 2" = 0-based pixels 5 and 6 = column 1, rows 1 and 2 (column-major)
		ImageMasks m = ImageMasks.of("", "6 2", "", "");
		ArrayImg<UnsignedByteType, ByteArray> img = m.mask(2, 5, 4);
		RandomAccess<UnsignedByteType> ra = img.randomAccess();
		assertEquals(1, ra.setPositionAndGet(1, 1).get());
		assertEquals(1, ra.setPositionAndGet(1, 2).get());
		assertEquals(0, ra.setPositionAndGet(2, 1).get());
		assertEquals(2, m.pixels(2));
		assertTrue(m.has(2) && !m.has(1) && m.any());
		assertFalse(ImageMasks.NONE.any());
		assertEquals(0, ImageMasks.NONE.mask(1, 5, 4).update(null).getCurrentStorageArray()[0]);
	}

	@Test
	void theImageIsTheArrayTheCodecReadsNotACopy() {
		byte[] px = new byte[20];
		ArrayImg<UnsignedByteType, ByteArray> img = ArrayImgs.unsignedBytes(px, 5, 4);
		assertSame(px, ImageMasks.bytes(img));
		img.randomAccess().setPositionAndGet(3, 2).set(1);
		assertEquals("15 1", ImageMasks.encode(img)); // column 3 x 4 rows + row 2, 1-based
	}

	@Test
	void aMaskThatDoesNotFitTheImageIsNamedAsTheCodecNamesIt() {
		ImageMasks m = ImageMasks.of("1 3", "", "18 5", "");
		m.checkFits(1, 5, 4);
		Rle.RleFormatException e = assertThrows(Rle.RleFormatException.class, () -> m.checkFits(3, 5, 4));
		String direct = assertThrows(Rle.RleFormatException.class, () -> Rle.decode("18 5", 5, 4)).getMessage();
		assertEquals(direct, e.getMessage());
		assertTrue(e.getMessage().contains("ends past the last pixel of a 5 x 4 image"), e.getMessage());
		assertThrows(Rle.RleFormatException.class, () -> m.mask(3, 5, 4));
		// a start beyond any array is kept as a mask that fits no image, not wrapped round
		ImageMasks huge = ImageMasks.of("9999999999999 2", "", "", "");
		assertTrue(huge.has(1));
		assertThrows(Rle.RleFormatException.class, () -> huge.checkFits(1, 1600, 256));
	}

	@Test
	void malformedMasksNameTheirClass() {
		Rle.RleFormatException e = assertThrows(Rle.RleFormatException.class, () -> ImageMasks.of("", "", "5 2 3 1", ""));
		assertTrue(e.getMessage().startsWith("class 3: "), e.getMessage());
	}

	@Test
	void labelsEncodeIntoTheFourClassesAndTheUnionHoldsThemAll() {
		byte[] labels = { 1, 0, 0, 4, 0, 3, 0, 0, 0, 0, 0, 0 }; // 4 x 3, row-major
		ImageMasks m = ImageMasks.ofLabels(ArrayImgs.unsignedBytes(labels, 4, 3));
		assertEquals(ImageMasks.of("1 1", "", "5 1", "10 1"), m);
		byte[] union = m.union(4, 3).update(null).getCurrentStorageArray();
		for (int i = 0; i < labels.length; i++) assertEquals(labels[i] == 0 ? 0 : 1, union[i]);
	}
}
