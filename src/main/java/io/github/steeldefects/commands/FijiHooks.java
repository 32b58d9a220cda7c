package io.github.steeldefects.commands;

import java.util.List;
import java.util.SortedMap;

import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.SciJavaPlugin;

import io.github.steeldefects.Progress;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.ImageSource;

/**
 * What Fiji has open, offered to the commands without their touching ImageJ: the Fiji face
 * implements this interface as a SciJava plugin ({@code @Plugin(type = FijiHooks.class)}), found in
 * the plugin index. Every method answers null when there is nothing of the kind (no ImageJ, no
 * open image, an empty Results table); without the Fiji face the commands get {@link #NONE} and
 * behave as on the command line.
 */
public interface FijiHooks extends SciJavaPlugin {

	/** One source per slice of the open image, or null when none is open. */
	default List<? extends ImageSource> openImage() {
		return null;
	}

	/** The open Results table as a table, or null when there is none or it is empty. */
	default Csv resultsTable() {
		return null;
	}

	/** The class masks of the open image's defect overlay by image id, or null. */
	default SortedMap<String, ImageMasks> openImageMasks() {
		return null;
	}

	/** Where a command that nobody gave a {@link Progress} reports (status bar, Log, Esc), or null. */
	default Progress progress() {
		return null;
	}

	/** Nothing open: the command line. */
	FijiHooks NONE = new FijiHooks() {};

	/** The Fiji face's hooks, or {@link #NONE}. */
	static FijiHooks current() {
		return Holder.HOOKS;
	}

	/** Found once, on first use. */
	final class Holder {

		static final FijiHooks HOOKS = find();

		private Holder() {}

		private static FijiHooks find() {
			for (PluginInfo<FijiHooks> info : Commands.plugins(FijiHooks.class)) {
				try {
					return Commands.load(info).getDeclaredConstructor().newInstance();
				}
				catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
					// the Fiji face without ImageJ on the class path: as on the command line
				}
			}
			return NONE;
		}
	}
}
