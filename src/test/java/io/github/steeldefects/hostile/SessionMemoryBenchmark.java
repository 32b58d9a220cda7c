package io.github.steeldefects.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import io.github.steeldefects.cli.Main;

/**
 * Ten train + classify cycles in one JVM, as a long Fiji session runs them, printing resident
 * memory (VmRSS from /proc/self/status) after each cycle. What a command opens (TensorFlow graphs
 * and sessions, DJL models, predictors and NDManagers) must be closed when it ends, so the figure
 * settles after the first cycle.
 * <p>
 * Run (from the project folder, after {@code mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}):
 * {@code java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) -Duser.home=target/h
 * -Dorg.bytedeco.javacpp.cachedir=target/javacpp-cache -Dai.djl.offline=true
 * io.github.steeldefects.hostile.SessionMemoryBenchmark [cycles]}
 */
public final class SessionMemoryBenchmark {

	private SessionMemoryBenchmark() {}

	public static void main(String[] args) throws IOException {
		int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10;
		Path work = Files.createTempDirectory(Paths.get("target"), "memory-benchmark-");
		Path data = work.resolve("data"), lists = work.resolve("split"), images = data.resolve("train_images");
		run("generate", "out=" + data, "images=40", "seed=2", "width=320", "height=96");
		run("import", "csv=" + data.resolve("train.csv"), "images=" + images, "table=" + work.resolve("table.csv"));
		run("split", "table=" + work.resolve("table.csv"), "out=" + lists, "test=0.2", "val=0.25", "stratify=defect");
		long first = 0;
		long start = rssKb();
		System.out.printf(Locale.ROOT, "before the first cycle: VmRSS %d MB%n", start / 1024);
		for (int i = 1; i <= cycles; i++) {
			Path model = work.resolve("model" + i);
			// a fresh cache each cycle: the features are computed again, as with new images
			run("train", "train=" + lists.resolve("x_train.csv"), "val=" + lists.resolve("x_val.csv"), "images=" + images,
				"out=" + model, "size=71x71", "epochs=2", "batch=8", "weights=none", "seed=" + i,
				"cache=" + work.resolve("cache" + i));
			run("classify", "model=" + model, "images=" + images, "out=" + work.resolve("pred" + i + ".csv"));
			System.gc();
			long rss = rssKb();
			if (i == 1) first = rss;
			System.out.printf(Locale.ROOT, "cycle %2d: VmRSS %5d MB, growth since cycle 1 %+5d MB%n", i, rss / 1024,
				(rss - first) / 1024);
		}
		System.out.printf(Locale.ROOT, "growth from cycle 1 to cycle %d: %d MB (goal: under 300 MB)%n", cycles,
			(rssKb() - first) / 1024);
	}

	private static void run(String... args) {
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
		if (code != 0) throw new IllegalStateException(String.join(" ", args) + " failed:\n" + o + e);
	}

	static long rssKb() throws IOException {
		for (String line : Files.readAllLines(Paths.get("/proc/self/status")))
			if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", ""));
		return -1;
	}
}
