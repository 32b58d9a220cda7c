package io.github.steeldefects.model;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * An RGB image as the network sees it before preprocessing: {@code height x width x 3} floats in
 * 0..255, row-major HWC, channel order RGB.
 */
public record RgbImage(int height, int width, float[] pixels) {

	public RgbImage {
		if (height <= 0 || width <= 0) {
			throw new IllegalArgumentException("Image size " + height + " x " + width + " must be positive.");
		}
		if (pixels.length != height * width * 3) {
			throw new IllegalArgumentException("RGB pixel array has " + pixels.length + " values where "
				+ height + " x " + width + " x 3 = " + height * width * 3 + " are needed.");
		}
	}

	/**
	 * Pixels of a {@link BufferedImage}: colour images through {@code getRGB} (sRGB), single-band
	 * grey images straight from the raster and replicated to three channels (16-bit grey scaled to
	 * 0..255), so that grey values are not gamma-converted.
	 */
	public static RgbImage of(BufferedImage image) {
		int w = image.getWidth(), h = image.getHeight();
		Raster raster = image.getRaster();
		if (raster.getNumBands() == 1) {
			int bits = raster.getSampleModel().getSampleSize(0);
			float scale = bits <= 8 ? 1f : 255f / ((1 << Math.min(bits, 16)) - 1);
			float[] p = new float[h * w * 3];
			int[] row = new int[w]; // a row at a time: no whole-image int[] and grey float[] beside the result
			for (int y = 0; y < h; y++) {
				raster.getSamples(0, y, w, 1, 0, row);
				for (int x = 0; x < w; x++) {
					int i = (y * w + x) * 3;
					p[i] = p[i + 1] = p[i + 2] = row[x] * scale;
				}
			}
			return new RgbImage(h, w, p);
		}
		int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
		float[] p = new float[h * w * 3];
		for (int i = 0; i < argb.length; i++) {
			p[3 * i] = (argb[i] >> 16) & 0xff;
			p[3 * i + 1] = (argb[i] >> 8) & 0xff;
			p[3 * i + 2] = argb[i] & 0xff;
		}
		return new RgbImage(h, w, p);
	}

	/** A grey image (values 0..255, row-major) replicated to three channels. */
	public static RgbImage ofGrey(int height, int width, float[] grey) {
		if (grey.length != height * width) {
			throw new IllegalArgumentException("Grey pixel array has " + grey.length + " values where "
				+ height + " x " + width + " are needed.");
		}
		float[] p = new float[grey.length * 3];
		for (int i = 0; i < grey.length; i++) {
			p[3 * i] = grey[i];
			p[3 * i + 1] = grey[i];
			p[3 * i + 2] = grey[i];
		}
		return new RgbImage(height, width, p);
	}

	/**
	 * Bilinear resize with half-pixel centres (as {@code tf.image.resize(..., 'bilinear')} without
	 * antialiasing); returns this image when the size already matches.
	 */
	public RgbImage resized(int newHeight, int newWidth) {
		if (newHeight == height && newWidth == width) return this;
		float[] out = new float[newHeight * newWidth * 3];
		float sy = (float) height / newHeight, sx = (float) width / newWidth;
		int[] x0 = new int[newWidth], x1 = new int[newWidth];
		float[] fx = new float[newWidth];
		for (int x = 0; x < newWidth; x++) {
			float src = Math.max((x + 0.5f) * sx - 0.5f, 0f);
			x0[x] = Math.min((int) src, width - 1);
			x1[x] = Math.min(x0[x] + 1, width - 1);
			fx[x] = src - (int) src;
		}
		for (int y = 0; y < newHeight; y++) {
			float srcY = Math.max((y + 0.5f) * sy - 0.5f, 0f);
			int y0 = Math.min((int) srcY, height - 1), y1 = Math.min(y0 + 1, height - 1);
			float fy = srcY - (int) srcY;
			for (int x = 0; x < newWidth; x++) {
				int a = (y0 * width + x0[x]) * 3, b = (y0 * width + x1[x]) * 3;
				int c = (y1 * width + x0[x]) * 3, d = (y1 * width + x1[x]) * 3;
				int o = (y * newWidth + x) * 3;
				for (int ch = 0; ch < 3; ch++) {
					float top = pixels[a + ch] + (pixels[b + ch] - pixels[a + ch]) * fx[x];
					float bottom = pixels[c + ch] + (pixels[d + ch] - pixels[c + ch]) * fx[x];
					out[o + ch] = top + (bottom - top) * fy;
				}
			}
		}
		return new RgbImage(newHeight, newWidth, out);
	}
}
