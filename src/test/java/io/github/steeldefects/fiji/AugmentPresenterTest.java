package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Roi;

import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.AugmentPreview;

class AugmentPresenterTest {

	@Test
	void stackHasOneSlicePerTileAndOverlaysFollowTheMasks() {
		int w = 120, h = 40;
		byte[] img = new byte[w * h];
		byte[] mask = new byte[w * h];
		for (int y = 10; y < 20; y++)
			for (int x = 10; x < 30; x++) {
				img[x + y * w] = (byte) 200;
				mask[x + y * w] = 4;
			}
		AugmentPreview p = AugmentPreview.of("a.jpg", img, mask, w, h, AugmentConfig.parse("hflip=1"), 0, 2);
		ImagePlus imp = AugmentPresenter.stack(p);
		assertEquals(3, imp.getStackSize());
		assertEquals("original", imp.getStack().getSliceLabel(1));
		assertTrue(imp.getStack().getSliceLabel(2).contains("hflip"));
		// an outline and a fill per slice, on that slice
		assertEquals(6, imp.getOverlay().size());
		for (int slice = 1; slice <= 3; slice++) {
			Roi outline = null;
			for (Roi r : imp.getOverlay().toArray())
				if (r.getPosition() == slice && r.getFillColor() == null) outline = r;
			java.awt.Rectangle b = outline.getBounds();
			int expectedX = slice == 1 ? 10 : w - 30;
			assertEquals(new java.awt.Rectangle(expectedX, 10, 20, 10), b, "slice " + slice);
			assertEquals(AugmentPreview.classColor(4), outline.getStrokeColor());
		}
	}
}
