package io.github.steeldefects.fiji;

import java.awt.Color;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.augment.AugmentPreview;
import io.github.steeldefects.commands.AugmentCommand;

/**
 * Shows an augmentation preview as a stack: slice 1 the original, slices 2.. the variants (slice
 * labels say what was drawn), each with its own overlay of class outlines and translucent fills.
 */
@Plugin(type = Presenter.class)
public class AugmentPresenter implements Presenter<AugmentCommand> {

	@Override
	public void show(AugmentCommand command, boolean headless) {
		AugmentPreview p = command.preview();
		Ij1.progress().log(command.summary());
		if (p == null || headless) return;
		ImagePlus imp = stack(p);
		imp.show();
		Ij1.fitScreen(imp); // variants of a 1600-pixel strip: never wider than the screen
	}

	/** The stack with overlays; public for scripts. */
	public static ImagePlus stack(AugmentPreview p) {
		ImageStack stack = new ImageStack(p.width(), p.height());
		Overlay overlay = new Overlay();
		for (int t = 0; t < p.tiles().size(); t++) {
			AugmentPreview.Tile tile = p.tiles().get(t);
			stack.addSlice(tile.label(), new ByteProcessor(p.width(), p.height(), tile.image().clone()));
			ByteProcessor mask = new ByteProcessor(p.width(), p.height(), tile.mask());
			int[] pixels = mask.getHistogram(); // only the classes present are traced (a trace costs about 1 ms)
			for (int k = 1; k <= 255; k++) {
				if (pixels[k] == 0) continue;
				// the region of class k as a selection
				mask.setThreshold(k, k, ImageProcessor.NO_LUT_UPDATE);
				Roi roi = ThresholdToSelection.run(new ImagePlus("", mask));
				if (roi == null) continue;
				Color c = AugmentPreview.classColor(k);
				Roi fill = (Roi) roi.clone();
				fill.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
				fill.setPosition(t + 1);
				fill.setName("class " + k + " fill");
				roi.setStrokeColor(c);
				roi.setPosition(t + 1);
				roi.setName("class " + k);
				overlay.add(fill);
				overlay.add(roi);
			}
		}
		ImagePlus imp = new ImagePlus("Augmentation " + p.imageId(), stack);
		imp.setOverlay(overlay);
		return imp;
	}
}
