package io.github.steeldefects.model.train;

import java.util.ArrayList;
import java.util.List;

import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.ImageSource;

/** One-output training sets for the head and fine-tuning tests: item i is named "img" + i, its label 1 where truth[i]. */
public final class TestLabels {

	private TestLabels() {}

	public static LabeledFeatures features(float[][] features, boolean[] truth) {
		String[] ids = new String[truth.length];
		for (int i = 0; i < truth.length; i++) ids[i] = "img" + i;
		return new LabeledFeatures(ids, features, labels(truth));
	}

	public static LabeledImages images(List<RgbImage> images, boolean[] truth) {
		List<ImageSource> sources = new ArrayList<>();
		for (int i = 0; i < truth.length; i++) sources.add(ImageSource.of("img" + i, images.get(i)));
		return new LabeledImages(sources, labels(truth));
	}

	private static float[][] labels(boolean[] truth) {
		float[][] labels = new float[truth.length][1];
		for (int i = 0; i < truth.length; i++) labels[i][0] = truth[i] ? 1 : 0;
		return labels;
	}
}
