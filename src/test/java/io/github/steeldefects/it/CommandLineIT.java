package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The packaged command line as README shows it, {@code java -jar target/Steel_Defects.jar ...},
 * in a process of its own: the jar finds its libraries in {@code target/lib}, TensorFlow starts
 * offline, standard error stays free of library noise, and bad input is one line with exit code 2.
 */
class CommandLineIT {

	static final Path TARGET = Paths.get("target").toAbsolutePath();

	@Test
	void theJarRunsACommandQuietlyAndRefusesBadInputInOneLine() throws Exception {
		Path out = TARGET.resolve("it/cli");
		ImageJFolder.deleteTree(out);
		Files.createDirectories(out);
		Path csv = out.resolve("features.csv");
		Run ok = run(out, "features", "images=" + Paths.get("sample-data/train_images").toAbsolutePath(), "size=71x71",
			"out=" + csv, "cache=" + out.resolve("cache"));
		assertEquals(0, ok.code, ok.stdout + ok.stderr);
		assertTrue(ok.stdout.contains("TensorFlow runs on CPU"), ok.stdout);
		assertEquals("", ok.stderr.strip(), "nothing but our own messages: no TensorFlow or SLF4J notices");
		long images;
		try (var s = Files.list(Paths.get("sample-data/train_images"))) {
			images = s.count();
		}
		assertEquals(images + 1, Files.readAllLines(csv, StandardCharsets.UTF_8).size());

		Run bad = run(out, "features", "images=" + out.resolve("nowhere"), "out=" + out.resolve("other.csv"));
		assertEquals(2, bad.code, bad.stdout + bad.stderr);
		assertEquals(1, bad.stderr.strip().split("\n").length, bad.stderr);
		assertTrue(bad.stderr.contains("nowhere"), bad.stderr);
		assertTrue(!Files.exists(out.resolve("other.csv")));
	}

	record Run(int code, String stdout, String stderr) {}

	static Run run(Path work, String... args) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Duser.home=" + work.resolve("home"));
		cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache"));
		cmd.add("-jar");
		cmd.add(TARGET.resolve("Steel_Defects.jar").toString());
		cmd.addAll(List.of(args));
		Path o = work.resolve("stdout.txt"), e = work.resolve("stderr.txt");
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
		pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
		pb.environment().put("DJL_CACHE_DIR", TARGET.resolve("djl-cache").toString());
		Process p = pb.start();
		if (!p.waitFor(300, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
		return new Run(p.exitValue(), Files.readString(o), Files.readString(e));
	}

}
