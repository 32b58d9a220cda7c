/**
 * The Xception model on TensorFlow, without any ImageJ dependency.
 * <ul>
 * <li>{@link io.github.steeldefects.model.TensorFlowRuntime}: loads the TensorFlow natives from the class
 * path (no download), points DJL at them, picks CPU or GPU and makes sessions for it.</li>
 * <li>{@link io.github.steeldefects.model.Xception}: the Keras {@code Xception(include_top=False,
 * pooling='avg')} base as a TensorFlow Java graph; {@link io.github.steeldefects.model.XceptionLayer} lists
 * its weighted layers and {@link io.github.steeldefects.model.WeightSpec} their tensors.</li>
 * <li>{@link io.github.steeldefects.model.XceptionWeights}: all 20,861,480 weights, random or read by
 * {@link io.github.steeldefects.model.KerasWeightsFile} from the official Keras notop {@code .h5}.</li>
 * <li>{@link io.github.steeldefects.model.FeatureExtractor}: pooled 2048-float features per image from the
 * frozen base, batched, with a disk {@link io.github.steeldefects.model.FeatureCache} (which
 * {@code jobs.CachedFeatures} fills for image files and their augmented copies).</li>
 * <li>{@link io.github.steeldefects.model.ImageSource}: an image loaded when its batch is due, for
 * fine-tuning ({@code model.train}) and classification ({@code model.infer}).</li>
 * </ul>
 * Typical use:
 * <pre>{@code
 * TensorFlowRuntime rt = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, log::info);
 * XceptionWeights w = KerasWeightsFile.read(Paths.get("xception_weights_tf_dim_ordering_tf_kernels_notop.h5"));
 * try (FeatureExtractor fx = new FeatureExtractor(w, 256, 512, rt)) {
 *     float[][] features = fx.extract(List.of(FeatureExtractor.read(jpeg)));
 * }
 * }</pre>
 */
package io.github.steeldefects.model;
