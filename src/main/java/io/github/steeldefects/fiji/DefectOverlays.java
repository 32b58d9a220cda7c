package io.github.steeldefects.fiji;

import java.awt.Color;
import java.awt.Rectangle;

import ij.ImagePlus;
import ij.gui.ImageRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

import io.github.steeldefects.data.Rle;

/**
 * Coloured defect overlays: per class a translucent fill ({@link ImageRoi}, cropped to the
 * class's bounding box) and an outline traced by {@link ThresholdToSelection}, in a fixed colour
 * per class. Also the way back: the run-length masks of an image's overlay outlines.
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

	/** Name of the fill ROI of class {@code cls}. */
	public static String fillName(int cls) {
		return "class " + cls + " fill";
	}

	/** The overlay of a label mask (row-major, k = class k); empty for an image without defect. */
	public static Overlay overlayFor(byte[] labelMask, int w, int h) {
		if (labelMask.length != (long) w * h) throw new IllegalArgumentException("mask has " + labelMask.length +
			" pixels, not " + w + " x " + h);
		Overlay overlay = new Overlay();
		for (int c = 1; c <= CLASSES; c++) {
			byte[] bin = null;
			for (int i = 0; i < labelMask.length; i++) {
				if (labelMask[i] == c) {
					if (bin == null) bin = new byte[labelMask.length];
					bin[i] = (byte) 255;
				}
			}
			if (bin != null) add(overlay, bin, w, h, c);
		}
		return overlay;
	}

	/** The overlay of four run-length masks (index 0 = class 1; "" or null = absent). */
	public static Overlay overlayFor(String[] rles, int w, int h) {
		Overlay overlay = new Overlay();
		for (int c = 1; c <= CLASSES && c <= rles.length; c++) {
			String rle = rles[c - 1];
			if (rle == null || rle.isBlank()) continue;
			byte[] bin = new byte[w * h];
			Rle.decodeInto(rle, bin, w, h, (byte) 255);
			add(overlay, bin, w, h, c);
		}
		return overlay;
	}

	private static void add(Overlay overlay, byte[] bin, int w, int h, int cls) {
		Rectangle box = bounds(bin, w, h);
		if (box == null) return;
		ByteProcessor crop = new ByteProcessor(box.width, box.height);
		byte[] dst = (byte[]) crop.getPixels();
		for (int y = 0; y < box.height; y++)
			System.arraycopy(bin, box.x + (box.y + y) * w, dst, y * box.width, box.width);
		Color color = color(cls);

		crop.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
		Roi outline = new ThresholdToSelection().convert(crop);
		crop.resetThreshold();

		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		r[255] = (byte) color.getRed();
		g[255] = (byte) color.getGreen();
		b[255] = (byte) color.getBlue();
		crop.setLut(new LUT(r, g, b));
		ImageRoi fill = new ImageRoi(box.x, box.y, crop);
		fill.setZeroTransparent(true);
		fill.setOpacity(FILL_OPACITY);
		fill.setName(fillName(cls));
		overlay.add(fill);

		if (outline != null) {
			outline.setLocation(outline.getXBase() + box.x, outline.getYBase() + box.y);
			outline.setStrokeColor(color);
			outline.setName(outlineName(cls));
			overlay.add(outline);
		}
	}

	private static Rectangle bounds(byte[] bin, int w, int h) {
		int x0 = w, y0 = h, x1 = -1, y1 = -1;
		for (int y = 0; y < h; y++) {
			int row = y * w;
			for (int x = 0; x < w; x++) {
				if (bin[row + x] == 0) continue;
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				y1 = y;
			}
		}
		return x1 < 0 ? null : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
	}

	/**
	 * The run-length masks (index 0 = class 1) of an image's overlay: every ROI named
	 * "class k" (the outlines this class draws, or ones a user drew and named so) is filled into
	 * class k's mask. Classes without such a ROI are "".
	 */
	public static String[] rlesOf(Overlay overlay, int w, int h) {
		String[] out = { "", "", "", "" };
		if (overlay == null) return out;
		for (int c = 1; c <= CLASSES; c++) {
			ByteProcessor mask = null;
			for (int i = 0; i < overlay.size(); i++) {
				Roi roi = overlay.get(i);
				if (roi instanceof ImageRoi || !outlineName(c).equals(roi.getName())) continue;
				if (mask == null) mask = new ByteProcessor(w, h);
				mask.setColor(255);
				mask.fill(roi);
			}
			if (mask != null) out[c - 1] = Rle.encode((byte[]) mask.getPixels(), w, h);
		}
		return out;
	}

	/** The run-length masks of the overlay of an open image (current slice). */
	public static String[] rlesOf(ImagePlus imp) {
		return rlesOf(imp.getOverlay(), imp.getWidth(), imp.getHeight());
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
		ImagePlus imp = ij.WindowManager.getCurrentImage();
		if (imp == null) return "";
		String id = OpenImageSource.imageId(imp, imp.getCurrentSlice());
		String[] rles = rlesOf(imp);
		StringBuilder sb = new StringBuilder();
		for (int c = 1; c <= CLASSES; c++)
			if (!rles[c - 1].isEmpty()) sb.append(id).append(',').append(c).append(',').append(rles[c - 1]).append('\n');
		return sb.toString();
	}

	/**
	 * The open image's defect overlay as image id -> RLE per class (ROIs named {@code class 1} ..
	 * {@code class 4}, as the import draws them and as a user names hand-drawn ones), for the encode
	 * command when no masks folder is given; null when no image is open.
	 */
	public static java.util.SortedMap<String, String[]> currentImageRles() {
		ImagePlus imp = ij.WindowManager.getCurrentImage();
		if (imp == null) return null;
		String id = OpenImageSource.imageId(imp, imp.getCurrentSlice());
		java.util.SortedMap<String, String[]> out = new java.util.TreeMap<>();
		out.put(id, rlesOf(imp));
		return out;
	}
}
