package io.github.steeldefects.fiji;

import java.util.List;
import java.util.SortedMap;

import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import io.github.steeldefects.Progress;
import io.github.steeldefects.commands.FijiHooks;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.ImageSource;

/** What ImageJ 1 has open, for the commands: the open image, the Results table, the overlay, the status bar. */
@Plugin(type = FijiHooks.class)
public class Ij1Hooks implements FijiHooks {

	@Override
	public List<? extends ImageSource> openImage() {
		ImagePlus imp = WindowManager.getCurrentImage();
		return imp == null ? null : OpenImageSource.slices(imp);
	}

	@Override
	public Csv resultsTable() {
		return ResultsTableSource.current();
	}

	@Override
	public SortedMap<String, ImageMasks> openImageMasks() {
		return DefectOverlays.currentImageRles();
	}

	/** The status bar, Log and Esc, when an ImageJ window is there (a command run through SciJava's CommandService). */
	@Override
	public Progress progress() {
		return IJ.getInstance() == null ? null : Ij1.progress();
	}
}
