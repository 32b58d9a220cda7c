package io.github.steeldefects.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.hostile.Catalogue.Outcome;
import io.github.steeldefects.hostile.Catalogue.Row;

/**
 * The hostile-input catalogue: one row per bad input, driven through the command line's own entry
 * ({@link io.github.steeldefects.cli.Main#run}) in this JVM. Each row says the exit code and a phrase
 * the one-sentence message must hold; a refused row must leave every input and its own folder
 * exactly as they were, print one line, and never a stack trace. Rows come from three sources:
 * every CSV input of every command attacked the same way, every option of every command given a
 * value of the wrong kind, and the cases found one by one (masks, ids, model.json, training lists,
 * evaluate's joins, I/O faults). None needs TensorFlow: every refusal happens before it starts.
 */
class HostileInputCatalogueTest {

	@TempDir
	static Path tmp;

	static Path base, images, rowsRoot;
	static String xTrain, xVal, xTest, table, trainCsv;

	@BeforeAll
	static void goodInputs() throws IOException {
		base = Files.createDirectories(tmp.resolve("base"));
		Path data = Files.createDirectories(base.resolve("data"));
		images = Files.createDirectories(data.resolve("train_images"));
		try (Stream<Path> s = Files.list(Path.of("sample-data/train_images"))) {
			for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, images.resolve(p.getFileName()));
		}
		Files.copy(Path.of("sample-data/train.csv"), data.resolve("train.csv"));
		ok("import", "csv=" + data.resolve("train.csv"), "images=" + images, "table=" + base.resolve("table.csv"));
		ok("split", "table=" + base.resolve("table.csv"), "out=" + base.resolve("split"), "rare=merge");
		ok("masks", "csv=" + data.resolve("train.csv"), "images=" + images, "out=" + base.resolve("masks"));
		xTrain = Files.readString(base.resolve("split/x_train.csv"));
		xVal = Files.readString(base.resolve("split/x_val.csv"));
		xTest = Files.readString(base.resolve("split/x_test.csv"));
		table = Files.readString(base.resolve("table.csv"));
		trainCsv = Files.readString(data.resolve("train.csv"));
		// predictions for every test image, as classify writes them
		StringBuilder p = new StringBuilder("image_id,probability,prediction\n");
		for (String[] r : rows(xTest)) p.append(r[0]).append(",0.75,1\n");
		Files.writeString(base.resolve("pred_test.csv"), p);
		// a model folder whose model.json is right; its graph is not (no row gets as far as TensorFlow)
		Path model = Files.createDirectories(base.resolve("fakemodel/variables"));
		Files.writeString(model.resolveSibling("saved_model.pb"), "not a graph");
		Files.writeString(model.resolveSibling("model.json"), modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"inside\""));
		rowsRoot = Files.createDirectories(tmp.resolve("rows"));
	}

	private static void ok(String... args) {
		Outcome o = Catalogue.run(new Row("setup", args[0], java.util.Arrays.copyOfRange(args, 1, args.length)), base, base, base);
		assertEquals(0, o.exit(), o.err());
	}

	static String modelJson(String thresholds, String preprocessing) {
		return "{\"format\": \"steel-defects-model\", \"formatVersion\": 1, \"signature\": \"serving_default\","
			+ " \"inputName\": \"image\", \"outputName\": \"probabilities\", \"inputHeight\": 71, \"inputWidth\": 71,"
			+ " \"channels\": 3, " + preprocessing + ", \"outputs\": 1, \"classNames\": [\"defect\"], " + thresholds
			+ ", \"baseWeights\": \"random\", \"bestEpoch\": 1}";
	}

	/** Data rows of a CSV text (naive split: these files hold no quotes). */
	static List<String[]> rows(String csv) {
		List<String[]> out = new ArrayList<>();
		String[] lines = csv.split("\n");
		for (int i = 1; i < lines.length; i++) if (!lines[i].isBlank()) out.add(lines[i].split(",", -1));
		return out;
	}

	static String header(String csv) {
		return csv.substring(0, csv.indexOf('\n') + 1);
	}

	/** The first data line with the given defect label (0 or 1) of a split list. */
	static String lineWithDefect(String csv, String label) {
		List<String> h = List.of(header(csv).trim().split(","));
		int d = h.indexOf("defect");
		for (String line : csv.split("\n")) {
			String[] f = line.split(",", -1);
			if (f.length > d && f[d].equals(label)) return line;
		}
		throw new IllegalStateException("no line with defect " + label);
	}

	// ---------------------------------------------------------------- the rows

	static List<Row> catalogue() {
		List<Row> rows = new ArrayList<>();
		csvAttacks(rows);
		optionAttacks(rows);
		importAndMasks(rows);
		splitTables(rows);
		trainingLists(rows);
		classifyAndModels(rows);
		evaluateJoins(rows);
		augmentAndEncode(rows);
		ioFaults(rows);
		return rows;
	}

	/** Every CSV input of every command, attacked the same way. */
	static void csvAttacks(List<Row> rows) {
		String[][] inputs = {
			{ "import csv=", "import", "csv={X}", "images={img}", "table={row}/t.csv" },
			{ "masks csv=", "masks", "csv={X}", "images={img}", "out={row}/m" },
			{ "split table=", "split", "table={X}", "out={row}/s" },
			{ "augment csv=", "augment", "images={img}", "csv={X}", "out={row}/a.png" },
			{ "features list=", "features", "images={img}", "list={X}", "out={row}/f.csv", "weights=none", "size=71x71" },
			{ "train train=", "train", "train={X}", "val={base}/split/x_val.csv", "images={img}", "out={row}/model",
				"weights=none", "size=71x71", "epochs=1" },
			{ "train val=", "train", "train={base}/split/x_train.csv", "val={X}", "images={img}", "out={row}/model",
				"weights=none", "size=71x71", "epochs=1" },
			{ "classify list=", "classify", "model={base}/fakemodel", "images={img}", "list={X}", "out={row}/p.csv" },
			{ "evaluate truth=", "evaluate", "predictions={base}/pred_test.csv", "truth={X}", "out={row}/f1.csv" },
			{ "evaluate predictions=", "evaluate", "predictions={X}", "truth={base}/split/x_test.csv", "out={row}/f1.csv" },
			{ "evaluate test=", "evaluate", "model={base}/fakemodel", "images={img}", "test={X}" },
			{ "pipeline data=", "pipeline", "data={row}/d", "out={row}/o", "weights=none", "size=71x71", "epochs=1" },
		};
		StringBuilder manyLines = new StringBuilder("image_id,defect\n\"a.jpg,1\n");
		for (int i = 0; i < 2000; i++) manyLines.append("b").append(i).append(".jpg,0\n");
		byte[] binary = new byte[3000];
		new Random(7).nextBytes(binary);
		binary[0] = (byte) 0xC3;
		binary[1] = (byte) 0x28;
		Object[][] attacks = {
			{ "invalid UTF-8 on line 2", bytes("image_id,defect\na\u0000.jpg,1\n".replace("\u0000", ""), 17, (byte) 0xFF),
				"is not UTF-8 text: line 2" },
			{ "UTF-16 text", "image_id,defect\nx.jpg,1\n".getBytes(StandardCharsets.UTF_16), "is not UTF-8 text" },
			{ "Latin-1 text", "image_id,defect\ncaf\u00e9.jpg,1\n".getBytes(StandardCharsets.ISO_8859_1), "is not UTF-8 text: line 2" },
			{ "binary bytes", binary, "is not UTF-8 text: line 1 (byte 0)" },
			{ "a NUL byte after an id", "image_id,defect\nx.jpg\u0000,1\n".getBytes(StandardCharsets.UTF_8), "NUL byte" },
			{ "an unclosed quote on line 2 of a long file", manyLines.toString().getBytes(StandardCharsets.UTF_8),
				"line 2: a quoted field is never closed" },
			{ "an empty file", new byte[0], "is empty" },
			{ "only a byte order mark", "\uFEFF".getBytes(StandardCharsets.UTF_8), "is empty" },
			{ "blank lines only", "\n \n\r\n".getBytes(StandardCharsets.UTF_8), "is empty" },
			{ "a ragged line", "image_id,defect\na.jpg,1,2,3,4,5,6,7,8,9,10,11\n".getBytes(StandardCharsets.UTF_8),
				"fields but the header has" },
			{ "a folder", null, "is a folder" },
			{ "a missing file", new byte[] {}, "does not exist" },
		};
		for (String[] in : inputs) {
			for (Object[] a : attacks) {
				String what = (String) a[0];
				boolean pipeline = in[1].equals("pipeline");
				String rel = pipeline ? "d/train.csv" : "bad.csv";
				List<String> args = new ArrayList<>();
				for (int i = 2; i < in.length; i++) args.add(in[i].replace("{X}", "{row}/" + rel));
				Row r = new Row(in[0] + " " + what, in[1], args.toArray(new String[0])).expect(2, (String) a[2]);
				if (what.equals("a folder")) r.setup(d -> mkdirs(d.resolve(rel)));
				else if (!what.equals("a missing file")) r.bytes(rel, (byte[]) a[1]);
				if (pipeline) {
					r.setup(d -> link(d.resolve("d/train_images"), images));
					if (what.equals("a missing file")) r.expect(2, "does not hold train.csv");
					if (what.equals("a folder")) r.expect(2, "does not hold train.csv");
					r.check(d -> assertFalse(Files.exists(d.resolve("o")), "pipeline left an out/ folder behind"));
				}
				rows.add(r);
			}
		}
	}

	static byte[] bytes(String text, int at, byte b) {
		byte[] t = text.getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[t.length + 1];
		System.arraycopy(t, 0, out, 0, at);
		out[at] = b;
		System.arraycopy(t, at, out, at + 1, t.length - at);
		return out;
	}

	/** Every option of every command given a value of the wrong kind, unknown and doubled keys. */
	static void optionAttacks(List<Row> rows) {
		for (Commands.Entry e : Commands.available()) {
			List<CommandRunner.Input> inputs = CommandRunner.inputs(e.commandClass());
			List<String> required = new ArrayList<>();
			for (CommandRunner.Input in : inputs) if (in.mustGive()) required.add(in.key() + "=" + dummy(in));
			rows.add(new Row(e.name() + " unknown option", e.name(), with(required, "colour=red")).expect(2, "has no option 'colour'"));
			rows.add(new Row(e.name() + " an option given twice", e.name(), with(required, "zzz=1", "zzz=2"))
				.expect(2, "is given twice"));
			rows.add(new Row(e.name() + " a bare =", e.name(), with(required, "=x")).expect(2, "is not an option"));
			for (CommandRunner.Input in : inputs) {
				Class<?> t = in.type();
				String k = in.key();
				List<String> rest = new ArrayList<>(required);
				rest.removeIf(s -> s.startsWith(k + "="));
				if (t == boolean.class || t == Boolean.class) {
					rows.add(new Row(e.name() + " " + k + "=maybe", e.name(), with(rest, k + "=maybe")).expect(2, "must be true or false"));
				}
				else if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
					rows.add(new Row(e.name() + " " + k + "=ten", e.name(), with(rest, k + "=ten")).expect(2, "must be a whole number"));
					rows.add(new Row(e.name() + " " + k + "=1.5", e.name(), with(rest, k + "=1.5")).expect(2, "must be a whole number"));
					rows.add(new Row(e.name() + " " + k + " past the largest long", e.name(), with(rest, k + "=99999999999999999999"))
						.expect(2, "must be a whole number"));
					if (!in.annotation().min().isEmpty()) rows.add(new Row(e.name() + " " + k + " below its minimum", e.name(),
						with(rest, k + "=" + (long) (Double.parseDouble(in.annotation().min()) - 1))).expect(2, "must lie between"));
				}
				else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
					rows.add(new Row(e.name() + " " + k + "=NaN", e.name(), with(rest, k + "=NaN")).expect(2, "must be a number"));
					rows.add(new Row(e.name() + " " + k + "=Infinity", e.name(), with(rest, k + "=Infinity")).expect(2, "must be a number"));
					rows.add(new Row(e.name() + " " + k + "=0,5", e.name(), with(rest, k + "=0,5")).expect(2, "must be a number"));
				}
				else if (t == String.class) {
					if (!in.choices().isEmpty()) rows.add(new Row(e.name() + " " + k + " not a choice", e.name(),
						with(rest, k + "=bogus")).expect(2, "must be one of"));
					rows.add(new Row(e.name() + " " + k + " with a newline", e.name(), with(rest, k + "=a\nb"))
						.expect(2, "control character"));
				}
				else if (t == java.io.File.class) {
					rows.add(new Row(e.name() + " " + k + " with a NUL", e.name(), with(rest, k + "=a\u0000b"))
						.expect(2, "control character"));
				}
			}
		}
	}

	private static String dummy(CommandRunner.Input in) {
		Class<?> t = in.type();
		if (t == String.class || t == java.io.File.class) return "x";
		if (t == boolean.class || t == Boolean.class) return "false";
		return "1";
	}

	private static String[] with(List<String> rest, String... more) {
		List<String> all = new ArrayList<>(rest);
		all.addAll(List.of(more));
		return all.toArray(new String[0]);
	}

	/** Severstal train.csv and masks: ids, class ids and run-length masks, as the import checks them. */
	static void importAndMasks(List<Row> rows) {
		String h = "ImageId,ClassId,EncodedPixels\n";
		String first = trainCsv.split("\n")[1];
		String id = first.split(",")[0];
		String[][] bad = {
			{ "an unknown header", "Image,Class,Pixels\n" + id + ",1,1 2\n", "unknown header" },
			{ "a ../ id", h + "../x.jpg,1,1 2\n", "is not a plain file name" },
			{ "an absolute id", h + "/etc/x.jpg,1,1 2\n", "is not a plain file name" },
			{ "a folder part in the id", h + "sub/x.jpg,1,1 2\n", "is not a plain file name" },
			{ "a backslash id", h + "..\\x.jpg,1,1 2\n", "is not a plain file name" },
			{ "class id 5", h + id + ",5,1 2\n", "is not one of 1, 2, 3, 4" },
			{ "class id 0", h + id + ",0,1 2\n", "is not one of 1, 2, 3, 4" },
			{ "class id 1.0", h + id + ",1.0,1 2\n", "is not one of 1, 2, 3, 4" },
			{ "class id empty", h + id + ",,1 2\n", "is not one of 1, 2, 3, 4" },
			{ "an unsorted RLE", h + id + ",1,100 2 1 2\n", "sorted" },
			{ "an overlapping RLE", h + id + ",1,1 10 5 2\n", "sorted" },
			{ "an odd RLE", h + id + ",1,1 2 3\n", "" },
			{ "a zero start", h + id + ",1,0 2\n", "" },
			{ "a zero length", h + id + ",1,1 0\n", "" },
			{ "a negative length", h + id + ",1,1 -2\n", "" },
			{ "letters in the RLE", h + id + ",1,1 a\n", "" },
			{ "a run past the image", h + id + ",1,409599 10\n", "" },
			{ "a start past the image", h + id + ",1,999999999 1\n", "" },
			{ "a huge number in the RLE", h + id + ",1,1 99999999999999999999\n", "" },
			{ "empty EncodedPixels in the new format", h + id + ",1,\n", "EncodedPixels is empty" },
			{ "the same image and class twice", h + id + ",1,1 2\n" + id + ",1,5 2\n", "second time" },
			{ "an image not in the folder", h + "nothere.jpg,1,1 2\n", "nothere.jpg" },
			{ "old format without class", "ImageId_ClassId,EncodedPixels\n" + id + ",1 2\n", "is not of the form" },
			{ "old format class 9", "ImageId_ClassId,EncodedPixels\n" + id + "_9,1 2\n", "is not one of 1, 2, 3, 4" },
			{ "old format ../ id", "ImageId_ClassId,EncodedPixels\n../" + id + "_1,1 2\n", "is not a plain file name" },
		};
		// overlapping classes are the import's to show, the label masks' to refuse
		rows.add(new Row("masks: overlapping classes", "masks", "csv={row}/train.csv", "images={img}", "out={row}/m")
			.file("train.csv", h + id + ",1,1 10\n" + id + ",2,5 10\n").expect(2, "one class per pixel"));
		for (String[] b : bad) {
			rows.add(new Row("import: " + b[0], "import", "csv={row}/train.csv", "images={img}", "table={row}/t.csv")
				.file("train.csv", b[1]).expect(2, b[2]));
			rows.add(new Row("masks: " + b[0], "masks", "csv={row}/train.csv", "images={img}", "out={row}/m")
				.file("train.csv", b[1]).expect(2, b[2]));
		}
		rows.add(new Row("import: images= is a file", "import", "csv={base}/data/train.csv", "images={base}/table.csv")
			.expect(2, "table.csv"));
		rows.add(new Row("import: images= missing", "import", "csv={base}/data/train.csv", "images={row}/none")
			.expect(2, "none"));
		rows.add(new Row("import: table= exists", "import", "csv={base}/data/train.csv", "images={img}", "table={row}/t.csv")
			.file("t.csv", "mine").expect(2, "overwrite=true"));
		rows.add(new Row("import: limit=-1", "import", "csv={base}/data/train.csv", "images={img}", "limit=-1")
			.expect(2, "limit"));
		rows.add(new Row("masks: out= is the images folder", "masks", "csv={base}/data/train.csv", "images={img}", "out={img}")
			.expect(2, "is the images folder"));
		rows.add(new Row("masks: an existing mask", "masks", "csv={base}/data/train.csv", "images={img}", "out={row}/m")
			.setup(d -> copyTree(base.resolve("masks"), d.resolve("m"))).expect(2, "overwrite=true"));
	}

	/** Tables given to split: the same checks as the import makes. */
	static void splitTables(List<Row> rows) {
		String h = header(table);
		String[] lines = table.split("\n");
		String good = lines[1];
		String[] f = good.split(",", -1);
		String defectLine = null;
		for (int i = 1; i < lines.length; i++) if (lines[i].split(",", -1)[5].equals("1")) {
			defectLine = lines[i];
			break;
		}
		String[] d = defectLine.split(",", -1);
		String[][] bad = {
			{ "a ../ id", replaceField(defectLine, 0, "../" + d[0]), "is not a plain file name" },
			{ "an absolute id", replaceField(defectLine, 0, "/tmp/" + d[0]), "is not a plain file name" },
			{ "an unsorted RLE", replaceField(defectLine, firstRle(d), "100 2 1 2"), "sorted" },
			{ "a wrong defect cell", replaceField(defectLine, 5, "0"), "but the masks say" },
			{ "a wrong total_defects cell", replaceField(defectLine, 10, "4"), "but the masks say" },
			{ "a wrong stratify cell", replaceField(defectLine, 6, "4"), "but the masks say" },
			{ "a defect cell of 2", replaceField(defectLine, 5, "2"), "but the masks say" },
			{ "a duplicated image", defectLine + "\n" + defectLine, "second time" },
		};
		for (String[] b : bad) {
			StringBuilder t = new StringBuilder(h);
			for (int i = 1; i < lines.length; i++) if (!lines[i].equals(defectLine)) t.append(lines[i]).append('\n');
			t.append(b[1]).append('\n');
			rows.add(new Row("split: a table with " + b[0], "split", "table={row}/table.csv", "out={row}/s")
				.file("table.csv", t.toString()).expect(2, b[2]));
		}
		rows.add(new Row("split: a list without a defect column", "split", "table={row}/t.csv", "out={row}/s")
			.file("t.csv", "image_id,x\na.jpg,1\nb.jpg,0\n").expect(2, "has no column 'defect'"));
		rows.add(new Row("split: a list with a ../ id", "split", "table={row}/t.csv", "out={row}/s", "stratify=none")
			.file("t.csv", "image_id,defect\n../a.jpg,1\nb.jpg,0\n").expect(2, "is not a plain file name"));
		rows.add(new Row("split: defect=yes", "split", "table={row}/t.csv", "out={row}/s", "stratify=none")
			.file("t.csv", "image_id,defect\na.jpg,yes\nb.jpg,0\n").expect(2, "yes"));
		rows.add(new Row("split: header only", "split", "table={row}/t.csv", "out={row}/s")
			.file("t.csv", "image_id,defect\n").expect(2, "has no images"));
		rows.add(new Row("split: an existing x_val.csv", "split", "table={base}/table.csv", "out={row}/s", "rare=merge")
			.file("s/x_val.csv", "mine").expect(2, "overwrite=true"));
		rows.add(new Row("split: test=1.5", "split", "table={base}/table.csv", "out={row}/s", "test=1.5").expect(2, "test"));
		rows.add(new Row("split: test=-0.1", "split", "table={base}/table.csv", "out={row}/s", "test=-0.1").expect(2, "test"));
		rows.add(new Row("split: val=1", "split", "table={base}/table.csv", "out={row}/s", "val=1").expect(2, "val"));
		rows.add(new Row("split: unknown stratify column", "split", "table={base}/table.csv", "out={row}/s", "stratify=colour")
			.expect(2, "no column 'colour'"));
	}

	static int col(String csv, String column) {
		int i = List.of(header(csv).trim().split(",")).indexOf(column);
		if (i < 0) throw new IllegalStateException("no column " + column);
		return i;
	}

	static int firstRle(String[] f) {
		for (int c = 1; c <= 4; c++) if (!f[c].isEmpty()) return c;
		throw new IllegalStateException();
	}

	static String replaceField(String line, int i, String v) {
		String[] f = line.split(",", -1);
		f[i] = v;
		return String.join(",", f);
	}

	/** Training lists and settings that can be refused before any feature is computed. */
	static void trainingLists(List<Row> rows) {
		String h = header(xTrain);
		String pos = lineWithDefect(xTrain, "1"), neg = lineWithDefect(xTrain, "0");
		String[] train = { "train", "train={row}/x_train.csv", "val={base}/split/x_val.csv", "images={img}", "out={row}/model",
			"weights=none", "size=71x71", "epochs=1" };
		Object[][] bad = {
			{ "a one-image list", h + pos + "\n", "training needs at least two" },
			{ "no defect image", h + neg + "\n" + neg.replaceFirst("^[^,]+", lineWithDefect(xVal, "0").split(",")[0]) + "\n",
				"holds no defect image" },
			{ "only defect images", h + pos + "\n" + lineWithDefect(xVal, "1") + "\n", "holds only defect images" },
			{ "a duplicated image", xTrain + pos + "\n", "again (first on line" },
			{ "a ../ id", xTrain + replaceField(pos, 0, "../" + pos.split(",")[0]) + "\n", "is not a plain file name" },
			{ "an absolute id", xTrain + replaceField(pos, 0, images.resolve(pos.split(",")[0]).toString()) + "\n",
				"is not a plain file name" },
			{ "an image not in the folder", xTrain + replaceField(pos, 0, "nothere.jpg") + "\n", "nothere.jpg" },
			{ "defect=2", xTrain.replace(pos, replaceField(pos, col(xTrain, "defect"), "2")), "give 0 (no defect) or 1 (defect)" },
			{ "defect empty", xTrain.replace(pos, replaceField(pos, col(xTrain, "defect"), "")), "give 0 (no defect) or 1 (defect)" },
			{ "defect_1=yes", xTrain.replace(pos, replaceField(pos, col(xTrain, "defect_1"), "yes")), "defect_1 'yes'" },
			{ "an empty image_id", xTrain.replace(pos, replaceField(pos, 0, "")), "empty image_id" },
			{ "no defect column", "image_id\n" + pos.split(",")[0] + "\n" + neg.split(",")[0] + "\n", "has no defect column" },
			{ "header only", h, "lists no images" },
		};
		for (Object[] b : bad)
			rows.add(new Row("train: a training list with " + b[0], train[0], rest(train)).file("x_train.csv", (String) b[1])
				.expect(2, (String) b[2]));
		String[] ok = { "train={base}/split/x_train.csv", "val={base}/split/x_val.csv", "images={img}", "out={row}/model",
			"weights=none", "size=71x71", "epochs=1" };
		rows.add(new Row("train: batch=2147483647", "train", with(List.of(ok), "batch=2147483647")).expect(2, "batch=2147483647"));
		rows.add(new Row("train: batch=1", "train", with(List.of(ok), "batch=1")).expect(2, "must lie between 2"));
		rows.add(new Row("train: lr=0", "train", with(List.of(ok), "lr=0")).expect(2, "learning rate must be positive"));
		rows.add(new Row("train: lr=-1", "train", with(List.of(ok), "lr=-1")).expect(2, "learning rate"));
		rows.add(new Row("train: lr=1e9", "train", with(List.of(ok), "lr=1e9")).expect(2, "learning rate must be positive and at most 1"));
		rows.add(new Row("train: lr=2", "train", with(List.of(ok), "lr=2")).expect(2, "at most 1"));
		rows.add(new Row("train: lr=1e99", "train", with(List.of(ok), "lr=1e99")).expect(2, "at most 1"));
		// options of fine-tuning or of the cosine schedule where they would do nothing
		rows.add(new Row("train: bn=train with finetune=0", "train", with(List.of(ok), "bn=train"))
			.expect(2, "bn=train sets the batch norm of fine-tuned Xception blocks, but finetune=0"));
		rows.add(new Row("train: bn=freeze without finetune=", "train", with(List.of(ok), "bn=FREEZE")).expect(2, "give finetune=N"));
		rows.add(new Row("train: warmup=3 with finetune=0", "train", with(List.of(ok), "warmup=3"))
			.expect(2, "warmup=3 warms up the cosine schedule, but this run's learning rate is constant (finetune=0"));
		rows.add(new Row("train: warmup=0 with finetune=0", "train", with(List.of(ok), "warmup=0")).expect(2, "give schedule=cosine"));
		rows.add(new Row("train: warmup=2 with schedule=constant", "train", with(List.of(ok), "finetune=1", "schedule=constant",
			"warmup=2")).expect(2, "(schedule=constant)"));
		rows.add(new Row("train: warmup= longer than the run", "train", with(List.of(ok), "finetune=1", "warmup=5"))
			.expect(2, "warmup=5 is longer than the run (epochs=1)"));
		rows.add(new Row("train: dropout=1", "train", with(List.of(ok), "dropout=1")).expect(2, "dropout"));
		rows.add(new Row("train: epochs=0", "train", with(List.of(ok), "epochs=0")).expect(2, "epochs"));
		rows.add(new Row("train: finetune=15", "train", with(List.of(ok), "finetune=15")).expect(2, "finetune"));
		rows.add(new Row("train: size=70x70", "train", replace(ok, "size=71x71", "size=70x70")).expect(2, "size"));
		rows.add(new Row("train: size=big", "train", replace(ok, "size=71x71", "size=big")).expect(2, "size"));
		rows.add(new Row("train: variants=-1", "train", with(List.of(ok), "variants=-1")).expect(2, "variants"));
		rows.add(new Row("train: variants without augment", "train", with(List.of(ok), "variants=2")).expect(2, "augment=none"));
		rows.add(new Row("train: weights= a missing file", "train", replace(ok, "weights=none", "weights={row}/w.h5"))
			.expect(2, "w.h5"));
		rows.add(new Row("train: weights= not HDF5", "train", replace(ok, "weights=none", "weights={row}/w.h5"))
			.file("w.h5", "not hdf5").expect(2, "w.h5"));
		rows.add(new Row("train: out= exists", "train", ok).file("model/keep.txt", "mine").expect(2, "overwrite=true"));
		rows.add(new Row("train: a bad val= keeps a killed run's checkpoints", "train", replace(ok, "val={base}/split/x_val.csv",
			"val={row}/typo.csv")).file("model.training/checkpoints/epoch-0001/state.json", "{}")
				.file("model.training/run.json", "{}").expect(2, "typo.csv"));
		rows.add(new Row("train: a one-image training list keeps a killed run's checkpoints", "train", train[1], ok[1],
			ok[2], ok[3], ok[4], ok[5], ok[6]).file("x_train.csv", h + neg + "\n")
				.file("model.training/checkpoints/epoch-0001/state.json", "{}").expect(2, "at least two"));
		rows.add(new Row("train: a run already holds the work folder", "train", ok).setup(d -> holdLock(d.resolve("model.training")))
			.expect(2, "Another training is running into"));
		rows.add(new Row("features: batch=0", "features", "images={img}", "out={row}/f.csv", "batch=0").expect(2, "batch"));
		rows.add(new Row("features: a duplicated image", "features", "images={img}", "list={row}/l.csv", "out={row}/f.csv")
			.file("l.csv", xTest + lineWithDefect(xTest, "1") + "\n").expect(2, "again (first on line"));
		rows.add(new Row("features: out= exists", "features", "images={img}", "out={row}/f.csv").file("f.csv", "x")
			.expect(2, "overwrite=true"));
	}

	static java.util.List<java.nio.channels.FileChannel> held = new ArrayList<>();

	/** Another process's lock, as far as this JVM can show it: a lock held on the same file by this JVM. */
	static void holdLock(Path work) {
		try {
			Files.createDirectories(work);
			java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(work.resolve(".lock"),
				java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
			ch.lock();
			held.add(ch);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String[] rest(String[] a) {
		return java.util.Arrays.copyOfRange(a, 1, a.length);
	}

	static String[] replace(String[] a, String from, String to) {
		String[] out = a.clone();
		for (int i = 0; i < out.length; i++) if (out[i].equals(from)) out[i] = to;
		return out;
	}

	/** model.json that does not match itself, and classify's own options. */
	static void classifyAndModels(List<Row> rows) {
		Object[][] models = {
			{ "empty thresholds", modelJson("\"thresholds\": []", "\"preprocessing\": \"inside\""), "\"thresholds\" for 1 output" },
			{ "two thresholds for one output", modelJson("\"thresholds\": [0.5, 0.5]", "\"preprocessing\": \"inside\""),
				"\"thresholds\" for 1 output" },
			{ "threshold 1.5", modelJson("\"thresholds\": [1.5]", "\"preprocessing\": \"inside\""), "threshold 1.5" },
			{ "threshold null", modelJson("\"thresholds\": [null]", "\"preprocessing\": \"inside\""), "threshold NaN" },
			{ "unknown preprocessing", modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"magic\""), "\"magic\"" },
			{ "no preprocessing", modelJson("\"thresholds\": [0.5]", "\"x\": 1"), "has no \"preprocessing\"" },
			{ "outputs 0", modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"inside\"").replace("\"outputs\": 1", "\"outputs\": 0"),
				"\"outputs\": 0" },
			{ "two class names", modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"inside\"").replace("[\"defect\"]",
				"[\"a\", \"b\"]"), "\"classNames\"" },
			{ "a negative input size", modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"inside\"")
				.replace("\"inputHeight\": 71", "\"inputHeight\": -5"), "input size" },
			{ "not JSON", "{not json", "is not a valid model description" },
			{ "a wrong format", "{\"format\": \"keras\"}", "is not a Steel Defects model description" },
			{ "thresholds as text", modelJson("\"thresholds\": \"high\"", "\"preprocessing\": \"inside\""),
				"is not a valid model description" },
			{ "empty", "", "is not a Steel Defects model description" },
		};
		for (Object[] m : models) {
			for (String cmd : new String[] { "classify", "evaluate" }) {
				String[] args = cmd.equals("classify") ? new String[] { "model={row}/m", "images={img}", "out={row}/p.csv" }
					: new String[] { "model={row}/m", "images={img}", "test={base}/split/x_test.csv" };
				rows.add(new Row(cmd + ": model.json with " + m[0], cmd, args).file("m/saved_model.pb", "x")
					.file("m/model.json", (String) m[1]).setup(d -> mkdirs(d.resolve("m/variables"))).expect(2, (String) m[2]));
			}
		}
		rows.add(new Row("classify: a model without variables/", "classify", "model={row}/m", "images={img}")
			.file("m/saved_model.pb", "x").file("m/model.json", modelJson("\"thresholds\": [0.5]", "\"preprocessing\": \"inside\""))
			.expect(2, "has no variables/ folder"));
		rows.add(new Row("classify: a model folder without saved_model.pb", "classify", "model={row}/m", "images={img}")
			.setup(d -> mkdirs(d.resolve("m"))).expect(2, "no saved_model.pb"));
		rows.add(new Row("classify: a missing model folder", "classify", "model={row}/none", "images={img}").expect(2, "does not exist"));
		rows.add(new Row("classify: batch=2147483647", "classify", "model={base}/fakemodel", "images={img}", "batch=2147483647")
			.expect(2, "batch"));
		rows.add(new Row("classify: batch=0", "classify", "model={base}/fakemodel", "images={img}", "batch=0").expect(2, "batch"));
		rows.add(new Row("classify: threshold=high", "classify", "model={base}/fakemodel", "images={img}", "threshold=high")
			.expect(2, "threshold"));
		rows.add(new Row("classify: threshold=1.5", "classify", "model={base}/fakemodel", "images={img}", "threshold=1.5")
			.expect(2, "threshold"));
		rows.add(new Row("classify: out= exists", "classify", "model={base}/fakemodel", "images={img}", "out={row}/p.csv")
			.file("p.csv", "keep").expect(2, "overwrite=true"));
		rows.add(new Row("classify: an empty image folder", "classify", "model={base}/fakemodel", "images={row}/empty")
			.setup(d -> mkdirs(d.resolve("empty"))).expect(2, "holds no JPEG"));
		rows.add(new Row("classify: a list with a ../ id", "classify", "model={base}/fakemodel", "images={img}", "list={row}/l.csv")
			.file("l.csv", "image_id\n../x.jpg\n").expect(2, "is not a plain file name"));
		rows.add(new Row("classify: a list with an absolute id", "classify", "model={base}/fakemodel", "images={img}",
			"list={row}/l.csv").file("l.csv", "image_id\n/etc/passwd\n").expect(2, "is not a plain file name"));
		rows.add(new Row("classify: a list naming an image twice", "classify", "model={base}/fakemodel", "images={img}",
			"list={row}/l.csv").file("l.csv", xTest + lineWithDefect(xTest, "0") + "\n").expect(2, "again (first on line"));
		// two images that would write one heatmap file: refused before the model is opened (fakemodel is no graph)
		byte[] jpeg = read(images.resolve(rows(xTest).get(0)[0]));
		String[][] clashes = { { "a.jpg", "a.JPG" }, { "a.jpg", "a.png" }, { "Scan.jpg", "scan.jpeg" }, { "a:b.jpg", "a_b.jpg" } };
		for (String[] c : clashes)
			rows.add(new Row("classify: heatmaps= with images " + c[0] + " and " + c[1], "classify", "model={base}/fakemodel",
				"images={row}/i", "heatmaps={row}/h").bytes("i/" + c[0], jpeg).bytes("i/" + c[1], jpeg)
					.expect(2, "would both write heatmap"));
		rows.add(new Row("classify: heatmaps= with a list naming a.jpg and A.jpg", "classify", "model={base}/fakemodel",
			"images={row}/i", "list={row}/l.csv", "heatmaps={row}/h").bytes("i/a.jpg", jpeg).bytes("i/A.jpg", jpeg)
				.file("l.csv", "image_id\na.jpg\nA.jpg\n").expect(2, "A.jpg would both write heatmap"));
		rows.add(new Row("classify: a list without image_id", "classify", "model={base}/fakemodel", "images={img}",
			"list={row}/l.csv").file("l.csv", "id\nx.jpg\n").expect(2, "has no column 'image_id'"));
	}

	/** evaluate's joins: duplicates, conflicts and partial coverage are refused unless asked. */
	static void evaluateJoins(List<Row> rows) {
		String pred = "image_id,probability,prediction\n";
		List<String[]> test = rows(xTest);
		StringBuilder all = new StringBuilder(pred), half = new StringBuilder(pred);
		for (int i = 0; i < test.size(); i++) {
			all.append(test.get(i)[0]).append(",0.75,1\n");
			if (i < test.size() / 2) half.append(test.get(i)[0]).append(",0.75,1\n");
		}
		String one = test.get(0)[0];
		String[] truth = { "predictions={row}/p.csv", "truth={base}/split/x_test.csv" };
		rows.add(new Row("evaluate: a duplicated prediction row", "evaluate", truth).file("p.csv", all + one + ",0.75,1\n")
			.expect(2, "a second time"));
		rows.add(new Row("evaluate: predictions for half the truth", "evaluate", truth).file("p.csv", half.toString())
			.expect(2, "have no prediction"));
		rows.add(new Row("evaluate: predictions for half the truth, missing=ignore", "evaluate", with(List.of(truth),
			"missing=ignore")).file("p.csv", half.toString()).expect(0, "F1 results"));
		rows.add(new Row("evaluate: a truth list naming an image twice with other labels", "evaluate",
			"predictions={base}/pred_test.csv", "truth={row}/t.csv").file("t.csv", "image_id,defect\n" + one + ",1\n" + one + ",0\n")
				.expect(2, "with other labels"));
		rows.add(new Row("evaluate: a truth list naming an image twice", "evaluate", "predictions={base}/pred_test.csv",
			"truth={row}/t.csv").file("t.csv", xTest + String.join(",", test.get(0)) + "\n").expect(2, "a second time"));
		rows.add(new Row("evaluate: a prediction not in the truth", "evaluate", truth).file("p.csv", all + "stranger.jpg,0.1,0\n")
			.expect(2, "stranger.jpg"));
		rows.add(new Row("evaluate: probability 1.5", "evaluate", truth).file("p.csv", all.toString().replaceFirst(",0.75,", ",1.5,"))
			.expect(2, "give probabilities from 0 to 1"));
		rows.add(new Row("evaluate: probability NaN", "evaluate", truth).file("p.csv", all.toString().replaceFirst(",0.75,", ",NaN,"))
			.expect(2, "give probabilities from 0 to 1"));
		rows.add(new Row("evaluate: probability empty", "evaluate", truth).file("p.csv", all.toString().replaceFirst(",0.75,", ",,"))
			.expect(2, "give probabilities from 0 to 1"));
		rows.add(new Row("evaluate: prediction=maybe", "evaluate", truth).file("p.csv", all.toString().replaceFirst(",0.75,1", ",0.75,maybe"))
			.expect(2, "maybe"));
		rows.add(new Row("evaluate: no prediction column", "evaluate", truth).file("p.csv", "image_id,probability\n" + one + ",0.5\n")
			.expect(2, "has no column 'prediction'"));
		rows.add(new Row("evaluate: no probability column", "evaluate", truth).file("p.csv", "image_id,prediction\n" + one + ",1\n")
			.expect(2, "has no column 'probability'"));
		rows.add(new Row("evaluate: header only", "evaluate", truth).file("p.csv", pred).expect(2, "holds no predictions"));
		rows.add(new Row("evaluate: truth without defect", "evaluate", "predictions={base}/pred_test.csv", "truth={row}/t.csv")
			.file("t.csv", "image_id,x\n" + one + ",1\n").expect(2, "has no column 'defect'"));
		rows.add(new Row("evaluate: truth defect=yes", "evaluate", "predictions={base}/pred_test.csv", "truth={row}/t.csv")
			.file("t.csv", "image_id,defect\n" + one + ",yes\n").expect(2, "give 0 (no defect) or 1 (defect)"));
		rows.add(new Row("evaluate: predictions without truth", "evaluate", "predictions={base}/pred_test.csv").expect(2, "truth="));
		rows.add(new Row("evaluate: predictions and a model", "evaluate", "predictions={base}/pred_test.csv",
			"truth={base}/split/x_test.csv", "model={base}/fakemodel").expect(2, "not both"));
		rows.add(new Row("evaluate: a model without lists", "evaluate", "model={base}/fakemodel", "images={img}")
			.expect(2, "at least one of train="));
		rows.add(new Row("evaluate: a model without images", "evaluate", "model={base}/fakemodel", "test={base}/split/x_test.csv")
			.expect(2, "images="));
		// masks= checked against the lists before the model is opened (fakemodel is no graph)
		String sh = "ImageId,ClassId,EncodedPixels\n";
		List<String> defective = new ArrayList<>();
		for (String[] r : test) if (r[1].equals("1")) defective.add(r[0]);
		StringBuilder firstOnly = new StringBuilder(sh), allButFirst = new StringBuilder(sh);
		for (String line : trainCsv.split("\n")) {
			if (line.startsWith(defective.get(0) + ",")) firstOnly.append(line).append('\n');
			else if (!line.startsWith("ImageId")) allButFirst.append(line).append('\n');
		}
		String[] withMasks = { "model={base}/fakemodel", "images={img}", "test={base}/split/x_test.csv", "masks={row}/train.csv" };
		rows.add(new Row("evaluate masks=: a run past the image", "evaluate", withMasks)
			.file("train.csv", allButFirst + defective.get(0) + ",3,409599 10\n")
			.expect(2, "image " + defective.get(0) + ", class 3: "));
		rows.add(new Row("evaluate masks=: a run past the image of a later list", "evaluate", with(List.of(withMasks),
			"val={base}/split/x_val.csv")).file("train.csv", trainCsv.replaceFirst("\n(" + rows(xVal).stream()
				.filter(r -> r[1].equals("1")).findFirst().orElseThrow()[0].replace(".", "\\.") + "),(\\d),[^\n]*", "\n$1,$2,1 409601"))
			.expect(2, "the image is 1600 x 256"));
		rows.add(new Row("evaluate masks=: an odd RLE", "evaluate", withMasks).file("train.csv", sh + defective.get(0) + ",1,1 2 3\n")
			.expect(2, "line 2, image " + defective.get(0) + ", class 1"));
		rows.add(new Row("evaluate masks=: an unsorted RLE", "evaluate", withMasks).file("train.csv", sh + defective.get(0) + ",1,100 2 1 2\n")
			.expect(2, "sorted"));
		rows.add(new Row("evaluate masks=: a ../ id", "evaluate", withMasks).file("train.csv", sh + "../x.jpg,1,1 2\n")
			.expect(2, "is not a plain file name"));
		rows.add(new Row("evaluate masks=: header only", "evaluate", withMasks).file("train.csv", sh)
			.expect(2, "has no mask for " + defective.size() + " of the " + defective.size() + " defective images in"));
		if (defective.size() > 1) rows.add(new Row("evaluate masks=: the masks of one defective test image only", "evaluate",
			withMasks).file("train.csv", firstOnly.toString()).expect(2, "has no mask for " + (defective.size() - 1) + " of the "
				+ defective.size() + " defective images in"));
		rows.add(new Row("evaluate masks=: no mask for the first defective test image", "evaluate", withMasks)
			.file("train.csv", allButFirst.toString()).expect(2, "(the first: " + defective.get(0) + "); give masks= the train.csv"));
		// with missing=ignore the check lets the run go on, as far as fakemodel's graph
		rows.add(new Row("evaluate masks=: header only, missing=ignore", "evaluate", with(List.of(withMasks), "missing=ignore"))
			.file("train.csv", sh).expect(2, "could not load the SavedModel"));
		rows.add(new Row("evaluate: threshold=2", "evaluate", with(List.of(truth), "threshold=2")).file("p.csv", all.toString())
			.expect(2, "threshold"));
		rows.add(new Row("evaluate: out= exists", "evaluate", with(List.of(truth), "out={row}/f1.csv")).file("p.csv", all.toString())
			.file("f1.csv", "keep").expect(2, "overwrite=true"));
	}

	/** augment's image= and the images it reads; encode's label PNGs. */
	static void augmentAndEncode(List<Row> rows) {
		String id = rows(xTest).get(0)[0];
		byte[] jpeg = read(images.resolve(id));
		byte[] png = read(firstFile(base.resolve("masks")));
		String[] aug = { "images={img}", "out={row}/a.png" };
		rows.add(new Row("augment: image=../ path", "augment", with(List.of(aug), "image=../" + id)).expect(2, "is not a plain file name"));
		rows.add(new Row("augment: image=../../ elsewhere", "augment", with(List.of(aug), "image=../../elsewhere/x.jpg"))
			.expect(2, "is not a plain file name"));
		rows.add(new Row("augment: image= an absolute path", "augment", with(List.of(aug), "image=" + images.resolve(id)))
			.expect(2, "is not a plain file name"));
		rows.add(new Row("augment: image= a missing file", "augment", with(List.of(aug), "image=nothere.jpg")).expect(2, "nothere.jpg"));
		rows.add(new Row("augment: n=0", "augment", with(List.of(aug), "n=0")).expect(2, "between 1 and 64"));
		rows.add(new Row("augment: n=65", "augment", with(List.of(aug), "n=65")).expect(2, "between 1 and 64"));
		rows.add(new Row("augment: augment=[spin]", "augment", with(List.of(aug), "augment=spin")).expect(2, "spin"));
		rows.add(new Row("augment: images= a file", "augment", "images={base}/table.csv").expect(2, "is not a folder"));
		rows.add(new Row("augment: out= exists", "augment", with(List.of(aug), "image=" + id)).file("a.png", "keep")
			.expect(2, "overwrite=true"));
		int[] cuts = { 2, 100, jpeg.length / 2, jpeg.length - 2 };
		for (int cut : cuts) {
			rows.add(new Row("augment: a JPEG truncated to " + (cut == jpeg.length / 2 ? "half" : cut + " bytes"), "augment",
				"images={row}/i", "image=" + id, "out={row}/a.png").bytes("i/" + id, java.util.Arrays.copyOf(jpeg, cut))
					.expect(2, id));
		}
		byte[] garbled = jpeg.clone();
		for (int i = garbled.length / 3; i < garbled.length / 3 + 400; i++) garbled[i] = (byte) 0xFF;
		rows.add(new Row("augment: a JPEG with garbled data", "augment", "images={row}/i", "image=" + id, "out={row}/a.png")
			.bytes("i/" + id, garbled).expect(2, id));
		rows.add(new Row("augment: text named .jpg", "augment", "images={row}/i", "image=" + id, "out={row}/a.png")
			.file("i/" + id, "hello").expect(2, "not an image Java can decode"));
		rows.add(new Row("augment: an empty .jpg", "augment", "images={row}/i", "image=" + id, "out={row}/a.png")
			.bytes("i/" + id, new byte[0]).expect(2, "is empty"));

		String[] enc = { "masks={row}/m", "out={row}/train.csv" };
		rows.add(new Row("encode: a truncated PNG", "encode", enc).bytes("m/a.png", java.util.Arrays.copyOf(png, png.length / 2))
			.expect(2, "a.png"));
		rows.add(new Row("encode: a PNG without its end", "encode", enc).bytes("m/a.png", java.util.Arrays.copyOf(png, png.length - 12))
			.expect(2, "truncated PNG"));
		rows.add(new Row("encode: label PNGs of different sizes", "encode", enc).bytes("m/a.png", png)
			.bytes("m/b.png", smallPng()).expect(2, "every label mask of a folder has the size"));
		rows.add(new Row("encode: a label PNG with a newline in its name", "encode", enc).bytes("m/a\nb.png", png)
			.expect(2, "control character"));
		rows.add(new Row("encode: a JPEG named .png", "encode", enc).bytes("m/a.png", jpeg).expect(2, "a.png"));
		rows.add(new Row("encode: a text named .png", "encode", enc).file("m/a.png", "hello").expect(2, "a.png"));
		rows.add(new Row("encode: a colour PNG", "encode", enc).bytes("m/a.png", colourPng()).expect(2, "one 8-bit channel"));
		rows.add(new Row("encode: label 9", "encode", enc).bytes("m/a.png", labelPng(9)).expect(2, "a.png"));
		rows.add(new Row("encode: an empty folder", "encode", enc).setup(d -> mkdirs(d.resolve("m"))).expect(2, "holds no .png files"));
		rows.add(new Row("encode: masks= a file", "encode", "masks={base}/table.csv", "out={row}/t.csv").expect(2, "is not a folder"));
		rows.add(new Row("encode: format=xml", "encode", "masks={base}/masks", "out={row}/t.csv", "format=xml").expect(2, "one of new, old"));
		rows.add(new Row("encode: out= exists", "encode", "masks={base}/masks", "out={row}/t.csv").file("t.csv", "keep")
			.expect(2, "overwrite=true"));
		rows.add(new Row("generate: images=0", "generate", "out={row}/g", "images=0").expect(2, "images"));
		rows.add(new Row("generate: width=8", "generate", "out={row}/g", "width=8").expect(2, "width"));
		rows.add(new Row("generate: out= exists", "generate", "out={row}/g", "images=2").file("g/keep.txt", "x").expect(2, "g"));
		rows.add(new Row("pipeline: data= without train.csv", "pipeline", "data={row}/d", "out={row}/o").setup(d -> mkdirs(d.resolve("d")))
			.expect(2, "does not hold train.csv").check(d -> assertFalse(Files.exists(d.resolve("o")))));
		rows.add(new Row("pipeline: a train.csv with an unsorted RLE", "pipeline", "data={row}/d", "out={row}/o", "weights=none")
			.file("d/train.csv", "ImageId,ClassId,EncodedPixels\n" + id + ",1,100 2 1 2\n")
			.setup(d -> link(d.resolve("d/train_images"), images)).expect(2, "sorted")
			.check(d -> assertFalse(Files.exists(d.resolve("o")), "pipeline left an empty out/ behind")));
	}

	/** I/O faults: exit 1 with the real cause, the same way in every command. */
	static void ioFaults(List<Row> rows) {
		String[][] outs = {
			{ "import", "csv={base}/data/train.csv", "images={img}", "table={row}/f/t.csv" },
			{ "split", "table={base}/table.csv", "rare=merge", "out={row}/f/s" },
			{ "masks", "csv={base}/data/train.csv", "images={img}", "out={row}/f/m" },
			{ "encode", "masks={base}/masks", "out={row}/f/t.csv" },
			{ "evaluate", "predictions={base}/pred_test.csv", "truth={base}/split/x_test.csv", "out={row}/f/f1.csv" },
			{ "augment", "images={img}", "out={row}/f/a.png" },
			{ "generate", "out={row}/f/g", "images=2" },
			{ "features", "images={img}", "out={row}/f/x.csv", "weights=none", "size=71x71" },
			{ "train", "train={base}/split/x_train.csv", "val={base}/split/x_val.csv", "images={img}", "out={row}/f/model",
				"weights=none", "size=71x71", "epochs=1" },
			{ "classify", "model={base}/fakemodel", "images={img}", "out={row}/f/p.csv" },
		};
		for (String[] o : outs) {
			rows.add(new Row(o[0] + ": the output's parent is a file", o[0], rest(o)).file("f", "I am a file")
				.expect(1, "is a file, not a folder"));
			rows.add(new Row(o[0] + ": a file two levels up", o[0], replaceAll(rest(o), "{row}/f/", "{row}/f/deeper/"))
				.file("f", "I am a file").expect(1, "is a file, not a folder"));
		}
		// a folder on a kernel file system (/proc) cannot be created: say so, not "does not exist" of a probe file
		for (String[] o : outs)
			rows.add(new Row(o[0] + ": the output under /proc", o[0], replaceAll(rest(o), "{row}/f/", "/proc/steel-defects-x/"))
				.expect(1, "/proc is a proc file system"));
		rows.add(new Row("classify: heatmaps= under /proc", "classify", "model={base}/fakemodel", "images={img}",
			"heatmaps=/proc/steel-defects-x").expect(1, "so /proc/steel-defects-x cannot be written there"));
		rows.add(new Row("train: out= is a file", "train", "train={base}/split/x_train.csv", "val={base}/split/x_val.csv",
			"images={img}", "out={row}/model", "weights=none", "size=71x71", "epochs=1", "overwrite=true").file("model", "a file")
				.expect(1, "is a file, not a folder"));
		rows.add(new Row("split: out= is a file", "split", "table={base}/table.csv", "rare=merge", "out={row}/s").file("s", "a file")
			.expect(1, "is a file, not a folder"));
		rows.add(new Row("masks: out= is a file", "masks", "csv={base}/data/train.csv", "images={img}", "out={row}/m")
			.file("m", "a file").expect(1, "is a file, not a folder"));
		rows.add(new Row("generate: out= is a file", "generate", "out={row}/g", "images=2", "overwrite=true").file("g", "a file")
			.expect(2, "g"));
		rows.add(new Row("import: table= is a folder", "import", "csv={base}/data/train.csv", "images={img}", "table={row}/t",
			"overwrite=true").setup(d -> mkdirs(d.resolve("t"))).expect(2, "is a folder"));
	}

	static String[] replaceAll(String[] a, String from, String to) {
		String[] out = a.clone();
		for (int i = 0; i < out.length; i++) out[i] = out[i].replace(from, to);
		return out;
	}

	// ---------------------------------------------------------------- helpers for rows

	static byte[] read(Path p) {
		try {
			return Files.readAllBytes(p);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Path firstFile(Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().findFirst().orElseThrow();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] encodePng(java.awt.image.BufferedImage img) {
		try {
			java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
			javax.imageio.ImageIO.write(img, "png", o);
			return o.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static byte[] smallPng() {
		return encodePng(new java.awt.image.BufferedImage(16, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY));
	}

	static byte[] colourPng() {
		return encodePng(new java.awt.image.BufferedImage(16, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));
	}

	static byte[] labelPng(int value) {
		java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
		img.getRaster().setSample(3, 3, 0, value);
		return encodePng(img);
	}

	static void mkdirs(Path p) {
		try {
			Files.createDirectories(p);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void link(Path link, Path target) {
		try {
			Files.createDirectories(link.getParent());
			Files.createSymbolicLink(link, target);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static void copyTree(Path from, Path to) {
		try (Stream<Path> s = Files.walk(from)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// ---------------------------------------------------------------- the tests

	@Test
	void theCatalogueHasAtLeast300Rows() {
		List<Row> rows = catalogue();
		assertTrue(rows.size() >= 300, "only " + rows.size() + " rows");
		Map<String, Long> names = rows.stream().collect(Collectors.groupingBy(r -> r.name, Collectors.counting()));
		names.forEach((n, c) -> assertEquals(1L, c, "row name used twice: " + n));
	}

	@TestFactory
	Stream<DynamicTest> everyRowHolds() {
		List<Row> rows = catalogue();
		int[] n = { 0 };
		return rows.stream().map(r -> DynamicTest.dynamicTest(String.format("%03d %s", ++n[0], r.name), () -> check(r)));
	}

	static void check(Row r) throws IOException {
		Path dir = Files.createDirectories(rowsRoot.resolve(Integer.toHexString(r.name.hashCode())));
		for (Map.Entry<String, byte[]> f : r.files.entrySet()) {
			Path p = dir.resolve(f.getKey());
			Files.createDirectories(p.getParent());
			Files.write(p, f.getValue());
		}
		for (var s : r.setups) s.accept(dir);
		Map<String, String> before = Catalogue.snapshot(dir, true), baseBefore = Catalogue.snapshot(base, false);
		Outcome o = Catalogue.run(r, base, dir, images);
		String said = o.err().strip();
		assertEquals(r.exit, o.exit(), r + "\nstderr: " + said + "\nstdout: " + o.out());
		if (r.exit == 0) assertTrue(o.out().contains(r.phrase), r + "\nstdout: " + o.out());
		else {
			assertTrue(said.contains(r.phrase), r + "\nmessage: " + said);
			assertFalse(said.contains("\tat ") || said.contains("Exception"), r + "\na stack trace or exception name: " + said);
			assertEquals(1, said.split("\\R").length, r + "\nmore than one line: " + said);
			assertEquals(before, Catalogue.snapshot(dir, true), r + ": the row's folder changed");
			assertEquals(baseBefore, Catalogue.snapshot(base, false), r + ": the shared inputs changed");
		}
		for (var c : r.checks) c.accept(dir);
	}
}
