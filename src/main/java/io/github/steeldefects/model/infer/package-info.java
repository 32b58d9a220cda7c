/**
 * Classification with an exported model (or any SavedModel with one [N, H, W, 3] image input and
 * sigmoid outputs) through DJL's TensorFlow engine, streaming over images in batches.
 *
 * <pre>
 * try (Classifier c = Classifier.open(modelFolder)) {
 *     c.classifyFiles(files, p -&gt; System.out.println(p.imageId() + " " + p.probabilities()[0]));
 * }
 * </pre>
 *
 * Scores for a results table come from {@link io.github.steeldefects.metrics.BinaryMetrics} with
 * the model's {@link io.github.steeldefects.model.infer.Classifier#thresholds()}.
 */
package io.github.steeldefects.model.infer;
