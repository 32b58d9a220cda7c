package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import io.github.steeldefects.commands.Commands;
import java.util.concurrent.TimeUnit;

/**
 * README's install line, run as written (in a child {@code mvn}, batch mode, quiet) into a
 * Fiji.app folder that does not exist yet; then ImageJ started from that folder under Xvfb finds
 * every menu entry and runs a command through it.
 */
class InstallIT {

	/** README's command; the test fills in the folder and adds -B -q. */
	static final String README = "mvn -DskipTests -Dscijava.app.directory=/path/to/Fiji.app install";

	@OnDesktop
	void readmeInstallFillsAFreshFolderAndImageJStartsFromIt() throws Exception {
		String readme = Files.readString(Paths.get("README.md"), StandardCharsets.UTF_8);
		assertTrue(readme.contains(README), "README's install line is the one tested here: " + README);
		Path parent = ImageJFolder.TARGET.resolve("it/install");
		ImageJFolder.deleteTree(parent);
		Files.createDirectories(parent);
		Path app = parent.resolve("Fiji.app"); // does not exist: the install creates it
		// read the registry and write the macro now: the child build below rewrites target/Steel_Defects.jar,
		// the very jar this JVM loads the project's classes from, so none can be loaded after it
		List<Commands.Entry> entries = Commands.available();
		StringBuilder m = ImageJFolder.menuListingMacro();
		m.append("run(\"Generate Synthetic Data...\", \"out=[").append(parent.resolve("generated"))
			.append("] images=4 seed=1 width=64 height=32\");\nprint(\"generated: \" + File.exists(\"")
			.append(parent.resolve("generated/train.csv")).append("\"));\n");

		// never -o: pom-scijava's populate-app requires online mode (the pom stops an offline install)
		List<String> cmd = new ArrayList<>(List.of(mvn(), "-B", "-q"));
		for (String word : README.split(" ")) if (!word.equals("mvn")) cmd.add(word.replace("/path/to/Fiji.app",
			app.toString()));
		Path log = parent.resolve("mvn-install.log");
		Process p = new ProcessBuilder(cmd).directory(new File(".").getAbsoluteFile()).redirectErrorStream(true)
			.redirectOutput(log.toFile()).start();
		boolean done = p.waitFor(600, TimeUnit.SECONDS);
		if (!done) p.destroyForcibly().waitFor();
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertTrue(done && p.exitValue() == 0, String.join(" ", cmd) + " failed:\n" + output);
		assertTrue(Files.isRegularFile(app.resolve("plugins/Steel_Defects.jar")), "plugins/Steel_Defects.jar installed");
		assertTrue(Files.isRegularFile(app.resolve("jars/ij-1.54p.jar")), "ImageJ itself in jars/");
		try (var s = Files.list(app.resolve("jars/linux64"))) {
			assertTrue(s.anyMatch(f -> f.getFileName().toString().startsWith("tensorflow-core-native")),
				"TensorFlow's natives in jars/linux64");
		}

		try (ImageJFolder ij = ImageJFolder.at(app).withDisplay()) {
			Path macro = parent.resolve("installed.ijm");
			Files.write(macro, m.toString().getBytes(StandardCharsets.UTF_8));
			ImageJFolder.Result r = ij.runBatch(macro, null, 180);
			ImageJFolder.assertEveryMenuEntry(r, entries);
			assertTrue(r.output.contains("generated: 1"), "a command ran from the installed plugin:\n" + r.output);
			assertEquals(0, r.exitCode, r.output);
		}
	}

	private static String mvn() {
		String home = System.getProperty("maven.home");
		if (home != null && Files.isExecutable(Paths.get(home, "bin", "mvn"))) return Paths.get(home, "bin", "mvn")
			.toString();
		String which = ImageJFolder.which("mvn");
		return which == null ? "mvn" : which;
	}
}
