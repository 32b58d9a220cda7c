package io.github.steeldefects.model.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonParseException;

import io.github.steeldefects.io.Json;
import io.github.steeldefects.model.TensorFlowRuntime.Precision;

/**
 * What {@code model.json} beside an exported SavedModel says about it. Written by
 * {@link ModelExporter}, read by {@link io.github.steeldefects.model.infer.Classifier}.
 * Scores that were undefined are written as {@code null} (strict JSON; read back as NaN).
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion version of this layout
 * @param signature SavedModel signature key
 * @param inputName signature input: float [N, inputHeight, inputWidth, channels]
 * @param outputName signature output: probabilities float [N, outputs]
 * @param preprocessing {@code inside}: the graph takes raw RGB 0..255 and applies Keras' Xception
 *          preprocessing {@code x / 127.5 - 1} itself; {@code xception}, {@code unit} (x / 255) or
 *          {@code none} for models that expect the caller to do it
 * @param classNames one name per output
 * @param thresholds per output, the probability threshold that maximised validation F1
 * @param baseWeights where the Xception base weights came from (file hash or random seed)
 * @param weightsSha256 SHA-256 over the weight values, base and head (same weights, same hash)
 * @param training settings of the head training (null when unknown)
 * @param history per-epoch metrics of the head training
 * @param versions software versions: plugin, DJL, TensorFlow
 * @param created ISO-8601 time of export
 * @param precision {@code fp32} or {@code bf16}: the precision the model was trained in, which
 *          classification uses unless told otherwise; absent (null) in model.json files written before
 *          it existed, which were all trained in fp32 (see {@link #trainingPrecision()})
 */
public record ModelInfo(String format, int formatVersion, String signature, String inputName, String outputName,
	int inputHeight, int inputWidth, int channels, String preprocessing, int outputs, List<String> classNames,
	double[] thresholds, String baseWeights, String weightsSha256, TrainingSettings training, int bestEpoch,
	List<EpochMetrics> history, Map<String, String> versions, String created, String precision)
{
	public static final String FILE_NAME = "model.json";
	public static final String FORMAT = "steel-defects-model";

	/** The training precision: {@link #precision()}, FP32 when model.json does not say (or says something unknown). */
	public Precision trainingPrecision() {
		return precision != null && precision.trim().equalsIgnoreCase("bf16") ? Precision.BF16 : Precision.FP32;
	}

	public void write(Path file) throws IOException {
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			Json.GSON.toJson(this, w);
		}
	}

	/** Reads {@code model.json}; one-sentence error naming the file when it is not one. */
	public static ModelInfo read(Path file) throws IOException {
		ModelInfo info;
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			info = Json.GSON.fromJson(r, ModelInfo.class);
		}
		catch (JsonParseException e) {
			Throwable c = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
			throw new IOException(file + " is not a valid model description (" + c.getMessage() + ").", e);
		}
		if (info == null || !FORMAT.equals(info.format())) throw new IOException(
			file + " is not a Steel Defects model description (no \"format\": \"" + FORMAT + "\").");
		return info;
	}
}
