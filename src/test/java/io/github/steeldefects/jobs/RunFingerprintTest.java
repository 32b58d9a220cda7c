package io.github.steeldefects.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.model.XceptionWeights;
import io.github.steeldefects.model.train.TrainingSettings;

/**
 * The resume fingerprint covers every training setting without naming them: each component of the
 * settings record (those added later too) and each component of the request, changed on its own, is
 * named as changed; only the ones that steer where a run ends may change.
 */
class RunFingerprintTest {

	@TempDir
	static Path dir;

	static ImageList train, val;
	static Path images;

	@BeforeAll
	static void lists() throws IOException {
		images = Files.createDirectories(dir.resolve("images"));
		List<String> names = new ArrayList<>();
		try (var s = Files.list(Path.of("sample-data/train_images"))) {
			s.sorted().limit(4).forEach(p -> names.add(p.getFileName().toString()));
		}
		for (String n : names) Files.copy(Path.of("sample-data/train_images", n), images.resolve(n));
		Path t = Files.writeString(dir.resolve("x_train.csv"), "image_id,defect\n" + names.get(0) + ",1\n" + names.get(1) + ",0\n");
		Path v = Files.writeString(dir.resolve("x_val.csv"), "image_id,defect\n" + names.get(2) + ",1\n" + names.get(3) + ",0\n");
		train = ImageList.listCsv(t, images);
		val = ImageList.listCsv(v, images);
	}

	static final XceptionWeights WEIGHTS = XceptionWeights.random(0);

	static TrainRequest request(TrainingSettings s) {
		return request(s, 71, AugmentConfig.NONE, 0);
	}

	static TrainRequest request(TrainingSettings s, int height, AugmentConfig augment, int variants) {
		return new TrainRequest(dir.resolve("x_train.csv"), dir.resolve("x_val.csv"), images, dir.resolve("model"), false,
			WEIGHTS, height, 71, s, augment, variants, 0, null, null, dir.resolve("cache"));
	}

	@Test
	void everySettingThatShapesTheRunIsNamedWhenChanged() throws Exception {
		// finetune=1 so that every setting has a valid other value (head= needs fine-tuning)
		// and batch norm and schedule other than auto, which the request resolves (auto is then a change too)
		TrainingSettings base = TrainingSettings.builder().finetune(1).batchNorm("freeze").schedule("constant").build();
		RunFingerprint before = RunFingerprint.of(request(base), train, val);
		Constructor<?> canonical = canonical();
		RecordComponent[] components = TrainingSettings.class.getRecordComponents();
		for (int i = 0; i < components.length; i++) {
			RecordComponent c = components[i];
			// warm-up shapes the cosine schedule only (the request refuses it beside a constant rate)
			TrainingSettings from = c.getName().equals("warmupEpochs") ? base.toBuilder().schedule("cosine").build() : base;
			RunFingerprint was = from == base ? before : RunFingerprint.of(request(from), train, val);
			Object[] values = new Object[components.length];
			for (int k = 0; k < components.length; k++) values[k] = components[k].getAccessor().invoke(from);
			TrainingSettings changed = null;
			Object original = values[i];
			for (Object candidate : candidates(values[i])) {
				if (candidate.equals(original)) continue; // e.g. 0 * 0.5
				values[i] = candidate;
				try {
					changed = (TrainingSettings) canonical.newInstance(values);
					break;
				}
				catch (InvocationTargetException e) {
					// not a valid value for this setting: try the next one
				}
			}
			assertTrue(changed != null, "found no valid other value for " + c.getName());
			List<String> diff = new ArrayList<>(was.differences(RunFingerprint.of(request(changed), train, val)));
			// the labels the lists give are those of the outputs trained (defect, or defect_1..defect_4)
			if (c.getName().equals("outputs")) diff.removeIf(d -> d.startsWith("train list (") || d.startsWith("validation list ("));
			if (RunFingerprint.FREE.contains(c.getName())) assertEquals(List.of(), diff, c.getName() + " may change on resume");
			else {
				assertEquals(1, diff.size(), c.getName() + ": " + diff);
				assertTrue(diff.get(0).startsWith(c.getName() + " ("), diff.get(0));
			}
		}
	}

	@Test
	void sizeAugmentationLabelsAndImageContentAreNamed() throws IOException {
		TrainingSettings s = TrainingSettings.builder().build();
		RunFingerprint before = RunFingerprint.of(request(s), train, val);
		TrainRequest bigger = request(s, 96, AugmentConfig.NONE, 0);
		assertEquals(List.of("size (71x71 -> 96x71)"), before.differences(RunFingerprint.of(bigger, train, val)));
		TrainRequest augmented = request(s, 71, AugmentConfig.parse("hflip"), 1);
		List<String> d = before.differences(RunFingerprint.of(augmented, train, val));
		assertTrue(d.size() == 2 && d.get(0).startsWith("augment (") && d.get(1).startsWith("variants ("), d.toString());
		// the same lists with one label flipped
		Path t = Files.writeString(dir.resolve("relabelled.csv"), "image_id,defect\n" + train.entries().get(0).imageId() + ",0\n"
			+ train.entries().get(1).imageId() + ",0\n");
		d = before.differences(RunFingerprint.of(request(s), ImageList.listCsv(t, images), val));
		assertTrue(d.size() == 1 && d.get(0).startsWith("train list ("), d.toString());
		// an image file replaced by another one under the same name
		Path file = val.entries().get(0).file();
		byte[] original = Files.readAllBytes(file);
		Files.write(file, Files.readAllBytes(train.entries().get(0).file()));
		try {
			d = before.differences(RunFingerprint.of(request(s), train, val));
			assertTrue(d.size() == 1 && d.get(0).startsWith("images ("), d.toString());
		}
		finally {
			Files.write(file, original);
		}
		// written and read back: the same
		Path work = Files.createDirectories(dir.resolve("work"));
		before.write(work);
		assertEquals(List.of(), RunFingerprint.read(work).differences(before));
		assertTrue(Files.readString(work.resolve(RunFingerprint.FILE)).contains("\"learningRate\": \"0.001\""));
	}

	static Constructor<?> canonical() throws NoSuchMethodException {
		RecordComponent[] c = TrainingSettings.class.getRecordComponents();
		Class<?>[] types = new Class<?>[c.length];
		for (int i = 0; i < c.length; i++) types[i] = c[i].getType();
		return TrainingSettings.class.getDeclaredConstructor(types);
	}

	/** Other values of the same type, the likely valid ones first. */
	static List<Object> candidates(Object v) {
		if (v instanceof Integer i) return List.of(i + 1, i * 4, i + 3, i - 1);
		if (v instanceof Long l) return List.of(l + 1);
		if (v instanceof Float f) return List.of(f * 0.5f, f + 0.25f, f * 2f);
		if (v instanceof Double d) return List.of(d * 0.8, d + 0.1, d * 2);
		if (v instanceof Boolean b) return List.of(!b);
		if (v instanceof Enum<?> e) {
			List<Object> out = new ArrayList<>();
			for (Object o : e.getDeclaringClass().getEnumConstants()) if (o != e) out.add(o);
			return out;
		}
		if (v instanceof String s) return List.of(s + "x");
		throw new IllegalStateException("no candidate values for a " + v.getClass());
	}
}
