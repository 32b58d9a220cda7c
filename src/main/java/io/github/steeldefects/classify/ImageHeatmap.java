package io.github.steeldefects.classify;

import java.util.List;
import java.util.Locale;

import io.github.steeldefects.model.infer.Heatmap;

/**
 * An image's heatmaps with the size of the image they were computed for, which says what region
 * of the image each cell covers: with {@code cellWidth = imageWidth / heatmap.width()}, cell (x, y)
 * covers pixels {@code [x * cellWidth, (x + 1) * cellWidth)} across, and likewise down (the image is
 * resized to the model's input, whose last feature map has {@code heatmap.width() x heatmap.height()} cells).
 *
 * @param imageId as in the predictions CSV
 * @param imageWidth width in pixels of the image as read
 * @param imageHeight height likewise
 */
public record ImageHeatmap(String imageId, Heatmap heatmap, int imageWidth, int imageHeight) {

	/** What the TIFF's info says: what the values are and which region each cell covers. */
	public String info(List<String> classNames, float[] probabilities) {
		StringBuilder sb = new StringBuilder();
		sb.append("Steel Defects heatmaps (class activation maps) of image ").append(imageId).append('\n');
		sb.append(String.format(Locale.ROOT, "image %d x %d pixels; %d x %d cells; each cell covers %s x %s image pixels "
			+ "(calibration: pixel width and height in image pixels, origin 0, 0 at the image's top-left corner)%n",
			imageWidth, imageHeight, heatmap.width(), heatmap.height(), num(imageWidth / (double) heatmap.width()),
			num(imageHeight / (double) heatmap.height())));
		sb.append("value = the cell's share of the class logit; the mean over all cells is log(p / (1 - p)); "
			+ "cells above 0 lean to defect\n");
		for (int k = 0; k < heatmap.outputs(); k++) {
			sb.append(String.format(Locale.ROOT, "slice %d: %s, probability %s, logit %s%n", k + 1, classNames.get(k),
				probabilities == null ? "?" : Float.toString(probabilities[k]), Float.toString((float) heatmap.mean(k))));
		}
		return sb.toString();
	}

	private static String num(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
	}
}
