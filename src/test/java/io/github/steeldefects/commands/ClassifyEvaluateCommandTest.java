package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.classify.Evaluation;
import io.github.steeldefects.classify.TestModels;
import io.github.steeldefects.cli.Main;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.infer.Classifier;
import io.github.steeldefects.model.ImageSource;
import io.github.steeldefects.model.train.ModelInfo;

/**
 * classify and evaluate end to end on sample images, with one model exported in the test
 * (random Xception base at 71 x 71) and two tiny SavedModels (four outputs; a grey input).
 */
@Tag("tensorflow")
class ClassifyEvaluateCommandTest {

	@TempDir
	static Path shared;

	static List<String> ids;
	static Path images, list, model, fourOutputs, greyInput;
	static double modelThreshold;
	/** classify model= images= out=, run once: header and rows. */
	static Csv baseline;
	static String baselineSummary;

	@TempDir
	Path tmp;

	@BeforeAll
	static void exportModelAndClassifyOnce() throws IOException {
		ids = TestModels.sampleIds(6);
		images = TestModels.copyImages(shared.resolve("images"), ids);
		list = TestModels.writeList(shared.resolve("x_test.csv"), ids);
		List<Path> files = ids.stream().map(images::resolve).toList();
		model = TestModels.exportXception(shared.resolve("model"), files, 71);
		modelThreshold = ModelInfo.read(model.resolve("model.json")).thresholds()[0];
		fourOutputs = TestModels.tinySavedModel(shared.resolve("four"), new long[] { -1, 8, 8, 3 }, new float[] { 4, -4, 12, -12 });
		greyInput = TestModels.tinySavedModel(shared.resolve("grey"), new long[] { -1, 8, 8, 1 }, new float[] { 1 });

		Path out = shared.resolve("baseline.csv");
		Run r = cli("classify", "model=" + model, "images=" + images, "out=" + out, "batch=4", "device=cpu");
		assertEquals(0, r.code, r.err);
		baseline = Csv.read(out);
		baselineSummary = r.out;
	}

	record Run(int code, String out, String err) {}

	static Run cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	static float probability(Csv csv, int row) {
		return Float.parseFloat(csv.get(row, "probability"));
	}

	@Test
	void folderOfImagesGivesOneRowPerImageWithTheModelsThreshold() throws IOException {
		assertEquals(List.of("image_id", "probability", "prediction"), baseline.header());
		assertEquals(ids, baseline.rows().stream().map(r -> r[0]).toList());
		int defects = 0;
		for (int i = 0; i < baseline.size(); i++) {
			float p = probability(baseline, i);
			assertTrue(p >= 0 && p <= 1);
			int expected = p >= (float) modelThreshold ? 1 : 0;
			assertEquals(Integer.toString(expected), baseline.get(i, "prediction"), "row " + i);
			defects += expected;
		}
		assertTrue(defects > 0 && defects < ids.size(), "threshold at the median gives both answers: " + defects);
		assertTrue(baselineSummary.contains("Classified 6 images: " + defects + " predicted defect"), baselineSummary);
		assertTrue(baselineSummary.contains("images/s"), baselineSummary);

		// the CSV holds what the model computes for these files
		try (Classifier c = Classifier.open(model)) {
			List<RgbImage> decoded = new ArrayList<>();
			for (String id : ids) decoded.add(ImageSource.file(images.resolve(id)).load());
			float[][] direct = c.predict(decoded);
			for (int i = 0; i < ids.size(); i++) assertEquals(direct[i][0], probability(baseline, i), 1e-6f);
		}
	}

	@Test
	void listWithLabelsAddsTruthAndCorrect() {
		Path out = tmp.resolve("pred.csv");
		Run r = cli("classify", "model=" + model, "list=" + list, "images=" + images, "out=" + out);
		assertEquals(0, r.code, r.err);
		Csv csv = Csv.read(out);
		assertEquals(List.of("image_id", "probability", "prediction", "truth", "correct"), csv.header());
		Csv truth = Csv.read(list);
		int correct = 0;
		for (int i = 0; i < csv.size(); i++) {
			assertEquals(truth.get(i, "image_id"), csv.get(i, "image_id"));
			assertEquals(truth.get(i, "defect"), csv.get(i, "truth"));
			boolean agree = csv.get(i, "prediction").equals(csv.get(i, "truth"));
			assertEquals(agree ? "1" : "0", csv.get(i, "correct"));
			assertEquals(baseline.get(i, "probability"), csv.get(i, "probability"));
			if (agree) correct++;
		}
		assertTrue(r.out.contains(correct + " of 6 correct"), r.out);
	}

