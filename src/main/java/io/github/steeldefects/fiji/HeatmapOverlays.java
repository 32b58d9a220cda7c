package io.github.steeldefects.fiji;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import ij.gui.ImageRoi;
import ij.gui.Roi;
import ij.gui.TextRoi;

import io.github.steeldefects.classify.ImageHeatmap;
import io.github.steeldefects.model.infer.Heatmap;

/**
 * Draws heatmaps over the classified image: per slice a translucent picture of the heatmap,
 * upsampled bilinearly from the cells to the image, plus a colour bar. One output: red where a
 * cell pushes towards defect (share above 0), blue where it pushes away, brighter the larger the
 * share. Four outputs: each class in its overlay colour ({@link DefectOverlays#color}) where its
 * share is above 0, the strongest class per pixel; one bar per class. The
 * colour scale is common to all slices of the image, so slices compare.
 * <p>
 * The picture is an {@link ImageRoi} with one opacity and black transparent (shares below
 * {@value #CLEAR} of the scale), not per-pixel alpha: ImageJ copies an ImageRoi through a
 * {@code ColorProcessor} (duplicate, flatten, save with the overlay), which keeps no alpha.
 */
public final class HeatmapOverlays {

	/** Property {@code steel-defects} of every ROI drawn here. */
	public static final String TAG = "heatmap";
	public static final Color TOWARDS = new Color(255, 40, 20), AWAY = new Color(40, 90, 255);
	/** Opacity of the heatmap picture. */
	public static final double OPACITY = 0.5;
	/** Shares below this fraction of the scale are left clear. */
	public static final double CLEAR = 0.1;

	private HeatmapOverlays() {}

	/**
	 * The colour scale: per output the largest |share| over all the heatmaps (at least a tiny
	 * positive number, so a flat map draws nothing rather than dividing by zero).
	 */
	public static float[] scale(List<ImageHeatmap> maps) {
		int outputs = maps.get(0).heatmap().outputs();
		float[] s = new float[outputs];
		java.util.Arrays.fill(s, 1e-6f);
		for (ImageHeatmap m : maps) {
			Heatmap h = m.heatmap();
			for (int k = 0; k < outputs; k++) for (float v : h.slice(k)) s[k] = Math.max(s[k], Math.abs(v));
		}
		return s;
	}

	/** The ROIs of one slice: the heatmap picture, then the colour bar and its labels; positioned on {@code slice} (0: all). */
	public static List<Roi> rois(ImageHeatmap map, float[] scale, List<String> classNames, int width, int height, int slice) {
		List<Roi> rois = new ArrayList<>();
		ImageRoi picture = new ImageRoi(0, 0, picture(map.heatmap(), scale, width, height));
		picture.setName("heatmap");
		picture.setZeroTransparent(true);
		picture.setOpacity(OPACITY);
		rois.add(picture);
		rois.addAll(colourBar(scale, classNames, width, height));
		for (Roi r : rois) {
			r.setProperty("steel-defects", TAG);
			r.setPosition(slice);
		}
		return rois;
	}

