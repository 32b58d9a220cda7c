package io.github.steeldefects.model.train;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the exporter writes into {@code model.json} besides what it knows itself.
 *
 * @param classNames one per head output
 * @param thresholds one per head output, chosen on validation F1
 * @param training head training settings, or null
 * @param bestEpoch epoch whose weights are exported (0 when unknown)
 * @param history per-epoch metrics (may be empty)
 * @param precision the precision the model was trained in ({@code fp32} or {@code bf16}); null: fp32
 */
public record ExportDetails(List<String> classNames, double[] thresholds, TrainingSettings training, int bestEpoch,
	List<EpochMetrics> history, String precision)
{
	/** Details of a model trained in fp32. */
	public ExportDetails(List<String> classNames, double[] thresholds, TrainingSettings training, int bestEpoch,
		List<EpochMetrics> history)
	{
		this(classNames, thresholds, training, bestEpoch, history, null);
	}

	/** The same details for a model trained in {@code precision} (FP32 or BF16). */
	public ExportDetails withPrecision(io.github.steeldefects.model.TensorFlowRuntime.Precision precision) {
		return new ExportDetails(classNames, thresholds, training, bestEpoch, history, precision.key());
	}

	/** Details of a finished training run, with default class names. */
	public static ExportDetails of(TrainingResult result, TrainingSettings settings) {
		return new ExportDetails(defaultClassNames(settings.outputs()), result.thresholds(), settings,
			result.bestEpoch(), result.history());
	}

	/** {@code defect} for one output; {@code class_1} .. {@code class_4} for four (Severstal never published names). */
	public static List<String> defaultClassNames(int outputs) {
		if (outputs == 1) return List.of("defect");
		return IntStream.rangeClosed(1, outputs).mapToObj(i -> "class_" + i).toList();
	}
}
