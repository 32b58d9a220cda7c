package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.cli.Main;
import io.github.steeldefects.data.SeverstalCsv;
import io.github.steeldefects.io.Csv;

/** evaluate masks=train.csv: the localization columns, from either CSV version, only for images with a defect. */
@Tag("tensorflow")
class EvaluateMasksCommandTest {

	@TempDir
	static Path shared;

	static List<String> ids;
	static Path images, list, model;

	@TempDir
	Path tmp;

	@BeforeAll
	static void exportModel() throws Exception {
		ids = TestModels.sampleIds(8);
		images = TestModels.copyImages(shared.resolve("images"), ids);
		list = TestModels.writeList(shared.resolve("x_test.csv"), ids);
		model = TestModels.exportXception(shared.resolve("model"), ids.stream().map(images::resolve).toList(), 71);
	}

	static int[] run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		return new int[] { code };
	}

	@Test
	void bothCsvVersionsGiveTheSameLocalizationColumnsOverDefectiveImages() throws Exception {
		Path newCsv = TestModels.SAMPLE.resolve("train.csv");
		Path oldCsv = tmp.resolve("train_old.csv");
		SeverstalCsv.write(oldCsv, false, SeverstalCsv.Format.OLD, SeverstalCsv.read(newCsv).masks());
		Path a = tmp.resolve("a.csv"), b = tmp.resolve("b.csv");
		run("evaluate", "model=" + model, "images=" + images, "test=" + list, "masks=" + newCsv, "out=" + a, "device=cpu");
		run("evaluate", "model=" + model, "images=" + images, "test=" + list, "masks=" + oldCsv, "out=" + b, "device=cpu");
		Csv table = Csv.read(a);
		assertEquals(List.of("split", "images", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "accuracy", "auc", "threshold",
			"localized", "pointing", "dice"), table.header());
		assertEquals(Files.readString(a), Files.readString(b));
		Map<String, int[]> classes = TestModels.sampleClasses();
		long defective = ids.stream().filter(id -> classes.containsKey(id)).count();
		assertTrue(defective > 0 && defective < ids.size(), "the sample should hold images with and without defect");
		assertEquals(Long.toString(defective), table.get(0, "localized"));
		double pointing = Double.parseDouble(table.get(0, "pointing")), dice = Double.parseDouble(table.get(0, "dice"));
		assertTrue(pointing >= 0 && pointing <= 1 && dice >= 0 && dice <= 1, table.rows().get(0)[13] + " " + dice);

		// a defective image whose masks are not in masks=: refused before the model runs, unless missing=ignore,
		// which leaves it out of localization and says so
		String dropped = ids.stream().filter(classes::containsKey).findFirst().orElseThrow();
		StringBuilder partial = new StringBuilder();
		for (String line : Files.readAllLines(newCsv)) if (!line.startsWith(dropped + ",")) partial.append(line).append('\n');
		Path partialCsv = Files.writeString(tmp.resolve("partial.csv"), partial);
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		String[] partialArgs = { "evaluate", "model=" + model, "images=" + images, "test=" + list, "masks=" + partialCsv,
			"out=" + tmp.resolve("c.csv"), "device=cpu" };
		int code = Main.run(partialArgs, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no mask for 1 of the " + defective + " defective images in "
			+ list + " (the first: " + dropped + ")"), err.toString(StandardCharsets.UTF_8));
		assertTrue(!Files.exists(tmp.resolve("c.csv")));
		out.reset();
		code = Main.run(java.util.stream.Stream.concat(java.util.Arrays.stream(partialArgs), java.util.stream.Stream.of("missing=ignore"))
			.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		assertTrue(out.toString(StandardCharsets.UTF_8).contains("Warning: 1 defective image of test has no mask in " + partialCsv),
			out.toString(StandardCharsets.UTF_8));
		assertEquals(Long.toString(defective - 1), Csv.read(tmp.resolve("c.csv")).get(0, "localized"));

		// without masks= the table is as before
		Path plain = tmp.resolve("plain.csv");
		run("evaluate", "model=" + model, "images=" + images, "test=" + list, "out=" + plain, "device=cpu");
		assertEquals(12, Csv.read(plain).header().size());
	}
}
