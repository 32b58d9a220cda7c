/**
 * Train / validation / test splits of the per-image table, counted as scikit-learn's
 * {@code train_test_split(..., stratify=...)} counts, applied twice as the reference notebook does.
 * <p>
 * {@link io.github.steeldefects.split.DatasetSplit#split} is the entry point; the counting rule
 * itself (ceil test count, {@code _approximate_mode} allocation) is in
 * {@link io.github.steeldefects.split.StratifiedShuffle}. Outputs are {@code x_train.csv},
 * {@code x_val.csv} and {@code x_test.csv} with columns {@code image_id, defect}, then the table's
 * other columns; rows in shuffled order, as scikit-learn returns them.
 */
package io.github.steeldefects.split;
