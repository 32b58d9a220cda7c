package io.github.steeldefects.model.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.github.steeldefects.model.Preprocessing;

/**
 * A model folder as the training writes it ({@link ModelExporter}) and classification reads it
 * ({@code model.infer.Classifier}): a TensorFlow SavedModel ({@code saved_model.pb}, {@code variables/})
 * and, beside it, {@code model.json} ({@link ModelInfo}). The one place that knows this layout and
 * what makes such a folder usable or replaceable.
 */
public final class ModelFolder {

	/** The SavedModel's graph file. */
	public static final String SAVED_MODEL = "saved_model.pb";

	private ModelFolder() {}

	/**
	 * The description of the model in {@code folder} (null for a foreign SavedModel without model.json),
	 * checked before TensorFlow is started.
	 *
	 * @throws IOException with one sentence naming the folder or file at fault
	 */
	public static ModelInfo read(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) throw new IOException("Model folder " + folder
			+ " does not exist; give the folder written by the training (it holds saved_model.pb and model.json).");
		if (!Files.isRegularFile(folder.resolve(SAVED_MODEL))) throw new IOException(folder
			+ " is not a TensorFlow SavedModel: it has no saved_model.pb.");
		Path file = folder.resolve(ModelInfo.FILE_NAME);
		ModelInfo info = Files.exists(file) ? ModelInfo.read(file) : null;
		if (!Files.isDirectory(folder.resolve("variables"))) throw new IOException(folder
			+ " has no variables/ folder beside saved_model.pb; copy the whole model folder the training wrote.");
		if (info == null) return null;
		// model.json must agree with itself before TensorFlow is started: bad input, not a crash later
		if (info.outputs() < 1) throw new IOException(file + " says \"outputs\": " + info.outputs()
			+ "; a model has at least one output (restore the model.json the training wrote).");
		if (info.thresholds() != null) {
			if (info.thresholds().length != info.outputs()) throw new IOException(file + " has " + info.thresholds().length
				+ " \"thresholds\" for " + info.outputs() + " output(s); give one threshold per output.");
			for (double t : info.thresholds())
				if (!(t >= 0 && t <= 1)) throw new IOException(file + " has threshold " + t
					+ "; every threshold lies between 0 and 1.");
		}
		if (info.classNames() != null && info.classNames().size() != info.outputs()) throw new IOException(file + " has "
			+ info.classNames().size() + " \"classNames\" for " + info.outputs() + " output(s); give one name per output.");
		if (info.inputHeight() < 0 || info.inputWidth() < 0 || info.inputHeight() > 65536 || info.inputWidth() > 65536)
			throw new IOException(file + " gives an input size of " + info.inputHeight() + " x " + info.inputWidth()
				+ "; height and width lie between 1 and 65536.");
		if (info.preprocessing() != null) {
			try {
				Preprocessing.parse(info.preprocessing());
			}
			catch (IllegalArgumentException e) {
				throw new IOException(file + " says \"preprocessing\": \"" + info.preprocessing()
					+ "\", which is not one of inside, xception, unit, none.");
			}
		}
		return info;
	}

	/**
	 * Bad input, before any training: an existing {@code out=} folder that is neither empty nor a Steel
	 * Defects model (nothing but a model is ever replaced).
	 */
	public static void checkOutput(Path target) {
		try {
			checkReplaceable(target);
		}
		catch (IOException e) {
			throw new io.github.steeldefects.InputException(e.getMessage(), e);
		}
	}

	static void checkReplaceable(Path target) throws IOException {
		if (!Files.exists(target)) return;
		if (!Files.isDirectory(target)) throw new IOException(target + " exists and is a file; choose a folder for the model.");
		try (Stream<Path> s = Files.list(target)) {
			if (s.findAny().isEmpty()) return;
		}
		if (!Files.exists(target.resolve(ModelInfo.FILE_NAME))) throw new IOException("Folder " + target
			+ " is not empty and holds no Steel Defects model; choose a new or empty folder for the model.");
	}

}
