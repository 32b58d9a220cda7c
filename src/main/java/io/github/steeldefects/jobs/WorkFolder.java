package io.github.steeldefects.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.Progress;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.IoFaults;

/**
 * The work folder {@code <out>.training} of one training, held under an exclusive lock
 * ({@link FileChannel#tryLock} on {@code <out>.training/.lock}) for as long as the training runs:
 * a second training into the same {@code out=} is refused with one sentence, instead of the two
 * replacing each other's checkpoints. The operating system drops the lock when the process dies
 * (kill -9 included), so a killed run never blocks the next one.
 * <p>
 * Once locked, leftovers of killed runs into the same {@code out=} are removed: temporary export
 * folders ({@code .<out>-export-*}) and temporary files ({@code .<out>.*.part}) beside it that are
 * older than the lock.
 */
final class WorkFolder implements AutoCloseable {

	static final String LOCK = ".lock";

	/**
	 * Work folders this JVM holds: asked again, they are refused without opening the lock file a
	 * second time (closing a second channel would drop the first one's operating-system lock).
	 */
	private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Path folder;
	private final FileChannel channel;
	private final FileLock lock;

	private final FileTime since;

	private WorkFolder(Path folder, FileChannel channel, FileLock lock, FileTime since) {
		this.folder = folder;
		this.channel = channel;
		this.lock = lock;
		this.since = since;
	}

	/** Locks the work folder of {@code out} (creating it) or refuses: another training is running into it. */
	static WorkFolder lock(Path out, Path folder) {
		FileChannel ch = null;
		Path key = folder.toAbsolutePath().normalize();
		if (!HELD.add(key)) throw refusal(out, folder);
		try {
			AtomicFiles.createFolders(folder);
			ch = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock l;
			try {
				l = ch.tryLock();
			}
			catch (OverlappingFileLockException e) {
				l = null; // held by this very JVM (another command still running)
			}
			if (l == null) {
				ch.close();
				HELD.remove(key);
				throw refusal(out, folder);
			}
			// the time the lock was taken is kept in memory: touching the lock file (setLastModifiedTime opens and
			// closes it) would drop the lock, which the operating system ties to every descriptor of the file
			return new WorkFolder(folder, ch, l, FileTime.fromMillis(System.currentTimeMillis()));
		}
		catch (IOException | RuntimeException e) {
			HELD.remove(key);
			try {
				if (ch != null) ch.close();
			}
			catch (IOException ignored) {
				// nothing more to release
			}
			if (e instanceof IOException io) throw IoFaults.unchecked("locking the work folder", folder, io);
			throw (RuntimeException) e;
		}
	}

	private static InputException refusal(Path out, Path folder) {
		return new InputException("Another training is running into " + out + " (it holds " + folder.resolve(LOCK)
			+ "); wait for it to finish, or give another out=.");
	}

	Path folder() {
		return folder;
	}

	static final String PREVIOUS = ".previous";

	/**
	 * A fresh start (resume=false): what an earlier run left (its checkpoints, its fingerprint) moves
	 * into {@value #PREVIOUS}, to come back with {@link #restorePrevious()} when this run fails on bad
	 * input before writing a checkpoint of its own (e.g. a damaged image found while computing features).
	 */
	void setAsidePrevious() throws IOException {
		Path previous = folder.resolve(PREVIOUS);
		AtomicFiles.deleteTree(previous);
		List<Path> entries = new ArrayList<>();
		try (Stream<Path> s = Files.list(folder)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				if (!n.equals(LOCK) && !n.equals(PREVIOUS)) entries.add(p);
			}
		}
		if (entries.isEmpty()) return;
		Files.createDirectory(previous);
		for (Path p : entries) Files.move(p, previous.resolve(p.getFileName().toString()));
	}

	/** Puts the earlier run's files back, unless this run has written a checkpoint meanwhile. */
	void restorePrevious() {
		Path previous = folder.resolve(PREVIOUS);
		if (!Files.isDirectory(previous) || Files.exists(folder.resolve("checkpoints"))) return;
		try (Stream<Path> s = Files.list(previous)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				Path back = folder.resolve(p.getFileName().toString());
				AtomicFiles.deleteTree(back);
				Files.move(p, back);
			}
			Files.delete(previous);
		}
		catch (IOException e) {
			// the earlier run's files stay in .previous: nothing is lost
		}
	}

	/** Removes what killed runs into {@code out} left beside it (older than this lock). */
	void cleanLeftovers(Path out, Progress progress) {
		Path parent = out.getParent();
		if (parent == null || !Files.isDirectory(parent)) return;
		String name = out.getFileName().toString();
		int removed = 0;
		try (Stream<Path> s = Files.list(parent)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				String n = p.getFileName().toString();
				boolean ours = n.startsWith("." + name + "-export-") || n.startsWith("." + name + ".") && n.endsWith(".part")
					|| n.startsWith("." + name + ".old.");
				if (!ours) continue;
				try {
					if (Files.getLastModifiedTime(p).compareTo(since) >= 0) continue;
				}
				catch (IOException e) {
					continue;
				}
				AtomicFiles.deleteTree(p);
				removed++;
			}
		}
		catch (IOException e) {
			return; // leftovers are only clutter
		}
		if (removed > 0) progress.log("Removed " + removed + " leftover(s) of an interrupted run beside " + out + ".");
	}

	/** Deletes the work folder (the training is complete) and releases the lock. */
	void finish() {
		AtomicFiles.deleteTree(folder);
		close();
	}

	private boolean closed;

	@Override
	public void close() {
		if (closed) return;
		closed = true;
		try {
			if (lock.isValid()) lock.release();
			channel.close();
		}
		catch (IOException ignored) {
			// the lock goes with the channel
		}
		finally {
			HELD.remove(folder.toAbsolutePath().normalize());
		}
	}
}
