package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.process.ByteProcessor;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.classify.ImageHeatmap;
import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.commands.ClassifyCommand;
import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * The heatmap overlay as the Fiji face draws it, inspected headless: one translucent picture per
 * slice, on that slice, opaque where the heatmap peaks and clear elsewhere, under the label, with
 * a colour bar; replaced on a rerun, gone with showheatmaps=false.
 */
class HeatmapOverlayTest {

	static final int W = 160, H = 40;

	@TempDir
	Path tmp;

	/** 8 x 2 cells of 20 x 20 pixels: -1 everywhere, 3 at cell (cx, cy), per output. */
	static ImageHeatmap peak(String id, int outputs, int cx, int cy, int hotOutput) {
		float[] v = new float[outputs * 16];
		Arrays.fill(v, -1f);
		v[hotOutput * 16 + cy * 8 + cx] = 3f;
		return new ImageHeatmap(id, new Heatmap(outputs, 2, 8, v), W, H);
	}

	static ClassifiedImage row(String id, float p) {
		return new ClassifiedImage(id, new float[] { p }, new boolean[] { p >= 0.5f }, Truth.UNKNOWN);
	}

	static List<ImageRoi> pictures(Overlay o, int slice) {
		List<ImageRoi> out = new ArrayList<>();
		for (Roi r : o.toArray())
			if (r instanceof ImageRoi ir && "heatmap".equals(r.getName()) && (slice == 0 || r.getPosition() == slice)) out.add(ir);
		return out;
	}

	@Test
	void eachSliceGetsItsHeatmapUnderItsLabelWithAColourBar() {
		ImageStack stack = new ImageStack(W, H);
		stack.addSlice("a", new ByteProcessor(W, H));
		stack.addSlice("b", new ByteProcessor(W, H));
		ImagePlus imp = new ImagePlus("strip", stack);
		List<ImageHeatmap> maps = List.of(peak("a", 1, 2, 0, 0), peak("b", 1, 6, 1, 0));
		for (int run = 0; run < 2; run++) { // a second run replaces, not adds
			ClassifyPresenter.heatmaps(imp, maps, List.of("defect"));
			ClassifyPresenter.label(imp, List.of(row("a", 0.9f), row("b", 0.2f)), null);
		}
		Overlay o = imp.getOverlay();
		assertEquals(1, pictures(o, 1).size());
		assertEquals(1, pictures(o, 2).size());
		Roi[] all = o.toArray();
		assertTrue(all[all.length - 1] instanceof TextRoi t && t.getText().startsWith("ok"), "the labels are drawn last, on top");
		long bars = Arrays.stream(all).filter(r -> r.getName() != null && r.getName().startsWith("colour bar")).count();
		assertEquals(2, bars, "one colour bar per slice");

		ImageRoi first = pictures(o, 1).get(0);
		assertEquals(W, first.getBounds().width);
		assertEquals(H, first.getBounds().height);
		// the picture ImageRoi draws (ARGB), upsampled from the cells to the image
		float[] scale = HeatmapOverlays.scale(maps);
		BufferedImage a = HeatmapOverlays.picture(maps.get(0).heatmap(), scale, W, H);
		assertEquals(W, a.getWidth());
		int hot = a.getRGB(50, 10), cold = a.getRGB(130, 30);
		assertTrue(((hot >> 16) & 0xff) > 200 && (hot & 0xff) < 100, "bright red where cells push towards defect");
		assertTrue((cold & 0xff) > 50 && ((cold >> 16) & 0xff) < 50, "blue where they push away");
		assertTrue((cold & 0xff) < ((hot >> 16) & 0xff), "dimmer where they push away less strongly (1 against 3)");
		// between the peak (3) and its neighbour (-1) the share crosses 0: clear (black, drawn transparent)
		boolean clear = false;
		for (int x = 50; x < 75; x++) clear |= (a.getRGB(x, 10) & 0xffffff) == 0;
		assertTrue(clear, "shares near 0 are left clear");
		assertTrue(first.getZeroTransparent());
		assertEquals(HeatmapOverlays.OPACITY, first.getOpacity(), 1e-9);
		BufferedImage b = HeatmapOverlays.picture(maps.get(1).heatmap(), scale, W, H);
		assertTrue(((b.getRGB(130, 30) >> 16) & 0xff) > 200, "slice 2 peaks elsewhere");

		ClassifyPresenter.heatmaps(imp, List.of(), List.of("defect")); // showheatmaps=false, or no heatmaps
		assertEquals(0, pictures(imp.getOverlay(), 0).size());
		assertEquals(2, Arrays.stream(imp.getOverlay().toArray()).filter(r -> r instanceof TextRoi t && !"heatmap".equals(t.getProperty("steel-defects"))).count());
	}

