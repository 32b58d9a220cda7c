package io.github.steeldefects.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.github.steeldefects.InputException;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.IoFaults;
import io.github.steeldefects.io.Json;

/**
 * Everything that shapes a training run, as named values: the training and validation lists (ids
 * and labels), the content of every image they name, the base weights, the input size, and every
 * training setting. Settings are read generically from the {@link TrainRequest}'s components and
 * the {@link io.github.steeldefects.model.train.TrainingSettings} record's components, so a
 * setting added later is covered without touching this class; only the few that merely steer
 * where a run ends or where it runs are left out ({@link #FREE}).
 * <p>
 * Written as {@code run.json} into the work folder when a run starts; {@code resume=true} continues
 * only when the fingerprint is the same, and otherwise says which values changed.
 */
final class RunFingerprint {

	static final String FILE = "run.json";

	/**
	 * Request components and settings that may change on resume: where the run ends (epochs, patience),
	 * whether to resume, where it runs and caches, how results are reported, the output (fixed by
	 * the work folder anyway), and the inputs that are fingerprinted by content instead.
	 */
	static final Set<String> FREE = Set.of("resume", "epochs", "patience", "device", "cache", "overwrite", "out",
		"trainList", "valList", "images", "weights", "settings");

	private final Map<String, String> values;

	private RunFingerprint(Map<String, String> values) {
		this.values = values;
	}

	static RunFingerprint of(TrainRequest r, ImageList train, ImageList val) {
		Map<String, String> v = new LinkedHashMap<>();
		int outputs = r.settings().outputs();
		v.put("train list", lists(train, outputs));
		v.put("validation list", lists(val, outputs));
		v.put("images", images(train, val));
		v.put("weights", r.weights().id());
		v.put("size", r.height() + "x" + r.width());
		components(r, v);
		components(r.settings(), v);
		v.remove("height");
		v.remove("width");
		return new RunFingerprint(v);
	}

	/** Every component of a record that is not {@link #FREE}, by name. */
	private static void components(Record record, Map<String, String> into) {
		for (RecordComponent c : record.getClass().getRecordComponents()) {
			if (FREE.contains(c.getName())) continue;
			try {
				into.put(c.getName(), text(c.getAccessor().invoke(record)));
			}
			catch (ReflectiveOperationException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private static String text(Object o) {
		if (o == null) return "null";
		if (o instanceof Object[] a) return Arrays.deepToString(a);
		if (o instanceof float[] a) return Arrays.toString(a);
		if (o instanceof double[] a) return Arrays.toString(a);
		if (o instanceof int[] a) return Arrays.toString(a);
		return String.valueOf(o);
	}

	/** Ids and labels of a list, in order, as one hash (with the count, for the message). */
	private static String lists(ImageList list, int outputs) {
		CRC32C crc = new CRC32C();
		for (ImageList.Entry e : list.entries()) {
			crc.update((e.imageId() + "\t" + Arrays.toString(e.labels(outputs)) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		return list.size() + " images, " + Long.toHexString(crc.getValue());
	}

	/** CRC-32C over the bytes of every image file, in list order: a replaced or edited image changes it. */
	private static String images(ImageList train, ImageList val) {
		CRC32C crc = new CRC32C();
		byte[] buf = new byte[1 << 16];
		for (ImageList.Entry e : Stream.concat(train.entries().stream(), val.entries().stream()).toList()) {
			try (InputStream in = Files.newInputStream(e.file())) {
				for (int n; (n = in.read(buf)) > 0;) crc.update(buf, 0, n);
			}
			catch (IOException x) {
				throw IoFaults.unchecked("reading", e.file(), x);
			}
			crc.update(0);
		}
		return Long.toHexString(crc.getValue());
	}

	/** The fingerprint a run left in {@code work}, or null when there is none. */
	static RunFingerprint read(Path work) {
		Path file = work.resolve(FILE);
		if (!Files.isRegularFile(file)) return null;
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			Stored s = Json.GSON.fromJson(r, Stored.class);
			if (s == null || s.fingerprint == null) throw new InputException(file
				+ " is damaged (no fingerprint); start afresh with resume=false.");
			return new RunFingerprint(new LinkedHashMap<>(s.fingerprint));
		}
		catch (com.google.gson.JsonParseException e) {
			throw new InputException(file + " is damaged (" + e.getMessage() + "); start afresh with resume=false.", e);
		}
		catch (IOException e) {
			throw IoFaults.unchecked("reading", file, e);
		}
	}

	void write(Path work) {
		Stored s = new Stored();
		s.fingerprint = values;
		AtomicFiles.writeString(work.resolve(FILE), true, Json.GSON.toJson(s) + "\n");
	}

	/** The names of the values that differ, each as {@code name (old -> new)}; empty when the same. */
	List<String> differences(RunFingerprint now) {
		List<String> out = new ArrayList<>();
		for (Map.Entry<String, String> e : now.values.entrySet()) {
			String before = values.get(e.getKey());
			if (!e.getValue().equals(before)) out.add(e.getKey() + " (" + (before == null ? "not recorded" : shorten(before))
				+ " -> " + shorten(e.getValue()) + ")");
		}
		for (String k : values.keySet()) if (!now.values.containsKey(k)) out.add(k + " (no longer given)");
		return out;
	}

	private static String shorten(String s) {
		return s.length() > 60 ? s.substring(0, 57) + "..." : s;
	}

	Map<String, String> values() {
		return values;
	}

	private static final class Stored {
		Map<String, String> fingerprint;
	}
}
