package io.github.steeldefects.fiji;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.ImageSource;

/**
 * The slices of the image Fiji has open, as images to classify: colour slices as RGB, grey ones
 * (8, 16, 32 bit) scaled to 0..255 through their display range and replicated to three channels.
 * Pixels are copied one slice at a time, when the classifier's batch reaches it.
 */
public final class OpenImageSource {

	private OpenImageSource() {}

	/**
	 * The image id of one slice: the first line of its label (the import puts the file name there,
	 * extension included, as in train.csv), else the image title, with {@code #n} in a stack.
	 */
	public static String imageId(ImagePlus imp, int slice) {
		String label = imp.getStack().getSliceLabel(slice);
		String first = label == null ? "" : label.split("\n", 2)[0].trim();
		if (!first.isEmpty()) return first;
		return imp.getStackSize() == 1 ? imp.getTitle() : imp.getTitle() + "#" + slice;
	}

	/** One source per slice, named by {@link #imageId}. */
	public static List<ImageSource> slices(ImagePlus imp) {
		ImageStack stack = imp.getStack();
		int n = stack.getSize();
		List<ImageSource> out = new ArrayList<>(n);
		for (int s = 1; s <= n; s++) out.add(new Slice(imageId(imp, s), stack, s, imp));
		return out;
	}

	/** One slice, copied to RGB when loaded. */
	private record Slice(String id, ImageStack stack, int slice, ImagePlus imp) implements ImageSource {

		@Override
		public RgbImage load() {
			return rgb(stack.getProcessor(slice), imp);
		}
	}

	/** RGB 0..255 of one slice. */
	static RgbImage rgb(ImageProcessor ip, ImagePlus imp) {
		int w = ip.getWidth(), h = ip.getHeight();
		float[] p = new float[w * h * 3];
		if (ip instanceof ColorProcessor cp) {
			int[] rgb = (int[]) cp.getPixels();
			for (int i = 0; i < rgb.length; i++) {
				p[3 * i] = (rgb[i] >> 16) & 0xff;
				p[3 * i + 1] = (rgb[i] >> 8) & 0xff;
				p[3 * i + 2] = rgb[i] & 0xff;
			}
			return new RgbImage(h, w, p);
		}
		ImageProcessor grey = ip.duplicate();
		if (!(grey instanceof ij.process.ByteProcessor)) {
			grey.setMinAndMax(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
			grey = grey.convertToByte(true);
		}
		byte[] b = (byte[]) grey.getPixels();
		for (int i = 0; i < b.length; i++) {
			float v = b[i] & 0xff;
			p[3 * i] = v;
			p[3 * i + 1] = v;
			p[3 * i + 2] = v;
		}
		return new RgbImage(h, w, p);
	}
}
