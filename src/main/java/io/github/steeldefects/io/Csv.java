package io.github.steeldefects.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

	/**
	 * Reads a CSV file with a header line; blank lines are skipped. The bytes must be UTF-8 text
	 * (a byte order mark is dropped); anything else is refused naming the line and byte offset.
	 * One pass over the file: time grows linearly with its size, whatever its quoting.
	 */
	public static Csv read(Path file) {
		if (Files.isDirectory(file)) throw new InputException(file + " is a folder; give the path of a CSV file.");
		byte[] bytes = IoFaults.readAllBytes(file, file + " does not exist; give the path of an existing CSV file.");
		return parse(file, decode(file, bytes));
	}

	/** Strict UTF-8 decoding; a malformed byte is named by line and byte offset. */
	static String decode(Path file, byte[] bytes) {
		CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		CharBuffer out = CharBuffer.allocate(bytes.length + 1);
		CoderResult cr = dec.decode(in, out, true);
		if (!cr.isError()) cr = dec.flush(out);
		if (cr.isError()) {
			int at = in.position();
			int line = 1;
			for (int i = 0; i < at; i++) if (bytes[i] == '\n') line++;
			throw new InputException(file + " is not UTF-8 text: line " + line + " (byte " + at +
				") holds an invalid UTF-8 sequence; save it as UTF-8 CSV.");
		}
		out.flip();
		String text = out.toString();
		if (text.indexOf('\0') >= 0) {
			int line = 1;
			for (int i = 0, n = text.indexOf('\0'); i < n; i++) if (text.charAt(i) == '\n') line++;
			throw new InputException(file + " is not CSV text: line " + line + " holds a NUL byte; give a UTF-8 CSV file.");
		}
		return text;
	}

	/** Parses CSV text in one pass; a quoted field may span lines. */
	static Csv parse(Path file, String text) {
		List<String> header = null;
		List<String[]> rows = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		int i = text.startsWith("\uFEFF") ? 1 : 0;
		int n = text.length();
		int lineNo = 1;
		List<String> fields = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		while (i <= n) {
			int startLine = lineNo;
			fields.clear();
			cur.setLength(0);
			boolean quoted = false;
			boolean anyText = false;
			// one record
			while (true) {
				if (i >= n) {
					if (quoted) throw new InputException(file + " line " + startLine +
						": a quoted field is never closed; add the missing double quote.");
					break;
				}
				char c = text.charAt(i++);
				if (quoted) {
					if (c == '"') {
						if (i < n && text.charAt(i) == '"') {
							cur.append('"');
							i++;
						}
						else quoted = false;
					}
					else {
						if (c == '\n') lineNo++;
						cur.append(c);
					}
				}
				else if (c == '"') {
					quoted = true;
					anyText = true;
				}
				else if (c == ',') {
					fields.add(cur.toString());
					cur.setLength(0);
					anyText = true;
				}
				else if (c == '\n') {
					lineNo++;
					break;
				}
				else if (c != '\r') {
					cur.append(c);
					if (!Character.isWhitespace(c)) anyText = true;
				}
			}
			fields.add(cur.toString());
			boolean atEnd = i >= n;
			if (anyText) {
				if (header == null) header = fields.stream().map(String::trim).toList();
				else {
					if (fields.size() != header.size()) throw new InputException(file + " line " + startLine + " has " +
						fields.size() + " fields but the header has " + header.size() + "; make every line match the header.");
					rows.add(fields.toArray(new String[0]));
					lines.add(startLine);
				}
			}
			if (atEnd) break;
		}
		if (header == null) throw new InputException(file + " is empty; it needs a header line.");
		return new Csv(file, header, rows, lines);
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
		w.write(String.join(",", fields.stream().map(Csv::quote).toList()));
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
