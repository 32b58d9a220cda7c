/**
 * Classification of images with a trained model and the F1 results table.
 * <ul>
 * <li>{@link io.github.steeldefects.classify.Classification.Input}: what to classify (the files of a
 * {@link io.github.steeldefects.data.ImageList} with their labels, or images already in memory such as the
 * slices of an open stack);</li>
 * <li>{@link io.github.steeldefects.classify.Classification}: opens a model and classifies a list
 * batch by batch, streaming rows to the predictions CSV ({@link io.github.steeldefects.classify.PredictionCsv});</li>
 * <li>{@link io.github.steeldefects.classify.Thresholds}: the {@code probability >= threshold} decision;</li>
 * <li>{@link io.github.steeldefects.classify.Evaluation}: the per-split table
 * {@code split,images,tp,fp,fn,tn,precision,recall,f1,accuracy,auc,threshold}, NaN where undefined.</li>
 * </ul>
 * No ImageJ here: the Fiji face ({@code fiji.ClassifyPresenter}, {@code fiji.EvaluatePresenter},
 * {@code fiji.OpenImageSource}) shows results and hands the open image's slices in.
 */
package io.github.steeldefects.classify;
