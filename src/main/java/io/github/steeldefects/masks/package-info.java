/**
 * Label masks: one row-major {@code byte[]} per image, 0 background and k = defect class k
 * ({@link io.github.steeldefects.masks.LabelMasks}), as 8-bit PNGs ({@link io.github.steeldefects.masks.LabelPng},
 * a folder of them: {@link io.github.steeldefects.masks.LabelMaskFolder}), and as ImgLib2 images wrapping the
 * same arrays without copying ({@link io.github.steeldefects.masks.MaskImgs}). Nothing here imports ImageJ.
 */
package io.github.steeldefects.masks;
