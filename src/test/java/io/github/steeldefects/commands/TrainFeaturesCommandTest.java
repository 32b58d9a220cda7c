package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.jobs.TrainJob;
import io.github.steeldefects.model.train.ModelInfo;

/**
 * The train and features commands from the command line, on a small synthetic dataset made by the
 * project's own commands (generate, import, split), at a small network input so that it runs in
 * seconds on a CPU.
 */
@Tag("tensorflow")
class TrainFeaturesCommandTest {

	@TempDir
	static Path dir;

	static Path data, lists;

	@BeforeAll
	static void dataset() {
		data = dir.resolve("data");
		lists = dir.resolve("split");
		ok("generate", "out=" + data, "images=36", "seed=3", "width=320", "height=96");
		ok("import", "csv=" + data.resolve("train.csv"), "images=" + data.resolve("train_images"), "table=" +
			dir.resolve("table.csv"));
		ok("split", "table=" + dir.resolve("table.csv"), "out=" + lists, "test=0.2", "val=0.25", "stratify=defect");
	}

	@Test
	void trainsAModelFolderAndCleansUpItsCheckpoints() throws IOException {
		Path model = dir.resolve("model");
		String out = ok("train", "train=" + lists.resolve("x_train.csv"), "val=" + lists.resolve("x_val.csv"), "images=" +
			data.resolve("train_images"), "out=" + model, "size=71x142", "epochs=3", "batch=8", "weights=none",
			"augment=[hflip brightness=0.1]", "variants=1", "cache=" + dir.resolve("cache"));
		assertTrue(out.contains("epoch 1:") && out.contains("epoch 3:") || out.contains("early"), out);
		assertTrue(out.contains("TensorFlow runs on"), "one line says where TensorFlow runs:\n" + out);
		assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")), "a SavedModel");
		ModelInfo info = ModelInfo.read(model.resolve(ModelInfo.FILE_NAME));
		assertEquals(71, info.inputHeight());
		assertEquals(142, info.inputWidth());
		assertEquals(1, info.outputs());
		assertFalse(Files.exists(TrainJob.workFolder(model)), "checkpoints are removed once the model is written");

		// the same model folder again: refused without overwrite, and nothing is touched
		long before = Files.getLastModifiedTime(model.resolve("saved_model.pb")).toMillis();
		String err = fail(2, "train", "train=" + lists.resolve("x_train.csv"), "val=" + lists.resolve("x_val.csv"),
			"images=" + data.resolve("train_images"), "out=" + model, "size=71x142", "epochs=1");
		assertTrue(err.contains("already exists") && err.contains("overwrite=true"), err);
		assertEquals(before, Files.getLastModifiedTime(model.resolve("saved_model.pb")).toMillis());
	}

	@Test
	void fineTunesTheLastBlockAndExportsItsWeights() throws IOException {
		Path model = dir.resolve("tuned");
		String out = ok("train", "train=" + lists.resolve("x_train.csv"), "val=" + lists.resolve("x_val.csv"), "images=" +
			data.resolve("train_images"), "out=" + model, "size=71x71", "epochs=1", "batch=8", "finetune=1", "head=1",
			"augment=[hflip brightness=0.1]", "balance=0.6", "precision=bf16", "cache=" + dir.resolve("cache"));
		assertTrue(out.contains("Fine-tuning the last 1 Xception block"), out);
		assertTrue(out.contains("Stage 2 of 2: fine-tuning starts from the head"), "two-stage recipe:\n" + out);
		ModelInfo info = ModelInfo.read(model.resolve(ModelInfo.FILE_NAME));
		assertEquals(1, info.training().finetune());
		assertEquals(1, info.training().headEpochs());
		// model.json records what ran: auto settings resolved for weights=none
		assertEquals(io.github.steeldefects.model.train.TrainingSettings.BatchNormMode.TRAIN, info.training().batchNorm());
		assertEquals(io.github.steeldefects.model.train.TrainingSettings.Schedule.COSINE, info.training().schedule());
		// training-mode batch norm runs fp32 whatever precision= says, so the model is written (and scored) as fp32
		assertEquals("fp32", info.precision());
		assertFalse(new String(java.nio.file.Files.readAllBytes(model.resolve("saved_model.pb")),
			java.nio.charset.StandardCharsets.ISO_8859_1).contains(io.github.steeldefects.model.train.ModelExporter.SIGNATURE_BF16),
			"no bf16 signature for a model trained in fp32");
		assertFalse(info.baseWeights().equals(io.github.steeldefects.model.XceptionWeights.random(0).id()),
			"the exported base carries the fine-tuned weights, not the starting ones");
	}

