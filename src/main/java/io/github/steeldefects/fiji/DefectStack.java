package io.github.steeldefects.fiji;

import java.io.File;
import java.util.List;

import ij.VirtualStack;
import ij.gui.Overlay;
import ij.process.ImageProcessor;

import io.github.steeldefects.data.DefectTable;
import io.github.steeldefects.data.ImageSize;

/**
 * The images of a {@link DefectTable} as a virtual stack: slice labels are the image ids, a slice
 * is read from disk only when shown, and its defect overlay is built then (ImageJ puts the
 * overlay of a virtual stack's processor on the image when the slice changes). Only the last
 * overlay is kept, so memory stays bounded whatever the number of images.
 */
public class DefectStack extends VirtualStack {

	private final List<DefectTable.Row> rows;
	private final ImageSize size;
	private int cachedSlice = -1;
	private Overlay cachedOverlay;
	/** The ROI that other commands add to a slice (e.g. classify's label), built when shown; null: none. */
	private java.util.function.IntFunction<ij.gui.Roi> sliceLabels;
	/** ROIs built per slice when shown, under the labels (classify's heatmaps); null: none. */
	private java.util.function.IntFunction<java.util.List<ij.gui.Roi>> sliceOverlays;

	/**
	 * The first {@code limit} images of the table (0 = all). The table must come from
	 * {@link DefectTable#load}, which knows the images folder and the image size.
	 */
	public DefectStack(DefectTable table, int limit) {
		super(checked(table).imageSize().width(), table.imageSize().height(), null,
			table.imagesFolder().toAbsolutePath().toString() + File.separator);
		this.size = table.imageSize();
		int n = limit <= 0 ? table.size() : Math.min(limit, table.size());
		this.rows = new java.util.ArrayList<>(table.rows().subList(0, n));
		setBitDepth(8);
		for (DefectTable.Row r : rows) addSlice(r.imageId());
	}

	private static DefectTable checked(DefectTable table) {
		if (table.imagesFolder() == null || table.imageSize() == null || table.size() == 0)
			throw new IllegalArgumentException("a stack needs a table loaded with its images folder (DefectTable.load)");
		return table;
	}

	/** The defect overlay of slice {@code n} (1-based); empty, never null, for an image without defect. */
	public synchronized Overlay overlay(int n) {
		if (n != cachedSlice) {
			cachedOverlay = DefectOverlays.overlayFor(rows.get(n - 1).masks(), size.width(), size.height());
			cachedSlice = n;
		}
		Overlay o = cachedOverlay.duplicate();
		if (sliceOverlays != null) for (ij.gui.Roi r : sliceOverlays.apply(n)) o.add(r);
		ij.gui.Roi label = sliceLabels == null ? null : sliceLabels.apply(n);
		if (label != null) o.add(label);
		return o;
	}

	/**
	 * A label ROI of slice {@code n} (1-based; null: none), drawn over the slice's defect overlay
	 * whenever the slice is shown; replaces earlier labels. The virtual stack rebuilds its overlay
	 * on every slice change, so an image-wide overlay would be lost.
	 */
	public synchronized void setSliceLabels(java.util.function.IntFunction<ij.gui.Roi> labels) {
		sliceLabels = labels;
	}

	/**
	 * ROIs drawn under the slice labels whenever slice {@code n} (1-based) is shown, built then
	 * (e.g. classify's heatmap); null: none.
	 */
	public synchronized void setSliceOverlays(java.util.function.IntFunction<java.util.List<ij.gui.Roi>> overlays) {
		sliceOverlays = overlays;
	}

	@Override
	public ImageProcessor getProcessor(int n) {
		ImageProcessor ip = super.getProcessor(n);
		if (ip != null) ip.setOverlay(overlay(n));
		// the RGB JPEG's conversion to the stack's 8 bits says so in the status line, and the words would stay
		String status = ij.ImageJ.getStatusBarText();
		if (status != null && status.startsWith("Converting to 8-bit")) ij.IJ.showStatus("");
		return ip;
	}

	@Override
	public synchronized void deleteSlice(int n) {
		super.deleteSlice(n);
		rows.remove(n - 1);
		cachedSlice = -1;
	}

	@Override
	public String getSliceLabel(int n) {
		return n >= 1 && n <= rows.size() ? rows.get(n - 1).imageId() : null;
	}
}
