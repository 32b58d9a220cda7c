package io.github.steeldefects.masks;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;

/** 8-bit grey label PNGs: the pixel value is the label (0 background, k = class k). */
public final class LabelPng {

	private LabelPng() {}

	/** A label image read from a file. */
	public record Labels(byte[] pixels, int width, int height) {}

	/** Writes a label mask as an 8-bit grey PNG, atomically. */
	public static void write(Path target, boolean overwrite, byte[] labels, int width, int height) {
		AtomicFiles.write(target, overwrite, out -> write(out, labels, width, height));
	}

	/** Writes a label mask as an 8-bit grey PNG to a stream. */
	public static void write(java.io.OutputStream out, byte[] labels, int width, int height) throws IOException {
		BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
		if (labels.length != data.length) throw new IllegalArgumentException("mask has " + labels.length +
			" pixels, not " + width + " x " + height);
		System.arraycopy(labels, 0, data, 0, data.length);
		if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
	}

	/**
	 * Reads a single-channel 8-bit PNG (grey or palette: the sample values are the labels).
	 * Anything else is an {@link InputException} naming the file.
	 */
	public static Labels read(Path file) {
		BufferedImage img = io.github.steeldefects.io.ImageFiles.read(file);
		Raster r = img.getRaster();
		if (r.getNumBands() != 1 || r.getSampleModel().getSampleSize(0) > 8) throw new InputException(file +
			" has " + r.getNumBands() + " channel(s) of " + r.getSampleModel().getSampleSize(0) +
			" bits; a label mask is one 8-bit channel (0 background, 1..4 classes).");
		int w = img.getWidth();
		int h = img.getHeight();
		byte[] out = new byte[Math.multiplyExact(w, h)];
		if (r.getDataBuffer() instanceof DataBufferByte db && img.getType() == BufferedImage.TYPE_BYTE_GRAY
			&& db.getData().length == out.length)
			System.arraycopy(db.getData(), 0, out, 0, out.length);
		else {
			int[] row = new int[w];
			for (int y = 0; y < h; y++) {
				r.getSamples(0, y, w, 1, 0, row);
				for (int x = 0; x < w; x++) out[x + y * w] = (byte) row[x];
			}
		}
		return new Labels(out, w, h);
	}
}
