package io.github.steeldefects.data;

import java.nio.file.Path;

import io.github.steeldefects.InputException;

/**
 * Image ids are plain file names inside the images folder ({@code 0002cc93b.jpg}). An id that
 * names a path ({@code ../x.jpg}, {@code /etc/x.jpg}, {@code a/b.jpg}) is refused before any file
 * is touched, so that a CSV can never make us read or write outside the folders we were given.
 */
public final class ImageIds {

	private ImageIds() {}

	/** True when {@code id} is a plain file name: no folder part, no "." or "..", no control characters. */
	public static boolean isPlainFileName(String id) {
		if (id == null || id.isEmpty() || id.equals(".") || id.equals("..")) return false;
		if (!id.equals(id.strip())) return false;
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			// ':' would name a drive or an alternate stream on Windows
			if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f) return false;
		}
		return true;
	}

	/**
	 * Returns {@code id} when it is a plain file name, else fails with a sentence naming the file
	 * and line it came from.
	 */
	public static String check(String id, Path file, int line) {
		if (!isPlainFileName(id)) throw new InputException(file + " line " + line + ": image id '" + printable(id) +
			"' is not a plain file name; image ids must name a file directly inside the images folder, like 0002cc93b.jpg.");
		return id;
	}

	/** The file of a checked image id inside {@code folder}. */
	public static Path resolve(Path folder, String id) {
		if (!isPlainFileName(id)) throw new IllegalArgumentException("not a plain file name: " + id);
		Path p = folder.resolve(id);
		if (!folder.equals(p.getParent())) throw new IllegalArgumentException("not a plain file name: " + id);
		return p;
	}

	/** The id without its extension ({@code 0002cc93b.jpg} -> {@code 0002cc93b}). */
	public static String stem(String id) {
		int dot = id.lastIndexOf('.');
		return dot > 0 ? id.substring(0, dot) : id;
	}

	static String printable(String s) {
		if (s == null) return "";
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < s.length() && i < 80; i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
			else sb.append(c);
		}
		if (s.length() > 80) sb.append("...");
		return sb.toString();
	}
}
