/**
 * Training and export of the defect classifier: the reference notebook's head
 * (BatchNorm -&gt; Dropout -&gt; Dense(sigmoid)) on cached Xception features, optionally with the last
 * Xception blocks fine-tuned from images, and export of base + head as one SavedModel.
 * <p>
 * Headless use, frozen base:
 *
 * <pre>
 * TrainingSettings settings = TrainingSettings.builder().outputs(1).epochs(20).seed(0).build();
 * TrainingResult result = new HeadTrainer(settings).train(trainFeatures, valFeatures, workFolder,
 *     p -&gt; System.out.println(p.latest()), () -&gt; false);
 * try (ModelExporter e = new ModelExporter(baseWeights, result.bestWeights(), 256, 512, runtime)) {
 *     e.export(modelFolder, ExportDetails.of(result, settings));
 * }
 * </pre>
 *
 * With {@code finetune(N)}, call {@link io.github.steeldefects.model.train.HeadTrainer#fineTune} with
 * the images instead, and export {@link io.github.steeldefects.model.train.TrainingResult#fineTunedBase()}
 * as the base.
 */
package io.github.steeldefects.model.train;
