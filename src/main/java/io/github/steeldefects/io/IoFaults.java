package io.github.steeldefects.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

import io.github.steeldefects.InputException;

/**
 * The one place that turns an I/O fault into a sentence in plain words with its real cause ("no
 * space left on /data while writing x_train.csv"), so that every command says it the same way.
 * I/O faults are not bad input: the command line exits with 1 on them.
 */
public final class IoFaults {

	private IoFaults() {}

	/**
	 * One sentence: what was done ({@code "writing"}, {@code "reading"}, ...) on which file, and why
	 * it failed.
	 */
	public static String message(String doing, Path file, IOException e) {
		String cause = cause(e);
		String reason = reasonText(e).toLowerCase(Locale.ROOT);
		if (reason.contains("no space left") || reason.contains("disk quota")) {
			return "No space left on " + where(file) + " while " + doing + " " + file +
				"; free some space there or write to another disk.";
		}
		if (reason.contains("read-only file system")) {
			return "The file system of " + file + " is read-only (" + doing + " it failed); write somewhere else.";
		}
		String pseudo = doing.startsWith("reading") ? null : pseudoFileSystem(e, file);
		if (pseudo != null) return pseudo + "; choose a folder on a disk.";
		if (e instanceof AccessDeniedException || reason.contains("permission denied") || reason.contains("operation not permitted")) {
			return "Permission denied while " + doing + " " + file + " (" + at(e, file) +
				" cannot be changed by this user, or is read-only or immutable); choose a folder you can write to.";
		}
		if (e instanceof NotDirectoryException || reason.contains("not a directory")
			|| e instanceof FileAlreadyExistsException && Files.isRegularFile(Path.of(((FileSystemException) e).getFile()))) {
			Path at = at(e, file);
			Path blocker = firstFileOnTheWay(at);
			return (blocker != null ? blocker : at) + " is a file, not a folder, so " + file +
				" cannot be created there; give an output inside a folder.";
		}
		if (e instanceof NoSuchFileException) {
			return "While " + doing + " " + file + ": " + cause + " does not exist (was it removed meanwhile?).";
		}
		return "I/O error while " + doing + " " + file + ": " + cause + ".";
	}

	/** The same sentence, wrapped for throwing out of code that cannot throw IOException. */
	public static UncheckedIOException unchecked(String doing, Path file, IOException e) {
		return new UncheckedIOException(message(doing, file, e), e);
	}

	/**
	 * All bytes of {@code file}; a missing file is bad input ({@code ifMissing}, an {@code InputException}),
	 * any other fault an I/O fault with its real cause.
	 */
	public static byte[] readAllBytes(Path file, String ifMissing) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new InputException(ifMissing);
		}
		catch (IOException e) {
			throw unchecked("reading", file, e);
		}
	}

	/** The plain text of an I/O failure as the command line shows it. */
	public static String text(UncheckedIOException e) {
		IOException io = e.getCause();
		String m = e.getMessage();
		if (m == null || io != null && (m.equals(io.toString()) || m.equals(io.getMessage()))) {
			Path file = at(io, null);
			return file != null ? message("accessing", file, io) : "I/O error: " + cause(io) + ".";
		}
		return m;
	}

	/** The file the fault names, else {@code file}. */
	private static Path at(IOException e, Path file) {
		return e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : file;
	}

	private static String reasonText(IOException e) {
		StringBuilder sb = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof FileSystemException f && f.getReason() != null) sb.append(f.getReason()).append(' ');
			if (t.getMessage() != null) sb.append(t.getMessage()).append(' ');
		}
		return sb.toString();
	}

	private static String cause(IOException e) {
		if (e == null) return "unknown cause";
		if (e instanceof FileSystemException f) {
			String r = f.getReason();
			String what = f.getFile() == null ? "" : f.getFile();
			if (r == null) return what.isEmpty() ? e.getClass().getSimpleName() : what;
			return what.isEmpty() ? r : what + ": " + r;
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/** Kernel file systems that hold no ordinary files: creating one there fails with a misleading errno. */
	private static final java.util.Set<String> PSEUDO = java.util.Set.of("proc", "sysfs", "cgroup", "cgroup2", "debugfs",
		"tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "devpts", "mqueue", "hugetlbfs", "efivarfs", "autofs",
		"binfmt_misc", "rpc_pipefs", "nsfs");

	/**
	 * "/proc is a proc file system (the kernel's, which holds no files of ours)" when the folder a file
	 * was to go into lies on such a file system (there, creating a file says "No such file or
	 * directory" or "Permission denied", neither of which is the cause); else null.
	 */
	private static String pseudoFileSystem(IOException e, Path file) {
		Path p = at(e, file).toAbsolutePath();
		while (p != null && !Files.isDirectory(p)) p = p.getParent();
		if (p == null) return null;
		try {
			String type = Files.getFileStore(p).type();
			if (type == null || !PSEUDO.contains(type.toLowerCase(Locale.ROOT))) return null;
			return where(p) + " is a " + type + " file system (the kernel's: it cannot hold files a program writes), so "
				+ file + " cannot be written there";
		}
		catch (IOException | RuntimeException x) {
			return null;
		}
	}

	/** The mount point (or at least the folder) holding {@code file}. */
	static String where(Path file) {
		Path p = file.toAbsolutePath();
		while (p != null && !Files.exists(p)) p = p.getParent();
		if (p == null) return String.valueOf(file.toAbsolutePath().getParent());
		try {
			FileStore store = Files.getFileStore(p);
			Path mount = p;
			// walk up while the file store stays the same: the mount point
			for (Path q = p.getParent(); q != null; q = q.getParent()) {
				if (!Files.getFileStore(q).equals(store)) break;
				mount = q;
			}
			return mount.toString();
		}
		catch (IOException e) {
			return p.toString();
		}
	}

	/** The first ancestor of {@code p} (or {@code p} itself) that exists and is not a folder. */
	static Path firstFileOnTheWay(Path p) {
		Path abs = p.toAbsolutePath();
		Path cur = abs.getRoot();
		for (Path part : abs) {
			cur = cur == null ? part : cur.resolve(part);
			if (Files.exists(cur) && !Files.isDirectory(cur)) return cur;
			if (!Files.exists(cur)) return null;
		}
		return null;
	}
}
