/**
 * Severstal data: the {@code train.csv} of either version ({@link io.github.steeldefects.data.SeverstalCsv}),
 * the column-major run-length codec on row-major masks ({@link io.github.steeldefects.data.Rle}), and the
 * four class masks of one image, each run-length mask parsed once and decoded into ImgLib2 images
 * ({@link io.github.steeldefects.data.ImageMasks}), the per-image table of the reference notebook ({@link io.github.steeldefects.data.DefectTable}: {@code image_id,
 * rle_1..rle_4, defect, stratify, defect_1..defect_4, total_defects}) with its
 * {@link io.github.steeldefects.data.ClassSummary}.
 * <p>
 * Typical use:
 *
 * <pre>
 * DefectTable table = DefectTable.load(Path.of("train.csv"), Path.of("train_images"), Progress.NONE);
 * table.write(Path.of("table.csv"), false);
 * DefectTable again = DefectTable.read(Path.of("table.csv")); // image size and folder unknown here
 * ArrayImg&lt;UnsignedByteType, ByteArray&gt; mask = table.row("0002cc93b.jpg").masks().mask(1, 1600, 256); // 1 = defect
 * </pre>
 *
 * Bad input is an {@link io.github.steeldefects.InputException} naming the file, line and image id.
 * Image ids are plain file names ({@link io.github.steeldefects.data.ImageIds}); image sizes are read from
 * file headers ({@link io.github.steeldefects.data.ImageSize}). Nothing here imports ImageJ.
 */
package io.github.steeldefects.data;
