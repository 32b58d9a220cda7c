package io.github.steeldefects.model.train;

import java.util.List;

import io.github.steeldefects.model.ImageSource;

/**
 * Images with their labels, for fine-tuning (images are loaded batch by batch, never all at once).
 *
 * @param images one source per image
 * @param labels [image][output], 0 or 1
 */
public record LabeledImages(List<? extends ImageSource> images, float[][] labels) {

	public LabeledImages {
		if (images.size() != labels.length) throw new IllegalArgumentException(
			"Got " + images.size() + " images but " + labels.length + " label rows; give one label row per image.");
		images = List.copyOf(images);
	}

	public int size() { return labels.length; }

	public int outputCount() { return labels.length == 0 ? 0 : labels[0].length; }
}
