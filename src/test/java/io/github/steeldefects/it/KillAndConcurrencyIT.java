package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.model.train.ModelInfo;

/**
 * kill -9 during features, train, export and classify, and two trainings into one output, each in a JVM of
 * its own as a user's shell runs them: every run leaves either the complete new result or nothing
 * (the previous state untouched), and the next run starts clean. A resumed run refuses a changed
 * input or setting, naming it.
 */
class KillAndConcurrencyIT {

	static final Path TARGET = Paths.get("target").toAbsolutePath();
	static final Path WORK = TARGET.resolve("it/kill");
	static Path data, lists, images;

	@BeforeAll
	static void dataset() throws IOException {
		ImageJFolder.deleteTree(WORK);
		Files.createDirectories(WORK);
		data = WORK.resolve("data");
		lists = WORK.resolve("split");
		images = data.resolve("train_images");
		inProcess(0, "generate", "out=" + data, "images=48", "seed=5", "width=320", "height=96");
		inProcess(0, "import", "csv=" + data.resolve("train.csv"), "images=" + images, "table=" + WORK.resolve("table.csv"));
		inProcess(0, "split", "table=" + WORK.resolve("table.csv"), "out=" + lists, "test=0.2", "val=0.25", "stratify=defect");
	}

	String[] train(Path out, String... more) {
		List<String> a = new ArrayList<>(List.of("train", "train=" + lists.resolve("x_train.csv"), "val=" + lists.resolve("x_val.csv"),
			"images=" + images, "out=" + out, "size=71x71", "weights=none", "batch=8", "patience=0", "cache=" + WORK.resolve("cache")));
		a.addAll(List.of(more));
		return a.toArray(new String[0]);
	}

	@Test
	void killedTrainingResumesOnlyTheSameRunAndASecondRunIsRefused() throws Exception {
		Path model = WORK.resolve("model");
		Path work = model.resolveSibling("model.training");
		// leftovers of an earlier killed export and write, older than any lock
		Path staleExport = Files.createDirectories(WORK.resolve(".model-export-123/model"));
		Path stalePart = Files.writeString(WORK.resolve(".model.abc.part"), "half");
		for (Path p : List.of(staleExport.getParent(), stalePart))
			Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

		Child first = Child.start(WORK.resolve("first"), train(model, "epochs=1000000", "lr=0.0005"));
		first.waitFor(out -> out.contains("epoch 2:"), 240);
		// a second training into the same out= while the first runs: one sentence, exit 2, nothing touched
		Child second = Child.start(WORK.resolve("second"), train(model, "epochs=1000000", "lr=0.0005"));
		assertEquals(2, second.exit(120), second.all());
		assertTrue(second.err().strip().startsWith("Another training is running into " + model), second.err());
		assertEquals(1, second.err().strip().split("\\R").length, second.err());
		assertTrue(first.process.isAlive(), "the first run goes on");
		assertFalse(Files.exists(staleExport.getParent()), "a killed export's folder is removed once the lock is held");
		assertFalse(Files.exists(stalePart), "a killed write's .part file is removed once the lock is held");

		first.kill();
		assertFalse(Files.exists(model), "a killed training leaves no model folder");
		assertTrue(Files.isDirectory(work.resolve("checkpoints")), "its checkpoints are kept for resume=true");

		int done;
		try (Stream<Path> s = Files.list(work.resolve("checkpoints"))) {
			done = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("epoch-\\d+"))
				.mapToInt(n -> Integer.parseInt(n.substring(6))).max().orElseThrow();
		}
		String epochs = "epochs=" + (done + 2); // epochs may change on resume: it only says where the run ends
		// resume with anything changed: refused before any work, naming what changed; the checkpoints stay
		String[][] changes = { { "lr=0.001", "learningRate" }, { "seed=9", "weights" }, { "weighting=balanced", "weighting" },
			{ "dropout=0.3", "dropout" }, { "batch=4", "batchSize" } };
		for (String[] c : changes) {
			List<String> args = new ArrayList<>(List.of(train(model, epochs, "resume=true", "lr=0.0005")));
			args.removeIf(a -> a.startsWith(c[0].substring(0, c[0].indexOf('=') + 1)));
			args.add(c[0]);
			String err = inProcess(2, args.toArray(new String[0]));
			assertTrue(err.contains("resume=true, but the run in " + work) && err.contains(c[1] + " ("), c[0] + ": " + err);
		}
		String err = inProcess(2, replace(train(model, epochs, "resume=true", "lr=0.0005"), "size=71x71", "size=72x72"));
		assertTrue(err.contains("size (71x71 -> 72x72)"), err);
		Path relabelled = WORK.resolve("x_train_relabelled.csv");
		List<String> lines = new ArrayList<>(Files.readAllLines(lists.resolve("x_train.csv")));
		int d = List.of(lines.get(0).split(",")).indexOf("defect");
		String[] f = lines.get(1).split(",", -1);
		f[d] = f[d].equals("1") ? "0" : "1";
		lines.set(1, String.join(",", f));
		Files.write(relabelled, lines);
		err = inProcess(2, replace(train(model, epochs, "resume=true", "lr=0.0005"), "train=" + lists.resolve("x_train.csv"),
			"train=" + relabelled));
		assertTrue(err.contains("train list ("), err);
		assertTrue(Files.isDirectory(work.resolve("checkpoints")), "refused resumes keep the checkpoints");