	/** RGB picture of a heatmap at image size; black (drawn transparent) where the share is near 0. */
	public static BufferedImage picture(Heatmap h, float[] scale, int width, int height) {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		int[] argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
		int outputs = h.outputs();
		float[][] slices = new float[outputs][];
		for (int k = 0; k < outputs; k++) slices[k] = h.slice(k);
		int cw = h.width();
		Axis ax = new Axis(width, cw), ay = new Axis(height, h.height());
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int colour = 0;
				if (outputs == 1) colour = signed(bilinear(slices[0], cw, ax, x, ay, y) / scale[0]);
				else {
					float best = 0;
					int cls = -1;
					for (int k = 0; k < outputs; k++) {
						float v = bilinear(slices[k], cw, ax, x, ay, y) / scale[k];
						if (v > best) {
							best = v;
							cls = k;
						}
					}
					if (cls >= 0) colour = shade(classColour(cls), best);
				}
				argb[y * width + x] = colour;
			}
		}
		return img;
	}

	/** The colour of output k of a multi-output model: the class overlay colours. */
	public static Color classColour(int k) {
		return DefectOverlays.color(k % DefectOverlays.CLASSES + 1);
	}

	/** Interpolation between cell centres along one axis: pixel centre p + 0.5 lies at cell coordinate (p + 0.5) * cells / pixels - 0.5. */
	private record Axis(int[] i0, int[] i1, float[] f) {

		Axis(int pixels, int cells) {
			this(new int[pixels], new int[pixels], new float[pixels]);
			for (int p = 0; p < pixels; p++) {
				double u = Math.max(0, Math.min(cells - 1, (p + 0.5) * cells / pixels - 0.5));
				int a = (int) Math.floor(u);
				i0[p] = a;
				i1[p] = Math.min(a + 1, cells - 1);
				f[p] = (float) (u - a);
			}
		}
	}

	private static float bilinear(float[] m, int w, Axis ax, int x, Axis ay, int y) {
		float fx = ax.f[x], fy = ay.f[y];
		float top = m[ay.i0[y] * w + ax.i0[x]] * (1 - fx) + m[ay.i0[y] * w + ax.i1[x]] * fx;
		float bottom = m[ay.i1[y] * w + ax.i0[x]] * (1 - fx) + m[ay.i1[y] * w + ax.i1[x]] * fx;
		return top * (1 - fy) + bottom * fy;
	}

	/** One output: red for a share towards defect, blue for one away from it. */
	private static int signed(double share) {
		return share >= 0 ? shade(TOWARDS, share) : shade(AWAY, -share);
	}

	/** The colour at brightness 0.35 .. 1 for a share of {@link #CLEAR} .. 1 of the scale; black below. */
	private static int shade(Color c, double share) {
		if (share < CLEAR) return 0;
		double b = 0.35 + 0.65 * Math.min(1, (share - CLEAR) / (1 - CLEAR));
		int r = (int) Math.round(c.getRed() * b), g = (int) Math.round(c.getGreen() * b), bl = (int) Math.round(c.getBlue() * b);
		return Math.max(1, r) << 16 | g << 8 | bl; // never pure black: that is the transparent colour
	}

	/** Vertical bars at the right edge: one (+max red .. 0 .. -max blue) for one output, one per class (0 .. +max) for several. */
	static List<Roi> colourBar(float[] scale, List<String> classNames, int width, int height) {
		List<Roi> rois = new ArrayList<>();
		int outputs = scale.length;
		int fontSize = Math.max(9, Math.min(16, height / 16));
		Font font = new Font(Font.SANS_SERIF, Font.PLAIN, fontSize);
		int barHeight = Math.max(20, (int) (height * 0.6)), barWidth = Math.max(6, fontSize * 2 / 3);
		int top = (height - barHeight) / 2;
		int slot = Math.max(barWidth + 4 * fontSize, 40);
		int left = Math.max(0, width - slot * outputs - 4);
		for (int k = 0; k < outputs; k++) {
			int x = left + k * slot;
			BufferedImage bar = new BufferedImage(barWidth, barHeight, BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < barHeight; y++) {
				double t = 1 - y / (double) (barHeight - 1); // 1 at the top
				int c = outputs == 1 ? signed(2 * t - 1) : shade(classColour(k), t); // one output: +1 .. -1
				for (int xx = 0; xx < barWidth; xx++) bar.setRGB(xx, y, c);
			}
			ImageRoi barRoi = new ImageRoi(x, top, bar);
			barRoi.setOpacity(OPACITY);
			barRoi.setName("colour bar " + (k + 1));
			rois.add(barRoi);
			String name = outputs == 1 ? "logit share" : shortName(classNames, k);
			rois.add(text(name, x, Math.max(0, top - fontSize - 4), font));
			rois.add(text(String.format(Locale.ROOT, "+%.2g", scale[k]), x + barWidth + 2, top - 2, font));
			rois.add(text(outputs == 1 ? String.format(Locale.ROOT, "-%.2g", scale[k]) : "0", x + barWidth + 2,
				top + barHeight - fontSize - 4, font));
			if (outputs == 1) rois.add(text("0", x + barWidth + 2, top + barHeight / 2 - fontSize / 2 - 2, font));
		}
		return rois;
	}

	private static String shortName(List<String> classNames, int k) {
		String n = k < classNames.size() ? classNames.get(k) : "class_" + (k + 1);
		return n.startsWith("class_") ? "C" + n.substring(6) : n;
	}

	/** White text on a translucent black box. */
	private static TextRoi text(String s, int x, int y, Font font) {
		TextRoi t = new TextRoi(x, y, s, font);
		t.setStrokeColor(Color.WHITE);
		t.setFillColor(new Color(0, 0, 0, 120));
		return t;
	}
}
