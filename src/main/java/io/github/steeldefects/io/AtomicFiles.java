package io.github.steeldefects.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

import io.github.steeldefects.InputException;

/**
 * Writes outputs so that a reader never sees half a file and a user's file is never replaced
 * unless they asked: everything goes to a temporary sibling first and is renamed into place.
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** Writes a file with the given body. */
	@FunctionalInterface
	public interface Body {
		void write(OutputStream out) throws IOException;
	}

	/** Writes a text file with the given body. */
	@FunctionalInterface
	public interface TextBody {
		void write(Writer out) throws IOException;
	}

	/** Fills a temporary folder that becomes the output folder. */
	@FunctionalInterface
	public interface FolderBody {
		void write(Path folder) throws IOException;
	}

	/**
	 * Fails with one clear sentence when any of the given outputs exists and overwriting was not
	 * asked for. Call it before doing any work, so that nothing is computed in vain.
	 */
	public static void checkWritable(Collection<Path> outputs, boolean overwrite) {
		for (Path p : outputs) {
			if (!overwrite && Files.exists(p)) throw new InputException(p +
				" already exists; choose another output or pass overwrite=true to replace it.");
		}
	}

	/** Writes bytes to {@code target} atomically. */
	public static void write(Path target, boolean overwrite, Body body) {
		Path parent = parentOf(target);
		if (!overwrite && Files.exists(target)) throw new InputException(target +
			" already exists; choose another output or pass overwrite=true to replace it.");
		Path tmp = null;
		try {
			Files.createDirectories(parent);
			tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".part");
			try (OutputStream out = Files.newOutputStream(tmp)) {
				body.write(out);
			}
			move(tmp, target, overwrite);
			tmp = null;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
		}
		finally {
			deleteQuietly(tmp);
		}
	}

	/** Writes UTF-8 text to {@code target} atomically. */
	public static void writeText(Path target, boolean overwrite, TextBody body) {
		write(target, overwrite, out -> {
			Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
			body.write(w);
			w.flush();
		});
	}

	/** Writes a string to {@code target} atomically. */
	public static void writeString(Path target, boolean overwrite, String text) {
		writeText(target, overwrite, w -> w.write(text));
	}

	/**
	 * Builds a whole folder in a temporary sibling and renames it into place; with overwrite, an
	 * existing folder is replaced only after the new one is complete.
	 */
	public static void writeFolder(Path target, boolean overwrite, FolderBody body) {
		Path parent = parentOf(target);
		if (!overwrite && Files.exists(target)) throw new InputException(target +
			" already exists; choose another output or pass overwrite=true to replace it.");
		Path tmp = null;
		Path old = null;
		try {
			Files.createDirectories(parent);
			tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".");
			body.write(tmp);
			if (Files.exists(target)) {
				old = Files.createTempDirectory(parent, "." + target.getFileName() + ".old.");
				Files.delete(old);
				Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
			}
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
			tmp = null;
		}
		catch (IOException e) {
			if (old != null && !Files.exists(target)) {
				try {
					Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
					old = null;
				}
				catch (IOException ignored) {
					// the old folder stays under its temporary name; say where
					throw new UncheckedIOException("Could not write " + target + " (the previous one is kept as " +
						old + "): " + e.getMessage(), e);
				}
			}
			throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
		}
		finally {
			deleteTree(tmp);
			deleteTree(old);
		}
	}

	private static Path parentOf(Path target) {
		Path parent = target.toAbsolutePath().getParent();
		if (parent == null) throw new InputException(target + " is not a file path that can be written.");
		return parent;
	}

	private static void move(Path tmp, Path target, boolean overwrite) throws IOException {
		try {
			if (overwrite) Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			else {
				// rename(2) replaces silently: link + unlink refuses an existing target instead
				try {
					Files.createLink(target, tmp);
					Files.delete(tmp);
				}
				catch (UnsupportedOperationException | IOException e) {
					if (e instanceof FileAlreadyExistsException) throw e;
					Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
				}
			}
		}
		catch (FileAlreadyExistsException e) {
			throw new InputException(target + " already exists; choose another output or pass overwrite=true to replace it.");
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path p) {
		if (p == null) return;
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException ignored) {
			// a stray temporary file is harmless
		}
	}

	/** Deletes a folder tree, quietly; used for temporary folders only. */
	public static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) return;
		try (Stream<Path> s = Files.walk(root)) {
			s.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
		}
		catch (IOException ignored) {
			// best effort
		}
	}
}