		// a truncated checkpoint file: bad input, one sentence, exit 2; the file is left as it was
		Path epochFolder = work.resolve("checkpoints").resolve(String.format("epoch-%04d", done));
		for (String name : new String[] { "variables.bin", "state.json" }) {
			Path file = epochFolder.resolve(name);
			byte[] whole = Files.readAllBytes(file);
			Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
			err = inProcess(2, train(model, epochs, "resume=true", "lr=0.0005"));
			assertTrue(err.startsWith("The checkpoint " + epochFolder + " is damaged"), name + ": " + err);
			assertEquals(whole.length / 2, Files.size(file));
			Files.write(file, whole);
		}

		// the same run: continues and completes; the work folder goes
		String out = inProcessOut(train(model, epochs, "resume=true", "lr=0.0005"));
		assertTrue(out.contains("epoch " + (done + 2) + ":") && !out.contains("epoch " + done + ":"), out);
		ModelInfo info = ModelInfo.read(model.resolve(ModelInfo.FILE_NAME));
		assertEquals(done + 2, info.history().size(), "one history, no epoch twice");
		for (int i = 0; i < done + 2; i++) assertEquals(i + 1, info.history().get(i).epoch());
		assertFalse(Files.exists(work), "the work folder is removed once the model is written");
		String json = Files.readString(model.resolve(ModelInfo.FILE_NAME));
		assertFalse(json.contains("NaN") || json.contains("Infinity"), "strict JSON: " + json);