	@Test
	void thresholdIsInclusiveThroughCommandService() throws Exception {
		float[] p = new float[baseline.size()];
		for (int i = 0; i < p.length; i++) p[i] = probability(baseline, i);
		float[] sorted = p.clone();
		Arrays.sort(sorted);
		String exactly = Float.toString(sorted[3]); // as the CSV shows it
		Path out = tmp.resolve("pred.csv");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("model", model.toFile());
		inputs.put("images", images.toFile());
		inputs.put("out", out.toFile());
		inputs.put("threshold", exactly);
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(ClassifyCommand.class, true, inputs).get();
			ClassifyCommand c = (ClassifyCommand) m.getCommand();
			assertEquals(6, c.result().images());
			assertEquals(3, c.result().predictedDefect()); // sorted[3..5], the equal one included
		}
		Csv csv = Csv.read(out);
		for (int i = 0; i < p.length; i++) assertEquals(p[i] >= sorted[3] ? "1" : "0", csv.get(i, "prediction"));
	}

	@Test
	void missingModelFolderIsNamedAndNothingIsWritten() {
		Path out = tmp.resolve("pred.csv");
		Path missing = tmp.resolve("no-such-model");
		Run r = cli("classify", "model=" + missing, "images=" + images, "out=" + out);
		assertEquals(2, r.code);
		assertTrue(r.err.contains(missing.toString()) && r.err.contains("does not exist"), r.err);
		assertFalse(Files.exists(out));
	}

	@Test
	void savedModelWithTheWrongInputShapeIsNamed() throws IOException {
		Path out = tmp.resolve("pred.csv");
		Run r = cli("classify", "model=" + greyInput, "images=" + images, "out=" + out, "preprocess=unit");
		assertEquals(2, r.code);
		assertTrue(r.err.contains(greyInput.toString()) && r.err.contains("expects 1-channel images"), r.err);
		assertEquals(1, r.err.strip().split("\\R").length, r.err);
		assertFalse(Files.exists(out));
		// a SavedModel without model.json needs the preprocessing, asked for by the command's key
		r = cli("classify", "model=" + fourOutputs, "images=" + images, "out=" + out);
		assertEquals(2, r.code);
		assertTrue(r.err.contains("preprocess=xception, unit or none"), r.err);
	}

	@Test
	void unreadableImageIsNamedAndNoOutputOrTemporaryFileIsLeft() throws IOException {
		Path folder = TestModels.copyImages(tmp.resolve("imgs"), ids.subList(0, 2));
		Files.write(folder.resolve("zz_broken.jpg"), "this is not a JPEG at all".getBytes(StandardCharsets.US_ASCII));
		Path outFolder = Files.createDirectories(tmp.resolve("out"));
		Run r = cli("classify", "model=" + fourOutputs, "images=" + folder, "out=" + outFolder.resolve("pred.csv"),
			"preprocess=unit", "batch=1");
		assertEquals(2, r.code);
		assertTrue(r.err.startsWith("Image file") && r.err.contains("zz_broken.jpg") && r.err.contains("not an image Java can decode")
			&& r.err.contains("leave it out"), r.err);
		assertEquals(1, r.err.strip().split("\\R").length, r.err);
		try (var s = Files.list(outFolder)) {
			assertEquals(0, s.count(), "nothing written, no temporary file left");
		}
	}

	@Test
	void existingOutputNeedsOverwriteAndBadOptionsExitWith2() throws IOException {
		Path out = Files.writeString(tmp.resolve("pred.csv"), "keep me");
		Run r = cli("classify", "model=" + fourOutputs, "images=" + images, "out=" + out, "preprocess=unit");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("overwrite=true"), r.err);
		assertEquals("keep me", Files.readString(out));
		assertEquals(2, cli("classify", "model=" + fourOutputs, "images=" + images, "device=tpu").code);
		assertEquals(2, cli("classify", "model=" + fourOutputs, "images=" + images, "threshold=high").code);
		Path badList = Files.writeString(tmp.resolve("x_val.csv"), "image_id,defect\n" + ids.get(0) + ",0\nnot-there.jpg,1\n");
		r = cli("classify", "model=" + fourOutputs, "list=" + badList, "images=" + images, "preprocess=unit");
		assertEquals(2, r.code);
		assertTrue(r.err.contains("x_val.csv line 3: image not-there.jpg is not in"), r.err);
		r = cli("classify", "model=" + fourOutputs, "images=" + images, "out=" + out, "preprocess=unit", "overwrite=true");
		assertEquals(0, r.code, r.err);
		assertEquals(6, Csv.read(out).size());
	}

	@Test
	void fourOutputModelGetsPerClassColumnsAndRows() throws IOException {
		Path out = tmp.resolve("pred.csv");
		Run r = cli("classify", "model=" + fourOutputs, "list=" + list, "images=" + images, "out=" + out, "preprocess=unit");
		assertEquals(0, r.code, r.err);
		Csv csv = Csv.read(out);
		assertEquals(List.of("image_id", "probability", "prediction", "probability_1", "probability_2", "probability_3",
			"probability_4", "prediction_1", "prediction_2", "prediction_3", "prediction_4", "truth", "correct"), csv.header());
		long[][] counts = new long[5][4]; // image level, classes 1..4: tp fp fn tn
		Csv truth = Csv.read(list);
		for (int i = 0; i < csv.size(); i++) {
			float max = 0;
			boolean any = false;
			for (int k = 1; k <= 4; k++) {
				float pk = Float.parseFloat(csv.get(i, "probability_" + k));
				max = Math.max(max, pk);
				boolean predicted = pk >= 0.5f; // no model.json: 0.5
				assertEquals(predicted ? "1" : "0", csv.get(i, "prediction_" + k));
				any |= predicted;
				count(counts[k], predicted, truth.get(i, "defect_" + k).equals("1"));
			}
			assertEquals(max, Float.parseFloat(csv.get(i, "probability")));
			assertEquals(any ? "1" : "0", csv.get(i, "prediction"));
			count(counts[0], any, truth.get(i, "defect").equals("1"));
		}

		Path table = tmp.resolve("f1.csv");
		r = cli("evaluate", "model=" + fourOutputs, "images=" + images, "test=" + list, "preprocess=unit", "out=" + table);
		assertEquals(0, r.code, r.err);
		Csv f1 = Csv.read(table);
		assertEquals(List.of("test", "test/class_1", "test/class_2", "test/class_3", "test/class_4"),
			f1.rows().stream().map(x -> x[0]).toList());
		for (int row = 0; row < 5; row++) {
			assertEquals(List.of(counts[row][0], counts[row][1], counts[row][2], counts[row][3]),
				List.of(Long.parseLong(f1.get(row, "tp")), Long.parseLong(f1.get(row, "fp")), Long.parseLong(f1.get(row, "fn")),
					Long.parseLong(f1.get(row, "tn"))), f1.get(row, "split"));
		}
	}

	private static void count(long[] c, boolean predicted, boolean truth) {
		c[predicted ? (truth ? 0 : 1) : (truth ? 2 : 3)]++;
	}

	@Test
	void evaluateWithModelAndFromPredictionsAgree() throws Exception {
		Path val = TestModels.writeList(tmp.resolve("x_val.csv"), ids.subList(0, 3));
		Path table = tmp.resolve("f1.csv");
		Run r = cli("evaluate", "model=" + model, "images=" + images, "val=" + val, "test=" + list, "out=" + table);
		assertEquals(0, r.code, r.err);
		List<String> lines = Files.readAllLines(table);
		assertEquals(Evaluation.HEADER, lines.get(0));
		Csv f1 = Csv.read(table);
		assertEquals(List.of("val", "test"), f1.rows().stream().map(x -> x[0]).toList());
		// printed as aligned text
		assertTrue(r.out.contains("split  images"), r.out);

		// hand count on the test split from the baseline probabilities and the list's labels
		Csv truth = Csv.read(list);
		long[] c = new long[4];
		for (int i = 0; i < baseline.size(); i++)
			count(c, probability(baseline, i) >= (float) modelThreshold, truth.get(i, "defect").equals("1"));
		assertEquals(List.of(c[0], c[1], c[2], c[3]), List.of(Long.parseLong(f1.get(1, "tp")), Long.parseLong(f1.get(1, "fp")),
			Long.parseLong(f1.get(1, "fn")), Long.parseLong(f1.get(1, "tn"))));
		assertEquals("6", f1.get(1, "images"));
		assertEquals("3", f1.get(0, "images"));

		// predictions= truth= on the classify CSV, same threshold: the same row
		Path pred = tmp.resolve("pred.csv");
		assertEquals(0, cli("classify", "model=" + model, "list=" + list, "images=" + images, "out=" + pred).code);
		Path again = tmp.resolve("f1-again.csv");
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("predictions", pred.toFile());
		inputs.put("truth", list.toFile());
		inputs.put("threshold", Double.toString(modelThreshold));
		inputs.put("out", again.toFile());
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(EvaluateCommand.class, true, inputs).get();
			assertEquals(1, ((EvaluateCommand) m.getCommand()).rows().size());
		}
		assertArrayEquals(f1.row(1), Csv.read(again).row(0));

		// bad combinations exit with 2 and write nothing
		Path none = tmp.resolve("none.csv");
		assertEquals(2, cli("evaluate", "predictions=" + pred, "out=" + none).code);
		assertEquals(2, cli("evaluate", "model=" + model, "images=" + images, "out=" + none).code);
		assertEquals(2, cli("evaluate", "predictions=" + pred, "truth=" + list, "model=" + model, "out=" + none).code);
		assertFalse(Files.exists(none));
	}
}
