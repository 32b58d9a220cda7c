package io.github.steeldefects.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The predictions CSV that classify writes: {@code image_id,probability,prediction}, then for a
 * model with several outputs {@code probability_1..probability_k,prediction_1..prediction_k}, then
 * {@code truth,correct} when the input had labels. Probabilities are written with every digit of
 * the model's single-precision value, so that a threshold copied from one selects exactly that image.
 */
public final class PredictionCsv {

	private PredictionCsv() {}

	public static List<String> header(int outputs, boolean labelled) {
		List<String> h = new ArrayList<>(List.of("image_id", "probability", "prediction"));
		if (outputs > 1) {
			for (int k = 1; k <= outputs; k++) h.add("probability_" + k);
			for (int k = 1; k <= outputs; k++) h.add("prediction_" + k);
		}
		if (labelled) {
			h.add("truth");
			h.add("correct");
		}
		return h;
	}

	public static List<String> fields(ClassifiedImage c, boolean labelled) {
		List<String> f = new ArrayList<>();
		f.add(c.imageId());
		f.add(Float.toString(c.probability()));
		f.add(c.prediction() ? "1" : "0");
		int k = c.probabilities().length;
		if (k > 1) {
			for (float p : c.probabilities()) f.add(Float.toString(p));
			for (boolean b : c.predictions()) f.add(b ? "1" : "0");
		}
		if (labelled) {
			f.add(Integer.toString(c.truth().defect()));
			f.add(c.correct() ? "1" : "0");
		}
		return f;
	}
}