		// a killed run's checkpoints survive a fresh run (resume=false) that meets a damaged image late, while
		// computing features: the bad input is named, and the earlier checkpoints are back in place
		Path later = WORK.resolve("later");
		Path laterWork = later.resolveSibling("later.training");
		Files.createDirectories(laterWork.resolve("checkpoints/epoch-0007"));
		Files.writeString(laterWork.resolve("checkpoints/epoch-0007/state.json"), "{\"epoch\": 7}");
		Files.writeString(laterWork.resolve("run.json"), "{\"fingerprint\": {}}");
		Path damagedImages = Files.createDirectories(WORK.resolve("damaged-images"));
		try (Stream<Path> s = Files.list(images)) {
			for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, damagedImages.resolve(p.getFileName()));
		}
		String victim = Files.readAllLines(lists.resolve("x_val.csv")).get(1).split(",")[0];
		byte[] jpeg = Files.readAllBytes(images.resolve(victim));
		Files.write(damagedImages.resolve(victim), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
		err = inProcess(2, replace(train(later, "epochs=2"), "images=" + images, "images=" + damagedImages));
		assertTrue(err.startsWith("Image file " + damagedImages.resolve(victim)) && err.contains("truncated"), err);
		assertEquals("{\"epoch\": 7}", Files.readString(laterWork.resolve("checkpoints/epoch-0007/state.json")));
		assertEquals("{\"fingerprint\": {}}", Files.readString(laterWork.resolve("run.json")));
		assertFalse(Files.exists(later), "no model folder after bad input");

		// classify, killed while it writes: no predictions file; the next run writes it whole and removes the leftover
		Path pred = WORK.resolve("pred.csv");
		Child c = Child.start(WORK.resolve("classify"), "classify", "model=" + model, "images=" + images, "out=" + pred, "batch=1");
		c.waitForFile(WORK, n -> n.startsWith(".pred.csv.") && n.endsWith(".part"), 240);
		c.kill();
		assertFalse(Files.exists(pred), "a killed classify leaves no predictions file");
		inProcessOut("classify", "model=" + model, "images=" + images, "out=" + pred);
		assertEquals(49, Files.readAllLines(pred).size(), "header and one row per image");
		assertNoLeftovers(WORK, ".pred.csv.");
	}

	@Test
	void killedExportKeepsThePreviousModelAndTheNextRunIsWhole() throws Exception {
		Path model = WORK.resolve("exported");
		inProcessOut(train(model, "epochs=1"));
		byte[] before = Files.readAllBytes(model.resolve(ModelInfo.FILE_NAME));
		byte[] graphBefore = Files.readAllBytes(model.resolve("saved_model.pb"));
		// a second run replacing it, killed while it writes the new SavedModel (its export folder exists)
		Child c = Child.start(WORK.resolve("export"), train(model, "epochs=1", "seed=3", "overwrite=true"));
		c.waitForFile(WORK, n -> n.startsWith(".exported-export-"), 240);
		c.kill();
		assertArrayEquals(before, Files.readAllBytes(model.resolve(ModelInfo.FILE_NAME)), "the previous model.json is untouched");
		assertArrayEquals(graphBefore, Files.readAllBytes(model.resolve("saved_model.pb")), "the previous SavedModel is untouched");
		// the next run removes the killed export's folder and replaces the model whole
		inProcessOut(train(model, "epochs=1", "seed=3", "overwrite=true"));
		assertNoLeftovers(WORK, ".exported-export-");
		ModelInfo info = ModelInfo.read(model.resolve(ModelInfo.FILE_NAME));
		assertEquals(1, info.history().size());
		assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(model.resolve(ModelInfo.FILE_NAME))), "the new model is in place");
	}

	@Test
	void killedFeaturesLeaveNothingAndTheNextRunIsWhole() throws Exception {
		Path csv = WORK.resolve("features.csv");
		Child c = Child.start(WORK.resolve("features"), "features", "images=" + images, "out=" + csv, "size=71x71", "batch=1",
			"cache=" + WORK.resolve("features-cache"));
		c.waitForFile(WORK, n -> n.startsWith(".features.csv.") && n.endsWith(".part"), 240);
		c.kill();
		assertFalse(Files.exists(csv), "a killed features run leaves no features file");
		inProcessOut("features", "images=" + images, "out=" + csv, "size=71x71", "cache=" + WORK.resolve("features-cache"));
		assertEquals(49, Files.readAllLines(csv).size());
		assertNoLeftovers(WORK, ".features.csv.");
	}

	static void assertNoLeftovers(Path folder, String prefix) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
			assertEquals(List.of(), left, "leftovers of the killed run are removed");
		}
	}

	static String[] replace(String[] a, String from, String to) {
		String[] out = a.clone();
		for (int i = 0; i < out.length; i++) if (out[i].equals(from)) out[i] = to;
		return out;
	}

	static String inProcess(int expected, String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		String err = e.toString(StandardCharsets.UTF_8);
		assertEquals(expected, code, String.join(" ", args) + "\n" + o + err);
		return err;
	}

	static String inProcessOut(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		assertEquals(0, code, String.join(" ", args) + "\n" + o + e);
		return o.toString(StandardCharsets.UTF_8);
	}

	/** The command line in a JVM of its own, killed with SIGKILL when asked. */
	static final class Child {
		final Process process;
		final Path stdout, stderr;

		private Child(Process p, Path stdout, Path stderr) {
			this.process = p;
			this.stdout = stdout;
			this.stderr = stderr;
		}

		static Child start(Path dir, String... args) throws IOException {
			Files.createDirectories(dir);
			List<String> cmd = new ArrayList<>();
			cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
			cmd.add("-cp");
			cmd.add(System.getProperty("java.class.path"));
			cmd.add("-Duser.home=" + dir.resolve("home"));
			cmd.add("-Dai.djl.offline=true");
			cmd.add("-Djava.awt.headless=true");
			cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache"));
			cmd.add(Main.class.getName());
			cmd.addAll(List.of(args));
			Path o = dir.resolve("stdout.txt"), e = dir.resolve("stderr.txt");
			ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
			pb.environment().put("DJL_CACHE_DIR", TARGET.resolve("djl-cache").toString());
			return new Child(pb.start(), o, e);
		}

		String out() throws IOException {
			return Files.readString(stdout);
		}

		String err() throws IOException {
			return Files.readString(stderr);
		}

		String all() throws IOException {
			return out() + err();
		}

		void waitFor(Predicate<String> stdoutSays, int seconds) throws Exception {
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			while (!stdoutSays.test(out())) {
				if (!process.isAlive()) throw new AssertionError("the run ended early:\n" + all());
				if (System.nanoTime() > end) throw new AssertionError("timed out:\n" + all());
				Thread.sleep(50);
			}
		}

		void waitForFile(Path folder, Predicate<String> name, int seconds) throws Exception {
			long end = System.nanoTime() + seconds * 1_000_000_000L;
			while (true) {
				try (Stream<Path> s = Files.list(folder)) {
					if (s.anyMatch(p -> name.test(p.getFileName().toString()))) return;
				}
				if (!process.isAlive()) throw new AssertionError("the run ended early:\n" + all());
				if (System.nanoTime() > end) throw new AssertionError("timed out:\n" + all());
				Thread.sleep(20);
			}
		}

		int exit(int seconds) throws Exception {
			if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				throw new AssertionError("did not end:\n" + all());
			}
			return process.exitValue();
		}

		/** SIGKILL, as kill -9: no shutdown hook, no finally block runs. */
		void kill() throws Exception {
			process.destroyForcibly();
			process.waitFor(60, TimeUnit.SECONDS);
			assertFalse(process.isAlive());
		}
	}
}
