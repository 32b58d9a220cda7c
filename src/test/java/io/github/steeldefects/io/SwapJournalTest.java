package io.github.steeldefects.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file set (split's three lists, masks' PNGs) whose writer is killed in the middle of its final swap
 * (one rename per file): the next start finishes it from the journal written before the first rename,
 * so readers see the whole new set, never new files beside old ones. Each kill point is laid out on
 * disk as writeAll leaves it (its temporary folder, the journal, the renames done so far, the lock
 * released with the dead process); "the next start" is any later write into that folder.
 */
class SwapJournalTest {

	@TempDir
	Path dir;

	static final List<String> NAMES = List.of("x_train.csv", "x_val.csv", "x_test.csv");

	/** The old set in place, then a writer of the new set killed after {@code done} whole swaps (and half of the next). */
	static Path killedSwap(Path folder, int done, boolean halfOfNext, boolean undoing) throws IOException {
		List<Path> set = new ArrayList<>();
		for (String n : NAMES) set.add(folder.resolve(n));
		AtomicFiles.writeAll(set, false, (i, out) -> out.write(("old " + i).getBytes(StandardCharsets.UTF_8)));
		Path work = AtomicFiles.createTempFolder(folder, "." + NAMES.get(0) + ".set.");
		Files.createFile(work.resolve(AtomicFiles.FOLDER_LOCK)); // its lock went with the killed process
		Path fresh = Files.createDirectory(work.resolve("new")), kept = Files.createDirectory(work.resolve("old"));
		for (int i = 0; i < set.size(); i++) Files.writeString(fresh.resolve(i + ".part"), "new " + i);
		AtomicFiles.writeJournal(work, set, new boolean[] { true, true, true });
		for (int i = 0; i < done; i++) {
			Files.move(set.get(i), kept.resolve(i + ".old"), StandardCopyOption.ATOMIC_MOVE);
			Files.move(fresh.resolve(i + ".part"), set.get(i), StandardCopyOption.ATOMIC_MOVE);
		}
		if (halfOfNext) Files.move(set.get(done), kept.resolve(done + ".old"), StandardCopyOption.ATOMIC_MOVE);
		if (undoing) Files.move(work.resolve(AtomicFiles.JOURNAL), work.resolve(AtomicFiles.JOURNAL_BACK));
		return work;
	}

	static List<String> contents(Path folder) throws IOException {
		List<String> out = new ArrayList<>();
		for (String n : NAMES) out.add(Files.exists(folder.resolve(n)) ? Files.readString(folder.resolve(n)) : "(missing)");
		return out;
	}

	static long hidden(Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> p.getFileName().toString().startsWith(".")).count();
		}
	}

	@Test
	void aSwapKilledBetweenItsRenamesIsRolledForwardOnTheNextStart() throws IOException {
		for (int done = 0; done <= 3; done++) {
			for (boolean half : new boolean[] { false, true }) {
				if (half && done == 3) continue;
				Path folder = Files.createDirectories(dir.resolve("kill-" + done + (half ? "-half" : "")));
				killedSwap(folder, done, half, false);
				List<String> left = contents(folder);
				if (done > 0 && done < 3 || half) assertTrue(!left.equals(List.of("old 0", "old 1", "old 2"))
					&& !left.equals(List.of("new 0", "new 1", "new 2")), "the kill left a mixed set: " + left);
				AtomicFiles.writeString(folder.resolve("notes.txt"), false, "next start");
				assertEquals(List.of("new 0", "new 1", "new 2"), contents(folder), "killed after " + done + " swaps" + (half ? " and a half" : ""));
				assertEquals(0, hidden(folder), "the temporary folder is gone");
			}
		}
	}

	@Test
	void aKillWhileUndoingAFailedSwapIsRolledBack() throws IOException {
		for (int done = 1; done <= 2; done++) {
			Path folder = Files.createDirectories(dir.resolve("undo-" + done));
			killedSwap(folder, done, true, true);
			// the next writeAll of the same set finishes the undo first, then writes its own set
			AtomicFiles.removeLeftovers(folder, NAMES.get(0));
			assertEquals(List.of("old 0", "old 1", "old 2"), contents(folder), "undone after " + done + " swaps");
			assertEquals(0, hidden(folder));
		}
	}

	@Test
	void aKillBeforeTheFirstRenameKeepsTheOldSet() throws IOException {
		Path folder = Files.createDirectories(dir.resolve("early"));
		Path work = killedSwap(folder, 0, false, false);
		Files.delete(work.resolve(AtomicFiles.JOURNAL)); // killed while the new files were still being written
		AtomicFiles.removeLeftovers(folder, NAMES.get(0));
		assertEquals(List.of("old 0", "old 1", "old 2"), contents(folder));
		assertEquals(0, hidden(folder));
	}

	@Test
	void aLiveWritersFolderIsLeftAlone() throws IOException {
		Path folder = Files.createDirectories(dir.resolve("live"));
		Path work = killedSwap(folder, 1, false, false);
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(work.resolve(AtomicFiles.FOLDER_LOCK),
			java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = ch.lock())
		{
			AtomicFiles.writeString(folder.resolve("notes.txt"), false, "meanwhile");
			assertTrue(Files.isDirectory(work), "a running writer's swap is not touched");
			assertEquals(List.of("new 0", "old 1", "old 2"), contents(folder));
		}
	}
}
