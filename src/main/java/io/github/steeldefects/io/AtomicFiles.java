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
		java.util.Set<Path> parents = new java.util.LinkedHashSet<>();
		for (Path p : outputs) {
			if (!overwrite && Files.exists(p)) throw new InputException(p +
				" already exists; choose another output or pass overwrite=true to replace it.");
			Path parent = p.toAbsolutePath().getParent();
			if (parent != null) parents.add(parent);
		}
		for (Path parent : parents) checkFolderWritable(parent, outputs.iterator().next());
	}

	/**
	 * Checks, before any work, that {@code folder} is (or can become) a writable folder; an I/O
	 * fault (a file on the way, a read-only or foreign folder) is an {@link UncheckedIOException}
	 * with the real cause, named for {@code output}.
	 */
	public static void checkFolderWritable(Path folder, Path output) {
		Path abs = folder.toAbsolutePath();
		Path blocker = IoFaults.firstFileOnTheWay(abs);
		if (blocker != null) throw new UncheckedIOException(blocker + " is a file, not a folder, so " + output +
			" cannot be written there; give an output inside a folder.", new java.nio.file.NotDirectoryException(blocker.toString()));
		Path existing = abs;
		while (existing != null && !Files.exists(existing)) existing = existing.getParent();
		if (existing == null) return;
		Path probe = null;
		try {
			probe = createTempFile(existing, ".steel-defects-write-check-", ".part");
		}
		catch (IOException e) {
			throw IoFaults.unchecked("writing", output, e);
		}
		finally {
			deleteQuietly(probe);
		}
	}

	/** Writes one file of a set; {@code index} is the target's place in the list. */
	@FunctionalInterface
	public interface SetBody {
		void write(int index, OutputStream out) throws IOException;
	}

	/**
	 * Writes a set of files in one folder all or nothing: the whole set goes into a temporary folder
	 * beside the targets first; then each target is swapped in, the previous files kept aside until
	 * every swap succeeded. When anything fails, the previous set is put back (and new files that had
	 * no previous one are removed), so readers never see new files beside old ones.
	 */
	public static void writeAll(java.util.List<Path> targets, boolean overwrite, SetBody body) {
		if (targets.isEmpty()) return;
		Path parent = parentOf(targets.get(0));
		for (Path t : targets) if (!parentOf(t).equals(parent)) throw new IllegalArgumentException(
			"a file set is written into one folder: " + t + " is not in " + parent);
		checkWritable(targets, overwrite);
		Path tmp = null;
		java.nio.channels.FileChannel setLock = null;
		int current = -1;
		try {
			createFolders(parent);
			removeLeftovers(parent, targets.get(0).getFileName().toString());
			tmp = createTempFolder(parent, "." + targets.get(0).getFileName() + ".set.");
			setLock = holdFolderLock(tmp);
			Path fresh = Files.createDirectory(tmp.resolve("new"));
			Path kept = Files.createDirectory(tmp.resolve("old"));
			for (int i = 0; i < targets.size(); i++) {
				current = i;
				Path f = fresh.resolve(i + ".part");
				try (OutputStream out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.CREATE_NEW,
					java.nio.file.StandardOpenOption.WRITE))
				{
					body.write(i, out);
				}
			}
			java.util.List<Integer> swapped = new java.util.ArrayList<>();
			java.util.Set<Integer> hadOld = new java.util.HashSet<>();
			try {
				for (int i = 0; i < targets.size(); i++) {
					current = i;
					Path t = targets.get(i);
					if (Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
						if (!overwrite) throw new FileAlreadyExistsException(t.toString());
						Files.move(t, kept.resolve(i + ".old"), StandardCopyOption.ATOMIC_MOVE);
						hadOld.add(i);
					}
					Files.move(fresh.resolve(i + ".part"), t, StandardCopyOption.ATOMIC_MOVE);
					swapped.add(i);
				}
			}
			catch (IOException | RuntimeException e) {
				// put the previous set back, newest swap first
				for (int i = targets.size() - 1; i >= 0; i--) {
					Path t = targets.get(i);
					try {
						if (swapped.contains(i)) Files.deleteIfExists(t);
						if (hadOld.contains(i)) Files.move(kept.resolve(i + ".old"), t, StandardCopyOption.ATOMIC_MOVE);
					}
					catch (IOException again) {
						e.addSuppressed(again);
					}
				}
				throw e;
			}
		}
		catch (FileAlreadyExistsException e) {
			throw new InputException(e.getFile() + " already exists; choose another output or pass overwrite=true to replace it.");
		}
		catch (IOException e) {
			throw IoFaults.unchecked("writing", targets.get(Math.max(current, 0)), e);
		}
		finally {
			closeQuietly(setLock);
			deleteTree(tmp);
		}
	}

	/** The lock file inside a temporary folder; held (locked) while the folder is being filled. */
	static final String FOLDER_LOCK = ".writing";

	private static java.nio.channels.FileChannel holdFolderLock(Path folder) throws IOException {
		java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(folder.resolve(FOLDER_LOCK),
			java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
		ch.lock();
		return ch;
	}

	private static void closeQuietly(java.nio.channels.FileChannel ch) {
		if (ch == null) return;
		try {
			ch.close();
		}
		catch (IOException ignored) {
			// the lock goes with the channel
		}
	}

	/**
	 * Removes what killed writers of {@code name} left in {@code folder}: temporary files
	 * ({@code .name.*.part}) and folders ({@code .name.*} with a lock file) that no live process
	 * holds locked any more. A writer that is still running keeps its lock, so its files stay.
	 */
	public static void removeLeftovers(Path folder, String name) {
		String prefix = "." + name + ".";
		try (Stream<Path> s = Files.list(folder)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				if (!n.startsWith(prefix)) continue;
				if (n.endsWith(".part") && Files.isRegularFile(p)) {
					if (unlocked(p)) deleteQuietly(p);
				}
				else if (Files.isDirectory(p) && Files.isRegularFile(p.resolve(FOLDER_LOCK))) {
					if (unlocked(p.resolve(FOLDER_LOCK))) deleteTree(p);
				}
			}
		}
		catch (IOException | UncheckedIOException e) {
			// leftovers are only clutter
		}
	}

	/** True when no process holds a lock on {@code file}. */
	private static boolean unlocked(Path file) {
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
			java.nio.channels.FileLock l = ch.tryLock();
			if (l == null) return false;
			l.release();
			return true;
		}
		catch (java.nio.channels.OverlappingFileLockException e) {
			return false; // a writer in this very JVM
		}
		catch (IOException e) {
			return false;
		}
	}

	/**
	 * Creates folders that follow the umask, like {@code mkdir -p}; a file on the way is an I/O
	 * fault that says which file.
	 */
	public static void createFolders(Path folder) throws IOException {
		try {
			Files.createDirectories(folder);
		}
		catch (FileAlreadyExistsException e) {
			Path blocker = IoFaults.firstFileOnTheWay(folder);
			throw new java.nio.file.NotDirectoryException(blocker != null ? blocker.toString() : e.getFile());
		}
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/**
	 * A new, empty file with a unique name in {@code folder}, with the mode the umask gives (unlike
	 * {@link Files#createTempFile}, which always gives 0600).
	 */
	public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path p = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
			try {
				return Files.createFile(p);
			}
			catch (FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	/**
	 * A new, empty folder with a unique name in {@code folder}, with the mode the umask gives (unlike
	 * {@link Files#createTempDirectory}, which always gives 0700).
	 */
	public static Path createTempFolder(Path folder, String prefix) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path p = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
			try {
				return Files.createDirectory(p);
			}
			catch (FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	/** Writes bytes to {@code target} atomically. */
	public static void write(Path target, boolean overwrite, Body body) {
		Path parent = parentOf(target);
		if (!overwrite && Files.exists(target)) throw new InputException(target +
			" already exists; choose another output or pass overwrite=true to replace it.");
		Path tmp = null;
		try {
			createFolders(parent);
			if (Files.isDirectory(target)) throw new InputException(target +
				" is a folder; give a file name for this output.");
			removeLeftovers(parent, target.getFileName().toString());
			tmp = createTempFile(parent, "." + target.getFileName() + ".", ".part");
			// the temporary file is locked while it is written: a later run removes it only when its writer is gone
			try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
				java.nio.channels.FileLock held = ch.lock())
			{
				// closed with the channel; a body that closes its stream only flushes it
				java.io.BufferedOutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch),
					1 << 16) {
					@Override
					public void close() throws IOException {
						flush();
					}
				};
				body.write(out);
				out.flush();
				ch.force(false);
			}
			move(tmp, target, overwrite);
			tmp = null;
		}
		catch (IOException e) {
			throw IoFaults.unchecked("writing", target, e);
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
		java.nio.channels.FileChannel folderLock = null;
		try {
			createFolders(parent);
			if (Files.exists(target) && !Files.isDirectory(target)) throw new InputException(target +
				" is a file, not a folder; give a folder path for this output (the file is left as it is).");
			removeLeftovers(parent, target.getFileName().toString());
			tmp = createTempFolder(parent, "." + target.getFileName() + ".");
			folderLock = holdFolderLock(tmp);
			body.write(tmp);
			closeQuietly(folderLock);
			folderLock = null;
			Files.deleteIfExists(tmp.resolve(FOLDER_LOCK));
			if (Files.exists(target)) {
				old = createTempFolder(parent, "." + target.getFileName() + ".old.");
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
					Path kept = old;
					old = null;
					throw new UncheckedIOException(IoFaults.message("writing", target, e) + " The previous one is kept as " +
						kept + ".", e);
				}
			}
			throw IoFaults.unchecked("writing", target, e);
		}
		finally {
			closeQuietly(folderLock);
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
