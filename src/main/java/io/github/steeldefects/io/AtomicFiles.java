package io.github.steeldefects.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
			if (!overwrite && Files.exists(p)) throw alreadyExists(p);
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
			" cannot be written there; give an output inside a folder.", new NotDirectoryException(blocker.toString()));
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
	public static void writeAll(List<Path> targets, boolean overwrite, SetBody body) {
		if (targets.isEmpty()) return;
		Path parent = parentOf(targets.get(0));
		for (Path t : targets) if (!parentOf(t).equals(parent)) throw new IllegalArgumentException(
			"a file set is written into one folder: " + t + " is not in " + parent);
		checkWritable(targets, overwrite);
		Path tmp = null;
		FileChannel setLock = null;
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
				try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
					body.write(i, out);
				}
			}
			boolean[] hadOld = new boolean[targets.size()];
			for (int i = 0; i < targets.size(); i++) {
				hadOld[i] = Files.exists(targets.get(i), LinkOption.NOFOLLOW_LINKS);
				if (hadOld[i] && !overwrite) throw new FileAlreadyExistsException(targets.get(i).toString());
			}
			// the journal, written before the first rename, lets the next start finish a swap a kill interrupted
			writeJournal(tmp, targets, hadOld);
			try {
				for (int i = 0; i < targets.size(); i++) {
					current = i;
					Path t = targets.get(i);
					if (hadOld[i]) Files.move(t, kept.resolve(i + ".old"), StandardCopyOption.ATOMIC_MOVE);
					Files.move(fresh.resolve(i + ".part"), t, StandardCopyOption.ATOMIC_MOVE);
				}
				deleteQuietly(tmp.resolve(JOURNAL));
			}
			catch (IOException | RuntimeException e) {
				// put the previous set back: the journal turns to "back" first, so a kill meanwhile is rolled back too
				try {
					Files.move(tmp.resolve(JOURNAL), tmp.resolve(JOURNAL_BACK), StandardCopyOption.ATOMIC_MOVE);
					finishSwap(tmp);
				}
				catch (IOException again) {
					e.addSuppressed(again);
				}
				throw e;
			}
		}
		catch (FileAlreadyExistsException e) {
			throw alreadyExists(e.getFile());
		}
		catch (IOException e) {
			throw IoFaults.unchecked("writing", targets.get(Math.max(current, 0)), e);
		}
		finally {
			closeQuietly(setLock);
			// a journal left means the previous files could not all be put back: keep them for the next start
			if (tmp != null && !Files.exists(tmp.resolve(JOURNAL)) && !Files.exists(tmp.resolve(JOURNAL_BACK))) deleteTree(tmp);
		}
	}

	/** A file set's swap journal (in its temporary folder): the targets, written before the first rename. */
	static final String JOURNAL = "swap";
	/** The journal once the swap is being undone. */
	static final String JOURNAL_BACK = "swap.back";

	/**
	 * One line per target in set order: {@code 1} or {@code 0} (whether it had a previous file), a
	 * space, and its file name (URL-encoded, so any name fits on a line). Written whole or not at all.
	 */
	static void writeJournal(Path tmp, List<Path> targets, boolean[] hadOld) throws IOException {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < targets.size(); i++) sb.append(hadOld[i] ? '1' : '0').append(' ')
			.append(java.net.URLEncoder.encode(targets.get(i).getFileName().toString(), StandardCharsets.UTF_8)).append('\n');
		Path part = tmp.resolve(JOURNAL + ".part");
		try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
			ch.force(true);
		}
		Files.move(part, tmp.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * Finishes the swap of a file set whose writer stopped between its renames (killed, or failed while
	 * undoing it): forward when the journal is {@value #JOURNAL} (every new file was complete before the
	 * first rename, so the set becomes the new one), back when it is {@value #JOURNAL_BACK} (the previous
	 * files return from {@code old/}, new files that had none are removed). Each step is safe to repeat.
	 *
	 * @return false when the folder holds no journal (the writer stopped before its first rename: the
	 *         previous set is whole and the folder only clutter)
	 */
	static boolean finishSwap(Path tmp) throws IOException {
		Path forwardJournal = tmp.resolve(JOURNAL), backJournal = tmp.resolve(JOURNAL_BACK);
		boolean forward = Files.isRegularFile(forwardJournal);
		if (!forward && !Files.isRegularFile(backJournal)) return false;
		Path journal = forward ? forwardJournal : backJournal;
		List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
		Path parent = tmp.toAbsolutePath().getParent(), fresh = tmp.resolve("new"), kept = tmp.resolve("old");
		LinkOption noFollow = LinkOption.NOFOLLOW_LINKS;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.length() < 3 || line.charAt(1) != ' ') throw new IOException("damaged swap journal " + journal);
			boolean hadOld = line.charAt(0) == '1';
			Path t = parent.resolve(java.net.URLDecoder.decode(line.substring(2), StandardCharsets.UTF_8));
			if (!t.getParent().equals(parent)) throw new IOException("damaged swap journal " + journal);
			Path part = fresh.resolve(i + ".part"), old = kept.resolve(i + ".old");
			if (forward) {
				if (!Files.exists(part, noFollow)) continue; // swapped already
				if (Files.exists(t, noFollow) && !Files.exists(old, noFollow)) Files.move(t, old, StandardCopyOption.ATOMIC_MOVE);
				Files.move(part, t, StandardCopyOption.ATOMIC_MOVE);
			}
			else if (Files.exists(old, noFollow)) Files.move(old, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			else if (!hadOld && !Files.exists(part, noFollow)) Files.deleteIfExists(t); // a new file that had no previous one
		}
		Files.delete(journal);
		return true;
	}

	/** The lock file inside a temporary folder; held (locked) while the folder is being filled. */
	static final String FOLDER_LOCK = ".writing";

	private static FileChannel holdFolderLock(Path folder) throws IOException {
		FileChannel ch = FileChannel.open(folder.resolve(FOLDER_LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		ch.lock();
		return ch;
	}

	private static void closeQuietly(FileChannel ch) {
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
	 * A file set whose writer was killed between its renames (of any name in the folder) is first
	 * finished as its journal says ({@link #finishSwap}), so the set is whole again.
	 */
	public static void removeLeftovers(Path folder, String name) {
		String prefix = "." + name + ".";
		try (Stream<Path> s = Files.list(folder)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				if (n.startsWith(".") && n.contains(".set.") && Files.isDirectory(p) && Files.isRegularFile(p.resolve(FOLDER_LOCK))
					&& unlocked(p.resolve(FOLDER_LOCK)))
				{
					boolean finished;
					try {
						finished = finishSwap(p);
					}
					catch (IOException e) {
						continue; // the previous files may live in it: keep it
					}
					// another set's folder without a journal is left to that set's next writer
					if (finished && !n.startsWith(prefix)) deleteTree(p);
				}
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
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
			FileLock l = ch.tryLock();
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
			throw new NotDirectoryException(blocker != null ? blocker.toString() : e.getFile());
		}
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/**
	 * A new, empty file with a unique name in {@code folder}, with the mode the umask gives (unlike
	 * {@link Files#createTempFile}, which always gives 0600).
	 */
	public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
		return createUnique(folder, prefix, suffix, false);
	}

	/**
	 * A new, empty folder with a unique name in {@code folder}, with the mode the umask gives (unlike
	 * {@link Files#createTempDirectory}, which always gives 0700).
	 */
	public static Path createTempFolder(Path folder, String prefix) throws IOException {
		return createUnique(folder, prefix, "", true);
	}

	private static Path createUnique(Path folder, String prefix, String suffix, boolean isFolder) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path p = folder.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36) + suffix);
			try {
				return isFolder ? Files.createDirectory(p) : Files.createFile(p);
			}
			catch (FileAlreadyExistsException e) {
				if (attempt > 100) throw e;
			}
		}
	}

	private static InputException alreadyExists(Object output) {
		return new InputException(output + " already exists; choose another output or pass overwrite=true to replace it.");
	}

	/** Writes bytes to {@code target} atomically. */
	public static void write(Path target, boolean overwrite, Body body) {
		Path parent = parentOf(target);
		if (!overwrite && Files.exists(target)) throw alreadyExists(target);
		Path tmp = null;
		try {
			createFolders(parent);
			if (Files.isDirectory(target)) throw new InputException(target +
				" is a folder; give a file name for this output.");
			removeLeftovers(parent, target.getFileName().toString());
			tmp = createTempFile(parent, "." + target.getFileName() + ".", ".part");
			// the temporary file is locked while it is written: a later run removes it only when its writer is gone
			try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE); FileLock held = ch.lock()) {
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
		if (!overwrite && Files.exists(target)) throw alreadyExists(target);
		Path tmp = null;
		Path old = null;
		FileChannel folderLock = null;
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
			throw alreadyExists(target);
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
