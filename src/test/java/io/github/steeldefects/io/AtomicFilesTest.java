package io.github.steeldefects.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;

class AtomicFilesTest {

	@TempDir
	Path dir;

	@Test
	void neverReplacesAUsersFileUnlessAsked() throws IOException {
		Path f = dir.resolve("table.csv");
		Files.writeString(f, "mine");
		InputException e = assertThrows(InputException.class, () -> AtomicFiles.writeString(f, false, "new"));
		assertTrue(e.getMessage().contains("overwrite=true"), e.getMessage());
		assertEquals("mine", Files.readString(f));
		AtomicFiles.writeString(f, true, "new");
		assertEquals("new", Files.readString(f));
	}

	@Test
	void aFailedWriteLeavesNothingBehind() throws IOException {
		Path f = dir.resolve("out.csv");
		assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeText(f, false, w -> {
			w.write("half");
			throw new IOException("disk full");
		}));
		assertFalse(Files.exists(f));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(0, s.count(), "no temporary file is left");
		}
	}

	@Test
	void foldersAppearWhole() throws IOException {
		Path out = dir.resolve("model");
		AtomicFiles.writeFolder(out, false, tmp -> Files.writeString(tmp.resolve("a.txt"), "a"));
		assertEquals("a", Files.readString(out.resolve("a.txt")));
		assertThrows(InputException.class, () -> AtomicFiles.writeFolder(out, false, tmp -> {}));
		assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeFolder(out, true, tmp -> {
			throw new IOException("crash");
		}));
		assertEquals("a", Files.readString(out.resolve("a.txt")), "a failed replacement keeps the old folder");
		AtomicFiles.writeFolder(out, true, tmp -> Files.writeString(tmp.resolve("b.txt"), "b"));
		assertTrue(Files.exists(out.resolve("b.txt")));
		assertFalse(Files.exists(out.resolve("a.txt")));
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(1, s.count(), "no temporary folder is left");
		}
	}
}
