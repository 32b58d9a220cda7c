package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;

import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.data.TestData;
import io.github.steeldefects.data.ImageMasks;

class DefectOverlaysTest {

	@TempDir
	Path dir;

	private static Roi named(Overlay o, String name) {
		for (int i = 0; i < o.size(); i++)
			if (name.equals(o.get(i).getName())) return o.get(i);
		return null;
	}

	@Test
	void eachClassGetsAFillAndAnOutlineInItsColour() {
		ImageMasks rles = ImageMasks.of("1 5", "", "41 10 61 3", "");
		Overlay o = DefectOverlays.overlayFor(rles, 40, 20);
		assertEquals(4, o.size());
		Roi fill3 = named(o, "class 3 fill");
		Roi outline3 = named(o, "class 3");
		assertTrue(fill3 instanceof ImageRoi);
		assertEquals(DefectOverlays.color(3), outline3.getStrokeColor());
		// class 3 is column 2 rows 0..9 and column 3 rows 0..2: the outline holds those pixels only
		assertTrue(outline3.contains(2, 9));
		assertTrue(outline3.contains(3, 2));
		assertTrue(!outline3.contains(3, 3));
		assertTrue(!outline3.contains(1, 0));
		assertEquals(2, fill3.getBounds().x);
		assertEquals(13, outline3.getStatistics().pixelCount);
		assertEquals(0, DefectOverlays.overlayFor(ImageMasks.NONE, 40, 20).size());
	}

	@Test
	void overlayOutlinesEncodeBackToTheSameMasks() {
		ImageMasks rles = ImageMasks.of("1 5 30 7", "", "41 10 61 3 400 60", "790 11");
		assertEquals(rles, DefectOverlays.masksOf(DefectOverlays.overlayFor(rles, 40, 20), 40, 20));
	}

	@Test
	void macrosCanEncodeTheCurrentImagesOverlay() throws Exception {
		TestData.write(dir);
		DefectTable t = DefectTable.load(dir.resolve("train.csv"), dir.resolve("train_images"), null);
		ImagePlus imp = ImportPresenter.openStack(t, 0);
		imp.setSlice(5); // e.jpg
		ij.WindowManager.setTempCurrentImage(imp);
		try {
			assertEquals("e.jpg,1,200 1\ne.jpg,2,5 2 25 2\ne.jpg,4,400 40\n", DefectOverlays.encodeCurrentImage());
		}
		finally {
			ij.WindowManager.setTempCurrentImage(null);
		}
	}

	@Test
	void virtualStackLoadsSlicesWithTheirOverlays() throws Exception {
		TestData.write(dir);
		DefectTable t = DefectTable.load(dir.resolve("train.csv"), dir.resolve("train_images"), null);
		ImagePlus imp = ImportPresenter.openStack(t, 4);
		assertEquals(4, imp.getStackSize());
		assertEquals("b.jpg", imp.getStack().getSliceLabel(2));
		assertNotNull(named(imp.getOverlay(), "class 1")); // a.jpg
		imp.setSlice(2);
		assertEquals(null, named(imp.getOverlay(), "class 1"));
		assertNotNull(named(imp.getOverlay(), "class 3")); // b.jpg
		imp.setSlice(3);
		assertTrue(imp.getOverlay() == null || imp.getOverlay().size() == 0); // c.jpg has no defect
		ImageProcessor ip = imp.getStack().getProcessor(4);
		assertEquals(TestData.W, ip.getWidth());
		assertEquals(8, ip.getBitDepth());
		assertNotNull(named(ip.getOverlay(), "class 4"));
	}

	@Test
	void resultsTableHoldsThePerImageTable() throws Exception {
		TestData.write(dir);
		DefectTable t = DefectTable.load(dir.resolve("train.csv"), dir.resolve("train_images"), null);
		ResultsTable rt = new ResultsTable();
		ImportPresenter.fillResults(rt, t);
		assertEquals(6, rt.size());
		assertEquals("a.jpg", rt.getStringValue("image_id", 0));
		assertEquals("41 10 61 3", rt.getStringValue("rle_3", 0));
		assertEquals("1_3", rt.getStringValue("stratify", 0));
		assertEquals(2, rt.getValue("total_defects", 0));
		assertEquals(0, rt.getValue("defect", 5));
		ResultsTable s = ImportPresenter.summaryTable(io.github.steeldefects.data.ClassSummary.of(t));
		assertEquals("class 3", s.getStringValue("what", 2));
		assertEquals(2, s.getValue("images", 2));
		assertEquals(33, s.getValue("defect_pixels", 2));
		assertEquals("0 classes", s.getStringValue("what", 4));
		assertEquals(2, s.getValue("images", 4));
		// the bar plot renders without a window
		ij.process.ImageProcessor plot = ImportPresenter.summaryPlot(io.github.steeldefects.data.ClassSummary.of(t)).getProcessor();
		assertTrue(plot.getWidth() > 0);
	}
}
