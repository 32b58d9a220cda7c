package io.github.steeldefects.fiji;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;

import org.scijava.plugin.Plugin;

import io.github.steeldefects.commands.GenerateCommand;
import io.github.steeldefects.synth.SyntheticDataset;

/** After Generate Synthetic Data: the summary in the Log; in the GUI, the first image too. */
@Plugin(type = Presenter.class)
public class GeneratePresenter implements Presenter<GenerateCommand> {

	@Override
	public void show(GenerateCommand command, boolean headless) {
		Ij1.progress().log(command.summary());
		SyntheticDataset.Summary result = command.result();
		if (headless || result == null) return;
		Path images = result.folder().resolve(SyntheticDataset.IMAGES);
		String[] names = images.toFile().list((dir, name) -> name.endsWith(".jpg"));
		if (names == null || names.length == 0) return;
		java.util.Arrays.sort(names);
		ImagePlus imp = IJ.openImage(images.resolve(names[0]).toString());
		if (imp != null) imp.show();
	}
}
