package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.steeldefects.commands.Commands;

/**
 * An ImageJ 1.54 installation laid out as {@code mvn -Dscijava.app.directory=DIR install} lays out
 * Fiji.app: the plugin jar in {@code plugins/}, its dependencies in {@code jars/} and the
 * TensorFlow natives in {@code jars/linux64/}, started as Fiji's launcher starts ImageJ (those
 * folders and the plugin jars on the class path). Runs macros in it with {@code ij.ImageJ -batch}, under an X server
 * of its own (Xvfb) so that ImageJ builds its menus, as on a desktop.
 */
final class ImageJFolder implements AutoCloseable {

	static final Path TARGET = Paths.get("target").toAbsolutePath();

	final Path root;
	private Process xvfb;
	private String display;

	private ImageJFolder(Path root) {
		this.root = root;
	}

	/** An installed folder as it is (e.g. filled by {@code mvn -Dscijava.app.directory=DIR install}). */
	static ImageJFolder at(Path root) {
		return new ImageJFolder(root);
	}

	/** Builds the folder from target/Steel_Defects.jar and target/lib (made by mvn package). */
	static ImageJFolder create(String name) throws IOException {
		Path jar = TARGET.resolve("Steel_Defects.jar");
		Path lib = TARGET.resolve("lib");
		assertTrue(Files.isRegularFile(jar), "run through mvn verify: " + jar + " is missing");
		Path root = TARGET.resolve("it").resolve(name);
		deleteTree(root);
		Files.createDirectories(root.resolve("plugins"));
		Files.createDirectories(root.resolve("jars/linux64"));
		try (Stream<Path> s = Files.list(lib)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String file = p.getFileName().toString();
				if (file.contains("-linux-x86_64")) linkOrCopy(p, root.resolve("jars/linux64").resolve(file));
				else linkOrCopy(p, root.resolve("jars").resolve(file));
			}
		}
		Files.copy(jar, root.resolve("plugins/Steel_Defects.jar"), StandardCopyOption.REPLACE_EXISTING);
		return new ImageJFolder(root);
	}

	private static void linkOrCopy(Path from, Path to) throws IOException {
		try {
			Files.createSymbolicLink(to, from);
		}
		catch (UnsupportedOperationException | IOException e) {
			Files.copy(from, to);
		}
	}

	/** This folder with {@link #startDisplay()} done; closed again when that fails or skips. */
	ImageJFolder withDisplay() throws IOException, InterruptedException {
		try {
			startDisplay();
			return this;
		}
		catch (IOException | InterruptedException | RuntimeException | Error e) {
			close();
			throw e;
		}
	}

	/** A macro that prints "menu: LABEL -> COMMAND" for every command's menu label; see {@link #assertEveryMenuEntry}. */
	static StringBuilder menuListingMacro() {
		StringBuilder m = new StringBuilder("List.setCommands;\n");
		for (Commands.Entry e : Commands.available())
			m.append("print(\"menu: ").append(e.menuLabel()).append(" -> \" + List.get(\"").append(e.menuLabel())
				.append("\"));\n");
		return m;
	}

	/** Every command's menu entry runs the plugin with the command's name, as the menu listing macro printed. */
	static void assertEveryMenuEntry(Result r) {
		assertEveryMenuEntry(r, Commands.available());
	}

	/** {@link #assertEveryMenuEntry(Result)} against entries read earlier (before a build rewrote the jar this JVM reads). */
	static void assertEveryMenuEntry(Result r, java.util.List<Commands.Entry> entries) {
		assertTrue(r.finished, "ImageJ did not finish: " + r.output);
		for (Commands.Entry e : entries)
			assertTrue(r.output.contains("menu: " + e.menuLabel() + " -> io.github.steeldefects.fiji.SteelDefectsPlugin(\"" +
				e.name() + "\")"), "no menu entry for " + e.menuLabel() + " in:\n" + r.output);
	}

	/** Starts Xvfb unless a display is already there; skips (locally) or fails (CI) without one. */
	void startDisplay() throws IOException, InterruptedException {
		String existing = System.getenv("DISPLAY");
		if (existing != null && !existing.isEmpty()) {
			display = existing;
			return;
		}
		String xvfbPath = which("Xvfb");
		if (xvfbPath == null) {
			boolean ci = "true".equals(System.getenv("CI"));
			assertTrue(!ci, "Xvfb is missing; .ci/run installs it (apt-get install xvfb)");
			// said on the console too: a skip is otherwise visible only in target/failsafe-reports
			System.out.println("[Steel Defects] SKIPPED the ImageJ desktop tests: Xvfb is not installed (apt-get install xvfb).");
			assumeTrue(false, "Xvfb is not installed (apt-get install xvfb); skipping the ImageJ desktop test");
		}
		for (int n = 90 + (int) (ProcessHandle.current().pid() % 50); n < 200; n++) {
			if (Files.exists(Paths.get("/tmp/.X11-unix/X" + n)) || Files.exists(Paths.get("/tmp/.X" + n + "-lock")))
				continue;
			Process p = new ProcessBuilder(xvfbPath, ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
				.redirectErrorStream(true).redirectOutput(root.resolve("xvfb.log").toFile()).start();
			for (int i = 0; i < 50 && p.isAlive(); i++) {
				if (Files.exists(Paths.get("/tmp/.X11-unix/X" + n))) {
					xvfb = p;
					display = ":" + n;
					return;
				}
				Thread.sleep(100);
			}
			p.destroyForcibly();
		}
		throw new IOException("Could not start Xvfb; see " + root.resolve("xvfb.log"));
	}

	/** Runs {@code java -jar ij.jar -batch macro argument}; returns its output. */
	Result runBatch(Path macro, String argument, long timeoutSeconds) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of("-ijpath", root.toString(), "-batch", macro.toAbsolutePath().toString()));
		if (argument != null) args.add(argument);
		return runJava("ij.ImageJ", null, args, "batch-" + macro.getFileName() + ".log", timeoutSeconds);
	}

	/**
	 * Runs a class's main method in this folder as Fiji's launcher would start ImageJ (with
	 * {@code extraClassPath}, e.g. the test classes, behind the folder's jars), on this folder's display.
	 */
	Result runJava(String mainClass, String extraClassPath, List<String> args, String logName, long timeoutSeconds)
		throws IOException, InterruptedException
	{
		List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx4g");
		// keep ImageJ's preferences and native caches out of the user's home
		cmd.add("-Duser.home=" + root.resolve("home"));
		cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + TARGET.resolve("javacpp-cache"));
		cmd.add("-Dai.djl.offline=true");
		cmd.add("-cp");
		// as Fiji's launcher: jars/, jars/linux64/ and plugins/ on the class path
		cmd.add(root.resolve("jars") + "/*" + File.pathSeparator + root.resolve("jars/linux64") + "/*" +
			File.pathSeparator + root.resolve("plugins") + "/*" + (extraClassPath == null ? "" : File.pathSeparator +
				extraClassPath));
		cmd.add("-Dplugins.dir=" + root);
		cmd.add(mainClass);
		cmd.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
		Path log = root.resolve(logName);
		pb.redirectOutput(log.toFile());
		if (display != null) pb.environment().put("DISPLAY", display);
		pb.environment().put("DJL_CACHE_DIR", TARGET.resolve("djl-cache").toString());
		pb.environment().put("ENGINE_CACHE_DIR", TARGET.resolve("djl-cache").toString());
		Process p = pb.start();
		boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		if (!done) p.destroyForcibly().waitFor();
		String out = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		return new Result(done ? p.exitValue() : -1, out, done);
	}

	/** Saves a picture of the whole X screen (needs ImageMagick's import); false if it can't. */
	boolean screenshot(Path png) throws IOException, InterruptedException {
		String imp = which("import");
		if (imp == null || display == null) return false;
		ProcessBuilder pb = new ProcessBuilder(imp, "-window", "root", png.toString()).redirectErrorStream(true);
		pb.environment().put("DISPLAY", display);
		Process p = pb.start();
		return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
	}

	static final class Result {

		final int exitCode;
		final String output;
		final boolean finished;

		Result(int exitCode, String output, boolean finished) {
			this.exitCode = exitCode;
			this.output = output;
			this.finished = finished;
		}
	}

	static String which(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
			Path p = Paths.get(dir, program);
			if (Files.isExecutable(p)) return p.toString();
		}
		return null;
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			s.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
		}
	}

	@Override
	public void close() {
		if (xvfb != null) xvfb.destroy();
	}
}
