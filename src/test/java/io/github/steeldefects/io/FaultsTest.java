package io.github.steeldefects.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.cli.Main;
import io.github.steeldefects.split.SeverstalTables;

/**
 * Faults while writing: a file set is all or nothing whatever fails (an injected failure, a file
 * that cannot be replaced, a full disk), modes follow the umask, and the command line says the
 * real cause with exit code 1.
 */
class FaultsTest {

	@TempDir
	Path dir;

	private static final List<String> NAMES = List.of("x_train.csv", "x_val.csv", "x_test.csv");

	private List<Path> targets(Path folder) {
		return NAMES.stream().map(folder::resolve).toList();
	}

	private void oldSet(Path folder) throws IOException {
		Files.createDirectories(folder);
		for (String n : NAMES) Files.writeString(folder.resolve(n), "old " + n + "\n");
	}

	private void assertOldSet(Path folder) throws IOException {
		for (String n : NAMES) assertEquals("old " + n + "\n", Files.readString(folder.resolve(n)), n);
		try (Stream<Path> s = Files.list(folder)) {
			assertEquals(3, s.count(), "no temporary file or folder left beside the set");
		}
	}

	@Test
	void aSetThatFailsOnItsLastFileLeavesThePreviousSet() throws IOException {
		Path folder = dir.resolve("split");
		oldSet(folder);
		UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeAll(targets(folder), true,
			(i, out) -> {
				out.write(("new " + i + "\n").getBytes(StandardCharsets.UTF_8));
				if (i == 2) throw new IOException("No space left on device");
			}));
		assertTrue(e.getMessage().startsWith("No space left on "), e.getMessage());
		assertTrue(e.getMessage().contains("x_test.csv"), e.getMessage());
		assertFalse(e.getMessage().contains("replace or remove"), e.getMessage());
		assertOldSet(folder);
	}

	@Test
	void aSetIsWrittenWholeAndRefusesExistingFilesWithoutOverwrite() throws IOException {
		Path folder = dir.resolve("split");
		AtomicFiles.writeAll(targets(folder), false, (i, out) -> out.write(("new " + i).getBytes(StandardCharsets.UTF_8)));
		for (int i = 0; i < 3; i++) assertEquals("new " + i, Files.readString(targets(folder).get(i)));
		assertThrows(io.github.steeldefects.InputException.class, () -> AtomicFiles.writeAll(targets(folder), false,
			(i, out) -> out.write(1)));
		assertEquals("new 0", Files.readString(targets(folder).get(0)));
	}

	@Test
	void aFileThatCannotBeReplacedLeavesThePreviousSet() throws Exception {
		Path folder = dir.resolve("split");
		oldSet(folder);
		Path last = folder.resolve("x_test.csv");
		assumeTrue(chattr("+i", last), "chattr +i is not supported here (needs root and a file system with attributes)");
		try {
			UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeAll(targets(folder), true,
				(i, out) -> out.write(("new " + i + "\n").getBytes(StandardCharsets.UTF_8))));
			assertTrue(e.getMessage().contains("x_test.csv"), e.getMessage());
			assertTrue(e.getMessage().contains("Permission denied") || e.getMessage().contains("not permitted"), e.getMessage());
		}
		finally {
			chattr("-i", last);
		}
		assertOldSet(folder);
	}

	@Test
	void splitOntoAFullDiskSaysSoAndKeepsThePreviousSplit() throws Exception {
		Path mount = Files.createDirectories(dir.resolve("small"));
		assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()) == 0,
			"mounting a 2 MB tmpfs is not permitted here (needs root)");
		try {
			Path table = SeverstalTables.write(dir.resolve("table.csv"), java.util.Map.of("0", 9000, "3", 9000));
			Path out = mount.resolve("split");
			oldSet(out);
			// fill the disk but for a few kilobytes: the old set stays, the new one cannot fit
			Path filler = mount.resolve("filler");
			try (var o = Files.newOutputStream(filler)) {
				byte[] mb = new byte[1 << 16];
				while (true) o.write(mb);
			}
			catch (IOException full) {
				// the disk is full now
			}
			Files.write(filler, Files.readAllBytes(filler).length > 64 << 10
				? java.util.Arrays.copyOf(Files.readAllBytes(filler), Files.readAllBytes(filler).length - (48 << 10)) : new byte[0]);
			ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
			int code = Main.run(new String[] { "split", "table=" + table, "out=" + out, "overwrite=true", "stratify=none" },
				new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
			String err = e.toString(StandardCharsets.UTF_8).strip();
			assertEquals(1, code, err);
			assertTrue(err.startsWith("Failed: No space left on " + mount), err);
			assertEquals(1, err.split("\\R").length, err);
			assertOldSet(out);
		}
		finally {
			run("umount", mount.toString());
		}
	}

	@Test
	void aBodyThatNeverFlushesIsWrittenWhole() throws IOException {
		byte[] bytes = new byte[200_000];
		new java.util.Random(1).nextBytes(bytes);
		Path f = dir.resolve("raw.bin");
		AtomicFiles.write(f, false, out -> out.write(bytes)); // no flush, no close
		assertEquals(java.util.Arrays.hashCode(bytes), java.util.Arrays.hashCode(Files.readAllBytes(f)));
		AtomicFiles.write(f, true, out -> {
			out.write(bytes, 0, 10);
			out.close(); // a body that closes its stream
		});
		assertEquals(10, Files.size(f));
	}

	@Test
	void filesAndFoldersFollowTheUmask() throws IOException {
		// the umask of this process, as the operating system applies it to a plain new file and folder
		Set<PosixFilePermission> fileMode = Files.getPosixFilePermissions(Files.createFile(dir.resolve("probe")));
		Set<PosixFilePermission> folderMode = Files.getPosixFilePermissions(Files.createDirectory(dir.resolve("probe-dir")));
		Path f = dir.resolve("out/a.csv");
		AtomicFiles.writeString(f, false, "x\n");
		assertEquals(PosixFilePermissions.toString(fileMode), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
		AtomicFiles.writeAll(List.of(dir.resolve("set/a"), dir.resolve("set/b")), false, (i, out) -> out.write(i));
		assertEquals(PosixFilePermissions.toString(fileMode),
			PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("set/b"))));
		AtomicFiles.writeFolder(dir.resolve("folder"), false, tmp -> Files.writeString(tmp.resolve("x"), "x"));
		assertEquals(PosixFilePermissions.toString(folderMode),
			PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("folder"))));
		assertEquals(PosixFilePermissions.toString(folderMode),
			PosixFilePermissions.toString(Files.getPosixFilePermissions(AtomicFiles.createTempFolder(dir, "t"))));
	}

	@Test
	void anOutputBehindAFileIsAnIoFaultNamingTheFile() throws IOException {
		Path file = Files.writeString(dir.resolve("plain"), "x");
		UncheckedIOException e = assertThrows(UncheckedIOException.class,
			() -> AtomicFiles.checkWritable(List.of(file.resolve("deeper/out.csv")), false));
		assertTrue(e.getMessage().startsWith(file + " is a file, not a folder"), e.getMessage());
		e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(file.resolve("out.csv"), true, "x"));
		assertTrue(e.getMessage().contains(file + " is a file, not a folder"), e.getMessage());
	}

	@Test
	void aReadOnlyFolderIsAnIoFaultWithTheRealCause() throws Exception {
		Path ro = Files.createDirectories(dir.resolve("ro"));
		assumeTrue(chattr("+i", ro), "chattr +i is not supported here (needs root and a file system with attributes)");
		try {
			ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
			Path table = SeverstalTables.write(dir.resolve("table.csv"), java.util.Map.of("0", 20, "3", 20));
			int code = Main.run(new String[] { "split", "table=" + table, "out=" + ro, "stratify=none" },
				new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
			String err = e.toString(StandardCharsets.UTF_8).strip();
			assertEquals(1, code, err);
			assertTrue(err.startsWith("Failed: Permission denied while writing " + ro), err);
		}
		finally {
			chattr("-i", ro);
		}
		try (Stream<Path> s = Files.list(ro)) {
			assertEquals(0, s.count());
		}
	}

	static boolean chattr(String flag, Path p) throws Exception {
		return run("chattr", flag, p.toString()) == 0;
	}

	static int run(String... cmd) throws Exception {
		try {
			Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			return p.waitFor();
		}
		catch (IOException e) {
			return -1; // the tool is not there
		}
	}
}
