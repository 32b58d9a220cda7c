package io.github.steeldefects.model.train;

/**
 * Pooled features of a set of images with their labels, as the head trains on them.
 *
 * @param imageIds one id per row (used in messages and tables)
 * @param features [image][feature], e.g. 2048 pooled Xception features
 * @param labels [image][output], 0 or 1; one column for defect / no defect, four for the classes
 */
public record LabeledFeatures(String[] imageIds, float[][] features, float[][] labels) {

	public LabeledFeatures {
		if (imageIds.length != features.length || features.length != labels.length) throw new IllegalArgumentException(
			"Got " + imageIds.length + " image ids, " + features.length + " feature rows and " + labels.length
				+ " label rows; give one of each per image.");
		for (int i = 1; i < features.length; i++) {
			if (features[i].length != features[0].length) throw new IllegalArgumentException("Image " + imageIds[i]
				+ " has " + features[i].length + " features but " + imageIds[0] + " has " + features[0].length + ".");
			if (labels[i].length != labels[0].length) throw new IllegalArgumentException("Image " + imageIds[i]
				+ " has " + labels[i].length + " labels but " + imageIds[0] + " has " + labels[0].length + ".");
		}
	}

	public int size() { return features.length; }

	public int featureCount() { return features.length == 0 ? 0 : features[0].length; }

	public int outputCount() { return labels.length == 0 ? 0 : labels[0].length; }
}
