package io.github.steeldefects.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.steeldefects.InputException;

/**
 * A small RFC 4180 CSV table: a header and rows of strings, with the line number each row came
 * from so that errors can name it. Quoted fields may hold commas and doubled quotes.
 */
public final class Csv {

	private final Path source;
	private final List<String> header;
	private final Map<String, Integer> index = new LinkedHashMap<>();
	private final List<String[]> rows;
	private final List<Integer> lines;

	public Csv(Path source, List<String> header, List<String[]> rows, List<Integer> lines) {
		this.source = source;
		this.header = Collections.unmodifiableList(new ArrayList<>(header));
		for (int i = 0; i < header.size(); i++) index.putIfAbsent(header.get(i), i);
		this.rows = rows;
		this.lines = lines;
	}

	/** Reads a CSV file with a header line; blank lines are skipped. */
	public static Csv read(Path file) {
		try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return parse(file, r);
		}
		catch (NoSuchFileException e) {
			throw new InputException(file + " does not exist; give the path of an existing CSV file.");
		}
		catch (IOException e) {
			throw new InputException(file + " cannot be read (" + e.getMessage() + "); check the path and its permissions.");
		}
	}

	static Csv parse(Path file, BufferedReader r) throws IOException {
		List<String> header = null;
		List<String[]> rows = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		int lineNo = 0;
		String line;
		while ((line = r.readLine()) != null) {
			lineNo++;
			int startLine = lineNo;
			if (header == null && lineNo == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
			// a quoted field may span lines
			while (openQuotes(line)) {
				String next = r.readLine();
				if (next == null) throw new InputException(file + " line " + startLine +
					": a quoted field is never closed; add the missing double quote.");
				lineNo++;
				line = line + "\n" + next;
			}
			if (line.isBlank()) continue;
			List<String> fields = split(line);
			if (header == null) {
				header = new ArrayList<>();
				for (String f : fields) header.add(f.trim());
				continue;
			}
			if (fields.size() != header.size()) throw new InputException(file + " line " + startLine + " has " +
				fields.size() + " fields but the header has " + header.size() + "; make every line match the header.");
			rows.add(fields.toArray(new String[0]));
			lines.add(startLine);
		}
		if (header == null) throw new InputException(file + " is empty; it needs a header line.");
		return new Csv(file, header, rows, lines);
	}

	private static boolean openQuotes(String line) {
		boolean open = false;
		for (int i = 0; i < line.length(); i++)
			if (line.charAt(i) == '"') open = !open;
		return open;
	}

	/** Splits one CSV record into fields. */
	public static List<String> split(String line) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
						cur.append('"');
						i++;
					}
					else quoted = false;
				}
				else cur.append(c);
			}
			else if (c == '"') quoted = true;
			else if (c == ',') {
				out.add(cur.toString());
				cur.setLength(0);
			}
			else if (c != '\r') cur.append(c);
		}
		out.add(cur.toString());
		return out;
	}

	/** Quotes a field when it needs it. */
	public static String quote(String field) {
		if (field == null) return "";
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0)
			return field;
		return '"' + field.replace("\"", "\"\"") + '"';
	}

	/** Writes one record, with a trailing newline. */
	public static void writeRow(Writer w, List<String> fields) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) w.write(',');
			w.write(quote(fields.get(i)));
		}
		w.write('\n');
	}

	/** Writes one record, with a trailing newline. */
	public static void writeRow(Writer w, String... fields) throws IOException {
		writeRow(w, Arrays.asList(fields));
	}

	/** Writes this table atomically. */
	public void write(Path target, boolean overwrite) {
		AtomicFiles.writeText(target, overwrite, w -> {
			writeRow(w, header);
			for (String[] row : rows) writeRow(w, row);
		});
	}

	public Path source() {
		return source;
	}

	public List<String> header() {
		return header;
	}

	public int size() {
		return rows.size();
	}

	public String[] row(int i) {
		return rows.get(i);
	}

	public List<String[]> rows() {
		return Collections.unmodifiableList(rows);
	}

	/** The 1-based line of the file that row {@code i} starts on. */
	public int line(int i) {
		return lines.get(i);
	}

	public boolean has(String column) {
		return index.containsKey(column);
	}

	/** Index of a column, or a clear error naming the file and the columns it has. */
	public int column(String column) {
		Integer i = index.get(column);
		if (i == null) throw new InputException(source + " has no column '" + column + "'; its columns are " +
			String.join(", ", header) + ".");
		return i;
	}

	public String get(int row, String column) {
		return rows.get(row)[column(column)];
	}
}
