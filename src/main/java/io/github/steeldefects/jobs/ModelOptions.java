package io.github.steeldefects.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import io.github.steeldefects.InputException;
import io.github.steeldefects.model.KerasWeightsFile;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.WeightsFileException;
import io.github.steeldefects.model.XceptionWeights;

/**
 * Parses the model options that several commands share: input size, weights, fine-tuned blocks,
 * learning rate, cache (device and precision: {@link TensorFlowRuntime.Device#parse}, {@link TensorFlowRuntime.Precision#parse}).
 */
public final class ModelOptions {

	/** The smallest input Keras' Xception accepts. */
	public static final int MIN_SIZE = 71;

	private ModelOptions() {}

	/** {@code HEIGHTxWIDTH}, e.g. {@code 256x512}; returns {height, width}. */
	public static int[] size(String text) {
		String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		String[] parts = t.split("x");
		try {
			if (parts.length == 2) {
				int h = Integer.parseInt(parts[0].trim()), w = Integer.parseInt(parts[1].trim());
				if (h < MIN_SIZE || w < MIN_SIZE) throw new InputException("size=" + text + " is too small; Xception needs at least " +
					MIN_SIZE + "x" + MIN_SIZE + " (height x width), e.g. size=256x512.");
				if (h > 4096 || w > 4096) throw new InputException("size=" + text +
					" is larger than 4096 on a side; give the network input size as height x width, e.g. size=256x512.");
				return new int[] { h, w };
			}
		}
		catch (NumberFormatException e) {
			// fall through to the sentence below
		}
		throw new InputException("size=" + text + " is not HEIGHTxWIDTH; give the network input size, e.g. size=256x512.");
	}

	/** True for {@code weights=none} (or empty): random initialisation. */
	public static boolean randomWeights(String text) {
		return text == null || text.isBlank() || text.trim().equalsIgnoreCase("none");
	}

	/** {@code none} for random initialisation (seeded), else the Keras ImageNet notop h5 file. */
	public static XceptionWeights weights(String text, long seed) {
		if (randomWeights(text)) return XceptionWeights.random(seed);
		String t = text.trim();
		Path file = Paths.get(t);
		if (!Files.isRegularFile(file)) throw new InputException("weights=" + t + " is not a file; give the Keras file " +
			KerasWeightsFile.OFFICIAL_NAME + " or weights=none for random initialisation.");
		try {
			return KerasWeightsFile.read(file);
		}
		catch (WeightsFileException e) {
			throw new InputException(e.getMessage(), e);
		}
	}

	/** {@code finetune=}: a number of Xception blocks counted from the last (the settings check the range), or {@code all}. */
	public static int finetune(String text) {
		String t = text == null ? "" : text.trim();
		int blocks = io.github.steeldefects.model.XceptionLayer.blocks().size();
		if (t.isEmpty()) return 0;
		if (t.equalsIgnoreCase("all")) return blocks;
		try {
			return Integer.parseInt(t);
		}
		catch (NumberFormatException e) {
			throw new InputException("finetune=" + text + " is not a number of blocks; give 0 (frozen base) to " + blocks
				+ ", or all.");
		}
	}

	/** {@code lr=}: a number, or {@code auto} for the default of this fine-tuning and these weights. */
	public static float learningRate(String text, int finetune, boolean randomWeights) {
		if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("auto"))
			return io.github.steeldefects.model.train.TrainingSettings.defaultLearningRate(finetune, randomWeights);
		try {
			return Float.parseFloat(text.trim());
		}
		catch (NumberFormatException e) {
			throw new InputException("lr=" + text + " is not a number; give a learning rate such as 0.001, or auto.", e);
		}
	}

	/**
	 * Starts TensorFlow (once per JVM) and says in one log line, on every command, where it runs,
	 * why, and in which precision.
	 */
	public static TensorFlowRuntime runtime(TensorFlowRuntime.Device device, TensorFlowRuntime.Precision precision,
		io.github.steeldefects.Progress progress)
	{
		java.util.List<String> said = new java.util.ArrayList<>();
		TensorFlowRuntime rt = TensorFlowRuntime.start(device, precision, m -> {
			said.add(m);
			progress.log(m);
		});
		if (!said.contains(rt.deviceReason())) progress.log(rt.deviceReason());
		return rt;
	}

	/** The feature cache: the given folder, else {@code ~/.steel-defects/feature-cache}. */
	public static Path cache(java.io.File given) {
		if (given != null) return given.toPath();
		return Paths.get(System.getProperty("user.home"), ".steel-defects", "feature-cache");
	}
}
