package io.github.steeldefects.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.github.steeldefects.cli.Main;

/**
 * One row of the hostile-input catalogue: a command line (with {@code {base}}, {@code {row}} and
 * {@code {img}} standing for the shared good inputs, the row's own folder and the images folder),
 * the files the row puts in its folder first, the exit code and a phrase the message must hold.
 * Every refused row must also leave the shared inputs and its own folder exactly as they were:
 * nothing written, nothing deleted.
 */
final class Catalogue {

	private Catalogue() {}

	static final class Row {
		final String name;
		final String command;
		final List<String> args;
		final Map<String, byte[]> files = new TreeMap<>();
		final List<Consumer<Path>> setups = new ArrayList<>();
		final List<Consumer<Path>> checks = new ArrayList<>();
		int exit = 2;
		String phrase = "";

		Row(String name, String command, String... args) {
			this.name = name;
			this.command = command;
			this.args = Arrays.asList(args);
		}

		/** A file in the row's folder (relative path), given as text. */
		Row file(String path, String text) {
			files.put(path, text.getBytes(StandardCharsets.UTF_8));
			return this;
		}

		/** A file in the row's folder, given as bytes. */
		Row bytes(String path, byte[] bytes) {
			files.put(path, bytes);
			return this;
		}

		/** Anything else to prepare in the row's folder. */
		Row setup(Consumer<Path> s) {
			setups.add(s);
			return this;
		}

		/** A further check on the row's folder after the run. */
		Row check(Consumer<Path> c) {
			checks.add(c);
			return this;
		}

		Row expect(int exit, String phrase) {
			this.exit = exit;
			this.phrase = phrase;
			return this;
		}

		@Override
		public String toString() {
			return name + ": " + command + " " + String.join(" ", args);
		}
	}

	/** What a run printed and returned. */
	record Outcome(int exit, String out, String err) {}

	static Outcome run(Row row, Path base, Path dir, Path images) {
		List<String> argv = new ArrayList<>();
		argv.add(row.command);
		for (String a : row.args)
			argv.add(a.replace("{base}", base.toString()).replace("{row}", dir.toString()).replace("{img}", images.toString()));
		ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
		int code = Main.run(argv.toArray(new String[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
			new PrintStream(e, true, StandardCharsets.UTF_8));
		return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
	}

	/**
	 * Path -> size, mode and (with {@code content}) CRC-32C of the bytes, else the modification time,
	 * of every file and folder under root.
	 */
	static Map<String, String> snapshot(Path root, boolean content) throws IOException {
		Map<String, String> out = new TreeMap<>();
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return out;
		try (Stream<Path> s = Files.walk(root)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String key = root.relativize(p).toString();
				String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
				if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) out.put(key + "/", mode);
				else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
					String what;
					if (content) {
						CRC32C crc = new CRC32C();
						crc.update(Files.readAllBytes(p));
						what = Long.toHexString(crc.getValue());
					}
					else what = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toString();
					out.put(key, Files.size(p) + " " + mode + " " + what);
				}
				else out.put(key, "link");
			}
		}
		return out;
	}
}
