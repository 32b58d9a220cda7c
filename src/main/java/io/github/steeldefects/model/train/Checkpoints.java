package io.github.steeldefects.model.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.steeldefects.io.Json;

/**
 * Per-epoch checkpoints in {@code <output>/checkpoints/epoch-NNNN/}: {@code state.json} (epoch,
 * settings, metrics history, early-stopping state), {@code variables.bin} (every graph variable,
 * Adam's moments included), {@code best-head.bin} and {@code best-extras.bin} (validation
 * probabilities and, when fine-tuning, base weights of the best epoch). A checkpoint is written into a hidden
 * temporary folder and renamed in one step, so a folder named {@code epoch-NNNN} is always
 * complete; older checkpoints are deleted afterwards. Randomness is derived from (seed, epoch),
 * so no generator state needs saving.
 */
final class Checkpoints {

	static final String FOLDER = "checkpoints";
	private static final String PREFIX = "epoch-";
	private static final int MAGIC = 0x53444356; // "SDCV"

	/** What state.json holds. */
	static final class State {
		int epoch;
		int features;
		int trainSize;
		int valSize;
		TrainingSettings settings;
		List<EpochMetrics> history = new ArrayList<>();
		int bestEpoch;
		double bestValF1 = Double.NaN;
		int epochsWithoutImprovement;
		String stopReason; // null while training may continue
	}

	/**
	 * @param extras arrays kept with the best epoch: {@value #BEST_VAL_PROBABILITIES} and, when fine-tuning,
	 *          the base weights by canonical name
	 */
	record Loaded(State state, Map<String, float[]> variables, HeadWeights best, Map<String, float[]> extras) {}

	static final String BEST_VAL_PROBABILITIES = "best_validation_probabilities";

	private Checkpoints() {}

	static void write(Path output, State state, Map<String, float[]> variables, HeadWeights best,
		Map<String, float[]> extras) throws IOException
	{
		Path folder = output.resolve(FOLDER);
		Files.createDirectories(folder);
		String name = String.format("%s%04d", PREFIX, state.epoch);
		Path tmp = io.github.steeldefects.io.AtomicFiles.createTempFolder(folder, "." + name + "-"); // mode follows the umask
		try {
			try (Writer w = Files.newBufferedWriter(tmp.resolve("state.json"), StandardCharsets.UTF_8)) {
				Json.GSON.toJson(state, w); // strict JSON: undefined scores are written as null
			}
			writeFile(tmp.resolve("variables.bin"), out -> writeVariables(out, variables));
			if (best != null) writeFile(tmp.resolve("best-head.bin"), best::write);
			writeFile(tmp.resolve("best-extras.bin"), out -> writeVariables(out, extras));
			Path target = folder.resolve(name);
			if (Files.exists(target)) deleteTree(target);
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException e) {
			deleteTree(tmp);
			throw e;
		}
		// Keep only the newest complete checkpoint; stale temporary folders go too.
		try (Stream<Path> s = Files.list(folder)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				if (!n.equals(name) && (n.startsWith(PREFIX) || n.startsWith("." + PREFIX))) deleteTree(p);
			}
		}
	}

	/** The newest complete checkpoint in the output folder, if any. */
	static Optional<Loaded> readLatest(Path output) throws IOException {
		Path folder = output.resolve(FOLDER);
		if (!Files.isDirectory(folder)) return Optional.empty();
		Optional<Path> latest;
		try (Stream<Path> s = Files.list(folder)) {
			latest = s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
				.max(Comparator.comparing(p -> p.getFileName().toString()));
		}
		if (latest.isEmpty()) return Optional.empty();
		Path dir = latest.get();
		try {
			return Optional.of(read(dir));
		}
		catch (java.io.EOFException | com.google.gson.JsonParseException | java.nio.charset.CharacterCodingException
			| IllegalStateException | IllegalArgumentException | NegativeArraySizeException | java.io.UTFDataFormatException e)
		{
			throw new io.github.steeldefects.InputException("The checkpoint " + dir + " is damaged (" + what(e)
				+ "); start afresh with resume=false, or restore the checkpoint.", e);
		}
		catch (java.nio.file.NoSuchFileException e) {
			throw new io.github.steeldefects.InputException("The checkpoint " + dir + " is incomplete (" + e.getFile()
				+ " is missing); start afresh with resume=false, or restore the checkpoint.", e);
		}
	}

	private static String what(Exception e) {
		if (e instanceof java.io.EOFException) return "a file ends too early: truncated";
		String m = e.getMessage();
		return m == null ? e.getClass().getSimpleName() : m.length() > 120 ? m.substring(0, 120) + "..." : m;
	}

	private static Loaded read(Path dir) throws IOException {
		State state;
		try (Reader r = Files.newBufferedReader(dir.resolve("state.json"), StandardCharsets.UTF_8)) {
			state = Json.GSON.fromJson(r, State.class);
		}
		if (state == null || state.settings == null) throw new IllegalStateException("state.json is empty or has no settings");
		Map<String, float[]> variables = readVariables(dir.resolve("variables.bin"));
		HeadWeights best = null;
		if (Files.exists(dir.resolve("best-head.bin"))) {
			try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("best-head.bin")))) {
				best = HeadWeights.read(in);
			}
		}
		return new Loaded(state, variables, best, readVariables(dir.resolve("best-extras.bin")));
	}

	static void deleteAll(Path output) throws IOException {
		deleteTree(output.resolve(FOLDER));
	}

	private static void writeVariables(OutputStream out, Map<String, float[]> variables) throws IOException {
		DataOutputStream d = new DataOutputStream(out);
		d.writeInt(MAGIC);
		d.writeInt(variables.size());
		for (Map.Entry<String, float[]> e : variables.entrySet()) {
			d.writeUTF(e.getKey());
			HeadWeights.writeFloats(d, e.getValue());
		}
		d.flush();
	}

	private static void writeFile(Path file, io.github.steeldefects.io.AtomicFiles.Body body) throws IOException {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
			body.write(out);
		}
	}

	private static Map<String, float[]> readVariables(Path file) throws IOException {
		try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			if (d.readInt() != MAGIC) throw new IllegalStateException("not a checkpoint variables file: wrong magic number");
			int n = d.readInt();
			if (n < 0) throw new IllegalStateException("negative variable count");
			Map<String, float[]> variables = new LinkedHashMap<>();
			for (int i = 0; i < n; i++) variables.put(d.readUTF(), HeadWeights.readFloats(d, -1));
			return variables;
		}
	}

	static void deleteTree(Path p) throws IOException {
		if (!Files.exists(p)) return;
		try (Stream<Path> s = Files.walk(p)) {
			s.sorted(Comparator.reverseOrder()).forEach(q -> {
				try {
					Files.delete(q);
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
	}
}
