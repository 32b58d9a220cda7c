package io.github.steeldefects.synth;

import java.util.Arrays;

import io.github.steeldefects.data.Rle;

/**
 * One generated steel image with its truth: the grey values and a label image (0 = no defect,
 * k = defect class k) of the same size, both row-major ({@code x + y * width}). Class masks never
 * overlap, and every labelled pixel is a painted pixel. {@code imageId} is the Severstal-style image id,
 * e.g. {@code 0002cc93b.jpg}.
 */
public record SyntheticImage(String imageId, int width, int height, byte[] gray, byte[] labels) {

	/** Grey values 0..255, row-major; a copy. */
	public byte[] gray() {
		return gray.clone();
	}

	/** Labels 0..4, row-major; a copy. */
	public byte[] labels() {
		return labels.clone();
	}

	byte[] grayArray() {
		return gray;
	}

	/** The mask of one class (1 inside, 0 outside), row-major. */
	public byte[] mask(int classId) {
		byte[] m = new byte[labels.length];
		for (int i = 0; i < labels.length; i++)
			if (labels[i] == classId) m[i] = 1;
		return m;
	}

	/** The Severstal run-length string of one class; empty when the class is absent. */
	public String rle(int classId) {
		return Rle.encode(labels, width, height, classId);
	}

	/** The classes present, ascending. */
	public int[] classes() {
		long[] a = new long[SyntheticDataset.CLASSES + 1];
		for (byte b : labels) a[b]++;
		return java.util.stream.IntStream.rangeClosed(1, SyntheticDataset.CLASSES).filter(k -> a[k] > 0).toArray();
	}

	@Override
	public String toString() {
		return imageId + " " + width + "x" + height + " classes " + Arrays.toString(classes());
	}
}
