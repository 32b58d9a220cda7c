package io.github.steeldefects.fiji;

import java.awt.Color;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

import net.imglib2.Cursor;
import net.imglib2.FinalInterval;
import net.imglib2.Interval;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

import io.github.steeldefects.data.ImageMasks;

/**
 * Coloured defect overlays built from ImgLib2 mask images (each class mask decoded from its runs):
 * per class a translucent fill ({@link ImageRoi}, the mask cropped to the class's bounding box)
 * and an outline traced by {@link ThresholdToSelection}, in a fixed colour per class. Also the
 * way back: the class masks of an image's overlay outlines.
 */
public final class DefectOverlays {

	public static final int CLASSES = 4;

	/** Opacity of the fills. */
	public static final double FILL_OPACITY = 0.35;

	private DefectOverlays() {}

	/** The colour of class {@code cls} (1..4): 1 amber, 2 sky blue, 3 violet, 4 red. */
	public static Color color(int cls) {
		// one palette everywhere: the import's overlays, the augmentation preview and its montage
		return io.github.steeldefects.augment.AugmentPreview.classColor(cls);
	}

	/** Name of the outline ROI of class {@code cls}. */
	public static String outlineName(int cls) {
		return "class " + cls;
	}

	/** The overlay of an image's class masks (each decoded into an ImgLib2 image); empty for an image without defect. */
	public static Overlay overlayFor(ImageMasks masks, int w, int h) {
		Overlay overlay = new Overlay();
		for (int c = 1; c <= CLASSES; c++)
			if (masks.has(c)) add(overlay, masks.mask(c, w, h), c);
		return overlay;
	}

	/** Adds the fill and outline of the pixels set in {@code mask} (1, else 0), drawn as class {@code cls}. */
	private static void add(Overlay overlay, RandomAccessibleInterval<UnsignedByteType> mask, int cls) {
		Interval box = bounds(mask);
		if (box == null) return;
		int bw = (int) box.dimension(0), bh = (int) box.dimension(1);
		int x0 = (int) box.min(0), y0 = (int) box.min(1);
		// the crop is the processor's own pixels seen as an ImgLib2 image: 255 where the class is
		ByteProcessor crop = new ByteProcessor(bw, bh);
		Cursor<UnsignedByteType> dst = ArrayImgs.unsignedBytes((byte[]) crop.getPixels(), bw, bh).cursor();
		Cursor<UnsignedByteType> src = Views.flatIterable(Views.interval(mask, box)).cursor();
		while (src.hasNext()) dst.next().set(src.next().get() == 1 ? 255 : 0);
		Color color = color(cls);

		crop.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		Roi outline = new ThresholdToSelection().convert(crop);
		crop.resetThreshold();

		crop.setLut(LUT.createLutFromColor(color)); // 255 in the class colour; 0 black, drawn transparent
		ImageRoi fill = new ImageRoi(x0, y0, crop);
		fill.setZeroTransparent(true);
		fill.setOpacity(FILL_OPACITY);
		fill.setName("class " + cls + " fill");
		overlay.add(fill);

		if (outline != null) {
			outline.setLocation(outline.getXBase() + x0, outline.getYBase() + y0);
			outline.setStrokeColor(color);
			outline.setName(outlineName(cls));
			overlay.add(outline);
		}
	}

	/** The smallest interval holding the pixels set in {@code mask}, or null when there are none. */
	private static Interval bounds(RandomAccessibleInterval<UnsignedByteType> mask) {
		long x0 = Long.MAX_VALUE, y0 = Long.MAX_VALUE, x1 = Long.MIN_VALUE, y1 = Long.MIN_VALUE;
		Cursor<UnsignedByteType> c = Views.flatIterable(mask).localizingCursor();
		while (c.hasNext()) {
			if (c.next().get() != 1) continue;
			long x = c.getLongPosition(0), y = c.getLongPosition(1);
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
		}
		return x1 < x0 ? null : new FinalInterval(new long[] { x0, y0 }, new long[] { x1, y1 });
	}

	/**
	 * The class masks of an image's overlay: every ROI named "class k" (the outlines this class
	 * draws, or ones a user drew and named so) is filled into class k's mask. Classes without such
	 * a ROI are absent.
	 */
	public static ImageMasks masksOf(Overlay overlay, int w, int h) {
		String[] out = { "", "", "", "" };
		if (overlay == null) return ImageMasks.NONE;
		for (int c = 1; c <= CLASSES; c++) {
			ByteProcessor mask = null;
			for (int i = 0; i < overlay.size(); i++) {
				Roi roi = overlay.get(i);
				if (roi instanceof ImageRoi || !outlineName(c).equals(roi.getName())) continue;
				if (mask == null) mask = new ByteProcessor(w, h);
				mask.setColor(255);
				mask.fill(roi);
			}
			if (mask != null) out[c - 1] = ImageMasks.encode(ArrayImgs.unsignedBytes((byte[]) mask.getPixels(), w, h));
		}
		return ImageMasks.of(out);
	}

	/**
	 * For macros: the overlay of the current image (current slice) as rows of a new-format
	 * Severstal CSV ({@code ImageId,ClassId,EncodedPixels}, no header), one per class drawn as a
	 * ROI named "class k". The image id is {@link OpenImageSource#imageId}'s.
	 *
	 * <pre>
	 * rows = call("io.github.steeldefects.fiji.DefectOverlays.encodeCurrentImage");
	 * </pre>
	 */
	public static String encodeCurrentImage() {
		java.util.SortedMap<String, ImageMasks> current = currentImageRles();
		if (current == null) return "";
		String id = current.firstKey();
		ImageMasks masks = current.get(id);
		StringBuilder sb = new StringBuilder();
		for (int c = 1; c <= CLASSES; c++)
			if (masks.has(c)) sb.append(id).append(',').append(c).append(',').append(masks.rle(c)).append('\n');
		return sb.toString();
	}

	/**
	 * The open image's defect overlay as image id -> class masks (ROIs named {@code class 1} ..
	 * {@code class 4}, as the import draws them and as a user names hand-drawn ones), for the encode
	 * command when no masks folder is given; null when no image is open.
	 */
	public static java.util.SortedMap<String, ImageMasks> currentImageRles() {
		ImagePlus imp = ij.WindowManager.getCurrentImage();
		if (imp == null) return null;
		java.util.SortedMap<String, ImageMasks> out = new java.util.TreeMap<>();
		out.put(OpenImageSource.imageId(imp, imp.getCurrentSlice()), masksOf(imp.getOverlay(), imp.getWidth(), imp.getHeight()));
		return out;
	}
}
