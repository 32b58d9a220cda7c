package io.github.steeldefects.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;

class CsvTest {

	@TempDir
	Path dir;

	@Test
	void readsQuotedFieldsAndKnowsLineNumbers() throws IOException {
		Path f = dir.resolve("a.csv");
		Files.writeString(f, "\uFEFFimage_id,note\r\n\r\na.jpg,\"x, \"\"y\"\"\"\nb.jpg,plain\n");
		Csv csv = Csv.read(f);
		assertEquals(2, csv.size());
		assertArrayEquals(new String[] { "a.jpg", "x, \"y\"" }, csv.row(0));
		assertEquals(3, csv.line(0));
		assertEquals(4, csv.line(1));
		assertEquals("plain", csv.get(1, "note"));
	}

	@Test
	void writesWhatItReads() throws IOException {
		Path f = dir.resolve("a.csv");
		Files.writeString(f, "a,b\n\"1,2\",\"q\"\"\"\n");
		Path g = dir.resolve("b.csv");
		Csv.read(f).write(g, false);
		assertEquals("a,b\n\"1,2\",\"q\"\"\"\n", Files.readString(g));
	}

	@Test
	void errorsNameTheFileAndLine() throws IOException {
		Path f = dir.resolve("bad.csv");
		Files.writeString(f, "a,b\n1,2\n1,2,3\n");
		InputException e = assertThrows(InputException.class, () -> Csv.read(f));
		assertTrue(e.getMessage().contains("bad.csv line 3"), e.getMessage());
		e = assertThrows(InputException.class, () -> Csv.read(dir.resolve("none.csv")));
		assertTrue(e.getMessage().contains("none.csv does not exist"), e.getMessage());
		Csv csv = Csv.read(f.resolveSibling("ok.csv").equals(f) ? f : write(dir.resolve("ok.csv"), "a\n1\n"));
		e = assertThrows(InputException.class, () -> csv.column("zz"));
		assertTrue(e.getMessage().contains("no column 'zz'"), e.getMessage());
	}

	private static Path write(Path p, String s) throws IOException {
		Files.writeString(p, s);
		return p;
	}
}