	@Test
	void badTrainingInputIsOneSentenceAndExitCode2() throws IOException {
		String train = "train=" + lists.resolve("x_train.csv"), val = "val=" + lists.resolve("x_val.csv");
		String images = "images=" + data.resolve("train_images");
		Path out = dir.resolve("never");
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "size=32x32").contains("at least 71x71"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "size=wide").contains("HEIGHTxWIDTH"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "finetune=99").contains("finetune"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "finetune=1", "variants=1", "augment=[hflip]")
			.contains("online"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "finetune=most").contains("or all"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "finetune=all", "bn=sometimes").contains("sometimes"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "head=2").contains("finetune=0"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "lr=fast").contains("lr=fast"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "weights=" + dir.resolve("no.h5")).contains("no.h5"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "outputs=3").contains("outputs"));
		assertTrue(fail(2, "train", train, val, images, "out=" + out, "variants=2").contains("augment=none"));
		Path broken = dir.resolve("broken.csv");
		Files.writeString(broken, "image_id,defect\nmissing.jpg,1\n");
		String err = fail(2, "train", "train=" + broken, val, images, "out=" + out);
		assertTrue(err.contains("broken.csv line 2") && err.contains("missing.jpg"), err);
		// an id that climbs out of the images folder is refused, whoever reads the list
		Path escaping = dir.resolve("escaping.csv");
		Files.writeString(escaping, "image_id,defect\n../table.csv,1\n");
		err = fail(2, "train", "train=" + escaping, val, images, "out=" + out);
		assertTrue(err.contains("escaping.csv line 2") && err.contains("not a plain file name"), err);
		err = fail(2, "classify", "model=" + dir, "images=" + data.resolve("train_images"), "list=" + escaping);
		assertTrue(err.contains("not a plain file name"), err);
		assertFalse(Files.exists(out), "nothing is written after bad input");
		// out= a folder of other work, with overwrite=true: refused before any training, and left as it was
		Path other = Files.createDirectories(dir.resolve("other-work"));
		Files.writeString(other.resolve("notes.txt"), "mine");
		err = fail(2, "train", train, val, images, "out=" + other, "overwrite=true", "size=71x71");
		assertTrue(err.contains("holds no Steel Defects model"), err);
		assertEquals("mine", Files.readString(other.resolve("notes.txt")));
		assertFalse(Files.exists(dir.resolve("other-work.training")), "no work folder is left behind");
	}

	@Test
	void featuresAreWrittenOncePerImageAndComeFromTheCacheTheSecondTime() throws IOException {
		Path csv = dir.resolve("features.csv");
		Path cache = dir.resolve("features-cache");
		String first = ok("features", "images=" + data.resolve("train_images"), "list=" + lists.resolve("x_test.csv"),
			"size=71x71", "out=" + csv, "cache=" + cache);
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		List<String> test = Files.readAllLines(lists.resolve("x_test.csv"), StandardCharsets.UTF_8);
		assertEquals(test.size(), lines.size(), "a header and one row per listed image");
		assertEquals(2049, lines.get(0).split(",").length);
		assertTrue(lines.get(0).startsWith("image_id,f0,f1,"));
		assertEquals(test.get(1).split(",")[0], lines.get(1).split(",")[0]);
		assertFalse(first.contains("from the cache"), first);
		String again = ok("features", "images=" + data.resolve("train_images"), "list=" + lists.resolve("x_test.csv"),
			"size=71x71", "out=" + dir.resolve("features2.csv"), "cache=" + cache);
		assertTrue(again.contains("from the cache"), again);
		assertEquals(lines, Files.readAllLines(dir.resolve("features2.csv"), StandardCharsets.UTF_8),
			"cached features are the computed ones");
		assertTrue(fail(2, "features", "images=" + data.resolve("train_images"), "out=" + csv).contains("already exists"));
	}

	static String ok(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		assertEquals(0, code, String.join(" ", args) + "\n" + out + err);
		return out.toString(StandardCharsets.UTF_8);
	}

	static String fail(int expected, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
		String e = err.toString(StandardCharsets.UTF_8);
		assertEquals(expected, code, String.join(" ", args) + "\n" + out + e);
		assertEquals(1, e.strip().split("\n").length, "one sentence on standard error: " + e);
		return e;
	}
}