	@Test
	void fourClassesShowInTheirOverlayColoursOnAnImportedStack() {
		DefectTable table = DefectTable.load(Paths.get("sample-data/train.csv"), Paths.get("sample-data/train_images"), null);
		ImagePlus imp = ImportPresenter.openStack(table, 2);
		int w = imp.getWidth(), h = imp.getHeight();
		List<ImageHeatmap> maps = new ArrayList<>();
		for (int s = 0; s < 2; s++) {
			ImageHeatmap m = peak(table.rows().get(s).imageId(), 4, 2, 0, s == 0 ? 2 : 3); // class 3, then class 4
			maps.add(new ImageHeatmap(m.imageId(), m.heatmap(), w, h));
		}
		ClassifyPresenter.heatmaps(imp, maps, List.of("class_1", "class_2", "class_3", "class_4"));
		ClassifyPresenter.label(imp, List.of(row(maps.get(0).imageId(), 0.9f), row(maps.get(1).imageId(), 0.8f)), null);
		for (int s = 1; s <= 2; s++) {
			imp.setSlice(s);
			Overlay o = ((DefectStack) imp.getStack()).overlay(s); // what ImageJ does on a slice change
			List<ImageRoi> pictures = pictures(o, 0);
			assertEquals(1, pictures.size(), "slice " + s);
			long bars = Arrays.stream(o.toArray()).filter(r -> r.getName() != null && r.getName().startsWith("colour bar")).count();
			assertEquals(4, bars, "one colour bar per class");
			java.awt.Color expected = DefectOverlays.color(s == 1 ? 3 : 4);
			BufferedImage b = HeatmapOverlays.picture(maps.get(s - 1).heatmap(), HeatmapOverlays.scale(maps), w, h);
			// cell (2, 0) of 8 x 2 on a 1600 x 256 strip: x 400..599, y 0..127
			int c = b.getRGB(500, 64);
			// the class colour, at nearly full brightness (the pixel is next to the cell's centre)
			double brightness = ((c >> 16) & 0xff) / (double) expected.getRed();
			assertTrue(brightness > 0.95, "slice " + s + " brightness " + brightness);
			assertEquals(expected.getGreen() * brightness, (c >> 8) & 0xff, 3, "slice " + s);
			assertEquals(expected.getBlue() * brightness, c & 0xff, 3, "slice " + s);
			assertEquals(0, b.getRGB(1500, 200) & 0xffffff, "clear where no class pushes towards defect");
			Roi[] all = o.toArray();
			assertTrue(all[all.length - 1] instanceof TextRoi, "the label stays on top");
		}
	}

	@Test
	@Tag("tensorflow")
	void classifyOnTheOpenImageKeepsHeatmapsUnlessShowheatmapsIsFalse() throws Exception {
		List<String> ids = TestModels.sampleIds(2);
		Path images = TestModels.copyImages(tmp.resolve("images"), ids);
		Path model = TestModels.exportXception(tmp.resolve("model"), ids.stream().map(images::resolve).toList(), 71);
		ImageStack stack = new ImageStack(1600, 256);
		for (String id : ids) stack.addSlice(id, new ImagePlus(images.resolve(id).toString()).getProcessor().convertToByte(false));
		ImagePlus imp = new ImagePlus("two strips", stack);
		WindowManager.setTempCurrentImage(imp);
		try {
			for (boolean show : new boolean[] { true, false }) {
				// as a macro runs it: run("Classify...", "model=... showheatmaps=...")
				ClassifyCommand cmd = (ClassifyCommand) Ij1.runAndShow("classify",
					Map.of("model", model.toString(), "device", "cpu", "showheatmaps", Boolean.toString(show)));
				assertEquals(2, cmd.classified().size(), cmd.summary());
				assertEquals(show ? 2 : 0, cmd.heatmaps().size());
				assertEquals(show ? 2 : 0, pictures(imp.getOverlay(), 0).size());
				assertEquals(2, Arrays.stream(imp.getOverlay().toArray())
					.filter(r -> r instanceof TextRoi t && "classify".equals(t.getProperty("steel-defects"))).count());
			}
		}
		finally {
			WindowManager.setTempCurrentImage(null);
		}
	}
}
