package io.github.steeldefects.fiji;

import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.EventQueue;
import java.awt.Frame;
import java.awt.Label;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.gui.ImageWindow;
import ij.gui.ProgressBar;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.text.TextWindow;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.model.train.EpochMetrics;

/**
 * The plugin as a user meets it on a desktop: a real ImageJ window (under Xvfb, started by
 * {@code it/DesktopIT}), the menu command's dialogs filled and OK'ed as a user would, macros run
 * beside them. Each check prints {@code PASS name} or {@code FAIL name: why}; screenshots of every
 * dialog and of the plots go to {@code OUT/shots}. Arguments: OUT, the sample-data folder.
 */
public final class DesktopChecks {

	private static final List<String> failures = new ArrayList<>();
	/** The texts of message dialogs (errors, the recorder's warnings) seen during the current check. */
	private static final List<String> messageDialogs = java.util.Collections.synchronizedList(new ArrayList<>());
	private static Path out, shots, sample;

	private DesktopChecks() {}

	public static void main(String[] args) throws Exception {
		out = Paths.get(args[0]).toAbsolutePath();
		sample = Paths.get(args[1]).toAbsolutePath();
		shots = out.resolve("shots");
		Files.createDirectories(shots);
		new ImageJ();
		closeErrorDialogs();
		waitFor("the ImageJ window", () -> IJ.getInstance() != null && IJ.getInstance().isShowing());
		check("import shows the stack; status line cleared after success", DesktopChecks::importStack);
		check("dialog reopened after an error with the typed values; values remembered; macros ignore them",
			DesktopChecks::rememberedAndMacro);
		check("training plot: one window, F1 on 0..1, loss on its own axis", DesktopChecks::trainingPlot);
		check("classify label tells the probability from the threshold", DesktopChecks::classifyDigits);
		check("status line and progress bar cleared after a failed classify", DesktopChecks::classifyFailure);
		check("pipeline fills the Results table with the F1 table and shows the plots", DesktopChecks::pipeline);
		check("augmentation preview: the import's class colours, no wider than the screen", DesktopChecks::augmentPreview);
		check("every dialog: words, headings, Browse buttons, macro keys", DesktopChecks::dialogs);
		System.out.println("DESKTOP CHECKS DONE, " + failures.size() + " failed" + (failures.isEmpty() ? "" : ": " +
			failures));
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	interface Check {

		void run() throws Exception;
	}

	private static void check(String name, Check c) {
		try {
			messageDialogs.clear();
			c.run();
			expect(messageDialogs.isEmpty(), "no message dialog popped up: " + messageDialogs);
			System.out.println("PASS " + name);
		}
		catch (Throwable e) {
			failures.add(name);
			System.out.println("FAIL " + name + ": " + e);
			e.printStackTrace(System.out);
		}
		// nothing left open that blocks the next check
		for (Window w : Window.getWindows())
			if (w instanceof GenericDialog && w.isShowing()) cancel((GenericDialog) w);
	}

	static void expect(boolean ok, String what) {
		if (!ok) throw new AssertionError(what);
	}

	// ---- the checks

	private static void importStack() throws Exception {
		macro("run(\"Import Severstal Data...\", \"csv=[" + sample.resolve("train.csv") + "] images=[" + sample.resolve(
			"train_images") + "] table=[" + out.resolve("table.csv") + "] limit=0 overwrite\");");
		ImagePlus imp = WindowManager.getCurrentImage();
		expect(imp != null && imp.getStackSize() == 64, "the imported stack of 64 images is open: " + imp);
		expect(imp.getOverlay() != null && imp.getOverlay().size() > 0, "the slice has its defect overlay");
		expectStatusCleared("after import");
		shoot(imp.getWindow(), "fiji_import_stack.png");
		shoot(WindowManager.getWindow("Images per defect class"), "class_summary_plot.png");
	}

	private static void rememberedAndMacro() throws Exception {
		Commands.Entry split = Commands.get("split");
		Thread user = plugin("split");
		GenericDialog gd = awaitDialog("Split Dataset");
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("table", out.resolve("missing.csv").toString());
		typed.put("out", out.resolve("split1").toString());
		typed.put("test", "0.25");
		typed.put("rare", "merge");
		typed.put("overwrite", "true");
		fill(gd, split, typed);
		ok(gd);

		// the error comes back in the dialog, above the values as typed
		GenericDialog again = awaitDialog("Split Dataset");
		expect(messages(again).contains("missing.csv"), "the error sentence names missing.csv: " + messages(again));
		expect(value(again, split, "table").endsWith("missing.csv"), "table as typed: " + value(again, split, "table"));
		expect(value(again, split, "test").equals("0.25"), "test as typed: " + value(again, split, "test"));
		expect(value(again, split, "rare").equals("merge"), "rare as typed: " + value(again, split, "rare"));
		expectStatusCleared("after a failed split");
		shoot(again, "dialog_after_error.png");
		typed.put("table", out.resolve("table.csv").toString());
		fill(again, split, typed);
		ok(again);
		user.join(60_000);
		expect(rows(out.resolve("split1/x_test.csv")) == 16, "test=0.25 of 64 images gives 16 test images");
		expectStatusCleared("after a split");

		// reopened: the last values
		user = plugin("split");
		GenericDialog third = awaitDialog("Split Dataset");
		expect(value(third, split, "table").equals(out.resolve("table.csv").toString()), "table remembered: " +
			value(third, split, "table"));
		expect(value(third, split, "test").equals("0.25"), "test remembered: " + value(third, split, "test"));
		expect(value(third, split, "out").startsWith(out.resolve("split1").toString()), "out remembered");
		cancel(third);
		user.join(10_000);

		// a macro gets the defaults, not the remembered values
		macro("run(\"Split Dataset...\", \"table=[" + out.resolve("table.csv") + "] out=[" + out.resolve("split2") +
			"] rare=merge\");");
		expect(rows(out.resolve("split2/x_test.csv")) == 7, "the macro's split uses test=0.10 (7 of 64), not 0.25");
		expect("0.25".equals(Prefs.get(SteelDefectsPlugin.PREFS + "split.test", null)),
			"the macro did not change the remembered values");
	}

	private static void trainingPlot() throws Exception {
		// from the menu, with the macro recorder on: the recorder writes the keys, not the words
		IJ.run("Record...");
		waitFor("the recorder", () -> ij.plugin.frame.Recorder.getInstance() != null);
		IJ.doCommand("Train Classifier...");
		GenericDialog gd = awaitDialog("Train Classifier");
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("train", out.resolve("split1/x_train.csv").toString());
		typed.put("val", out.resolve("split1/x_val.csv").toString());
		typed.put("images", sample.resolve("train_images").toString());
		typed.put("out", out.resolve("model").toString());
		typed.put("size", "71x71");
		typed.put("epochs", "6");
		typed.put("patience", "0");
		typed.put("lr", "0.001"); // the default is auto; a typed rate is recorded under its key
		typed.put("cache", out.resolve("cache").toString());
		fill(gd, Commands.get("train"), typed);
		java.util.Set<String> statuses = watchStatus();
		ok(gd);
		waitFor("the recorded Train Classifier line", () -> ij.plugin.frame.Recorder.getInstance().getText().contains(
			"run(\"Train Classifier...\""));
		String recorded = ij.plugin.frame.Recorder.getInstance().getText();
		System.out.println("RECORDED: " + recorded);
		for (String key : List.of(" lr=0.001", " epochs=6", " size=71x71", " weighting=none", "train=" + out.resolve(
			"split1/x_train.csv")))
			expect(recorded.contains(key), "the recorder wrote '" + key.trim() + "': " + recorded);
		ij.plugin.frame.Recorder.record = false;
		WindowManager.getWindow("Recorder").dispose();
		synchronized (statuses) {
			expect(statuses.stream().anyMatch(t -> t.endsWith("(Esc cancels)") && t.contains(" left")),
				"while training, the status line said what, the time left and that Esc cancels: " + statuses);
			statuses.clear();
		}
		int windows = 0;
		ImagePlus training = null;
		for (int id : WindowManager.getIDList()) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp.getTitle().equals("Training")) {
				windows++;
				training = imp;
			}
		}
		expect(windows == 1, "one Training window for 6 epochs, not " + windows);
		List<EpochMetrics> history = history();
		expect(history.size() == 6, "6 epochs in the Training History table: " + history.size());
		double[] f1 = TrainPresenter.f1Plot(history, 6, 1).getLimits();
		// 0..1 and the room above for the legend
		expect(f1[2] == 0 && f1[3] > 1 && f1[3] <= 1.4, "F1 axis 0..1: " + f1[2] + ".." + f1[3]);
		double maxLoss = 0;
		for (EpochMetrics m : history) maxLoss = Math.max(maxLoss, Math.max(m.trainLoss(), m.valLoss()));
		double[] loss = TrainPresenter.lossPlot(history, 6, 1).getLimits();
		expect(loss[2] == 0 && loss[3] >= maxLoss && loss[3] <= maxLoss * 1.6, "loss axis 0.." + loss[3] +
			" holds the loss (largest " + maxLoss + ")");
		// the window shows both: train (blue) and validation (red) loss lines in the lower plot
		BufferedImage img = training.getBufferedImage();
		int h = img.getHeight();
		expect(count(img, h / 2, h, TrainPresenter.TRAIN) > 300, "train loss line visible");
		expect(count(img, h / 2, h, TrainPresenter.VAL) > 300, "validation loss line visible");
		expect(count(img, 0, h / 2, TrainPresenter.BEST) > 50, "best epoch marked");
		shoot(training.getWindow(), "training_plot.png");
	}

	private static void classifyDigits() throws Exception {
		ImagePlus stack = stack();
		WindowManager.setCurrentWindow(stack.getWindow());
		macro("run(\"Classify...\", \"model=[" + out.resolve("model") + "] threshold=auto\");");
		ResultsTable rt = ResultsTable.getResultsTable();
		double p = rt.getValue("probability", 0);
		// a threshold a hair above the first image's probability: two decimals would read the same
		double t = p < 0.99 ? p + 0.00002 : p - 0.00002;
		WindowManager.setCurrentWindow(stack.getWindow());
		macro("run(\"Classify...\", \"model=[" + out.resolve("model") + "] threshold=" + t + "\");");
		stack.setSlice(1);
		String label = null;
		for (Roi r : stack.getOverlay().toArray())
			if (r instanceof TextRoi && "classify".equals(r.getProperty("steel-defects"))) label = ((TextRoi) r).getText();
		expect(label != null, "slice 1 has a classify label");
		Matcher m = Pattern.compile("(DEFECT|ok) ([0-9.]+) (\u2265|<) ([0-9.]+)").matcher(label.trim());
		expect(m.find(), "label reads 'ok P < T': " + label);
		expect(!m.group(2).equals(m.group(4)), "probability and threshold read differently: " + label);
		expect(m.group(1).equals("ok") == (p < t), "prediction agrees with the comparison: " + label);
		String shown = rt.getStringValue("probability", 0);
		String thr = Digits.fixed(t, shown.contains(".") ? shown.length() - shown.indexOf('.') - 1 : 0);
		expect(!shown.equals(thr), "Results shows " + shown + " beside threshold " + thr);
		expectStatusCleared("after classify");
		shoot(stack.getWindow(), "classify_label_stack.png");
	}

	private static void classifyFailure() throws Exception {
		Path images = out.resolve("broken_images");
		Files.createDirectories(images);
		List<Path> jpgs = new ArrayList<>();
		try (var s = Files.list(sample.resolve("train_images"))) {
			s.sorted().limit(24).forEach(jpgs::add);
		}
		for (Path j : jpgs) Files.copy(j, images.resolve(j.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Files.write(images.resolve("zz_broken.jpg"), new byte[] { (byte) 0xff, (byte) 0xd8, 1, 2, 3 });
		Commands.Entry classify = Commands.get("classify");
		Thread user = plugin("classify");
		GenericDialog gd = awaitDialog("Classify");
		Map<String, String> typed = new LinkedHashMap<>();
		typed.put("model", out.resolve("model").toString());
		typed.put("images", images.toString());
		typed.put("list", "");
		typed.put("out", "");
		typed.put("batch", "4");
		fill(gd, classify, typed);
		ok(gd);
		GenericDialog again = awaitDialog("Classify");
		expect(messages(again).contains("zz_broken.jpg"), "the error names the broken image: " + messages(again));
		expectStatusCleared("after a failed classify");
		cancel(again);
		user.join(10_000);
	}

	private static void pipeline() throws Exception {
		macro("run(\"Run Pipeline...\", \"data=[" + sample + "] out=[" + out.resolve("pipeline") +
			"] size=71x71 epochs=4 variants=0 overwrite\");");
		ResultsTable rt = ResultsTable.getResultsTable();
		expect(rt.columnExists("f1") && rt.columnExists("split"), "Results holds the F1 table: " + rt.getColumnHeadings());
		List<String> splits = new ArrayList<>();
		for (int i = 0; i < rt.size(); i++) splits.add(rt.getStringValue("split", i));
		expect(splits.containsAll(List.of("train", "val", "test")), "rows train, val, test: " + splits);
		expect(WindowManager.getWindow("Split: share of each stratum") != null, "the split plot is open");
		Window log = WindowManager.getWindow("Log"), results = WindowManager.getWindow("Results");
		expect(log != null && results != null && !log.getBounds().intersects(results.getBounds()),
			"Log and Results side by side: " + (log == null ? null : log.getBounds()) + " " + (results == null ? null
				: results.getBounds()));
		expectStatusCleared("after the pipeline");
		shoot(WindowManager.getWindow("Split: share of each stratum"), "split_plot.png");
		for (Window w : Window.getWindows())
			if (w instanceof Frame && ((Frame) w).getTitle().startsWith("F1 / precision / recall")) shoot(w,
				"threshold_plot.png");
		for (Window w : Window.getWindows())
			if (w instanceof ImageWindow && ((ImageWindow) w).getImagePlus().getTitle().equals("Training") && w.isShowing())
				shoot(w, "training_plot_pipeline.png");
		shootScreen("screen_after_pipeline.png");
	}

	private static void augmentPreview() throws Exception {
		macro("run(\"Augmentation Preview...\", \"images=[" + sample.resolve("train_images") + "] csv=[" + sample.resolve(
			"train.csv") + "] n=6 augment=[hflip vflip brightness=0.2 contrast=0.2 zoom=0.1]\");");
		ImagePlus imp = WindowManager.getCurrentImage();
		expect(imp != null && imp.getTitle().startsWith("Augmentation"), "the preview is open: " + imp);
		java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
		expect(imp.getWindow().getWidth() <= screen.width, "the preview window (" + imp.getWindow().getWidth() +
			" px) fits the screen (" + screen.width + " px)");
		for (Roi r : imp.getOverlay().toArray())
			if (r.getName() != null && r.getName().matches("class \\d")) {
				int k = Integer.parseInt(r.getName().substring(6));
				expect(r.getStrokeColor().equals(DefectOverlays.color(k)), "class " + k + " has the import's colour");
			}
		shoot(imp.getWindow(), "augment_preview.png");
	}

	private static void dialogs() throws Exception {
		for (Commands.Entry e : Commands.available()) {
			Thread user = plugin(e.name());
			GenericDialog gd = awaitDialog(e.menuLabel().replace("...", ""));
			String text = messages(gd);
			for (String g : DialogFields.GROUPS) {
				boolean used = false;
				for (CommandRunner.Input in : CommandRunner.inputs(e.commandClass()))
					used |= DialogFields.group(e.name(), in.key()).equals(g);
				expect(!used || text.contains(g), e.name() + " dialog has the heading " + g);
			}
			int files = 0;
			for (CommandRunner.Input in : CommandRunner.inputs(e.commandClass()))
				if (in.type() == File.class || DialogFields.isFile(in.key())) files++;
			expect(buttons(gd, "Browse") == files, e.name() + ": a Browse button for each of its " + files + " paths, not " +
				buttons(gd, "Browse"));
			List<String> shown = labels(gd);
			for (CommandRunner.Input in : CommandRunner.inputs(e.commandClass()))
				expect(!shown.contains(in.key()), e.name() + ": the field " + in.key() + " is labelled in words: " + shown);
			shoot(gd, "dialog_" + e.name() + ".png");
			if (e.name().equals("train")) shootScreen("screen_train_dialog.png");
			cancel(gd);
			user.join(10_000);
		}
		// the recorder still writes the keys: GenericDialog's labels are the option names
		Thread user = plugin("train");
		GenericDialog gd = awaitDialog("Train Classifier");
		expect(labels(gd).contains("Learning rate [lr]"), "Train shows 'Learning rate [lr]': " + labels(gd));
		cancel(gd);
		user.join(10_000);
	}

	/** Every distinct text the status line shows from now on (sampled; until the next check). */
	private static java.util.Set<String> watchStatus() {
		java.util.Set<String> seen = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
		Thread t = new Thread(() -> {
			for (int i = 0; i < 6000; i++) {
				String s = ImageJ.getStatusBarText();
				if (s != null && !s.isEmpty()) seen.add(s);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "watches the status line");
		t.setDaemon(true);
		t.start();
		return seen;
	}

	/** Error dialogs are modal: close each one, saying what it said, so that a failing check fails instead of hanging. */
	private static void closeErrorDialogs() {
		Thread t = new Thread(() -> {
			while (true) {
				for (Window w : Window.getWindows())
					if (w instanceof ij.gui.MessageDialog && w.isShowing()) {
						String text = messages((Container) w);
						messageDialogs.add(text);
						System.out.println("ERROR DIALOG: " + text);
						w.dispose();
					}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "closes error dialogs");
		t.setDaemon(true);
		t.start();
	}

	// ---- driving the desktop

	private static Thread plugin(String command) {
		Thread t = new Thread(() -> new SteelDefectsPlugin().run(command), "user: " + command);
		t.start();
		return t;
	}

	private static void macro(String code) {
		String result = IJ.runMacro(code);
		expect(!"[aborted]".equals(result), "the macro ran to its end: " + code);
	}

	private static GenericDialog awaitDialog(String title) throws Exception {
		GenericDialog[] found = new GenericDialog[1];
		waitFor("the dialog " + title, () -> {
			for (Window w : Window.getWindows())
				if (w instanceof GenericDialog && w.isShowing() && ((GenericDialog) w).getTitle().endsWith(title)) {
					found[0] = (GenericDialog) w;
					return true;
				}
			return false;
		});
		Thread.sleep(300); // laid out and painted
		return found[0];
	}

	private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
		long end = System.currentTimeMillis() + 300_000;
		while (!condition.call()) {
			if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
			Thread.sleep(100);
		}
	}

	/** The dialog's component of each key, as {@link SteelDefectsPlugin#build} added them. */
	private static Map<String, Component> fields(GenericDialog gd, Commands.Entry e) {
		Map<String, Component> m = new LinkedHashMap<>();
		int s = 0, n = 0, c = 0, b = 0;
		for (CommandRunner.Input in : SteelDefectsPlugin.ordered(e)) {
			Class<?> t = in.type();
			if (!in.choices().isEmpty()) m.put(in.key(), (Component) gd.getChoices().get(c++));
			else if (t == boolean.class || t == Boolean.class) m.put(in.key(), (Component) gd.getCheckboxes().get(b++));
			else if (t == File.class || t == String.class) m.put(in.key(), (Component) gd.getStringFields().get(s++));
			else m.put(in.key(), (Component) gd.getNumericFields().get(n++));
		}
		return m;
	}

	private static void fill(GenericDialog gd, Commands.Entry e, Map<String, String> values) throws Exception {
		Map<String, Component> f = fields(gd, e);
		EventQueue.invokeAndWait(() -> {
			for (Map.Entry<String, String> v : values.entrySet()) {
				Component c = f.get(v.getKey());
				if (c instanceof TextField) ((TextField) c).setText(v.getValue());
				else if (c instanceof Choice) ((Choice) c).select(v.getValue());
				else if (c instanceof Checkbox) ((Checkbox) c).setState(Boolean.parseBoolean(v.getValue()));
			}
		});
	}

	private static String value(GenericDialog gd, Commands.Entry e, String key) {
		Component c = fields(gd, e).get(key);
		if (c instanceof TextField) return ((TextField) c).getText().trim();
		if (c instanceof Choice) return ((Choice) c).getSelectedItem();
		return String.valueOf(((Checkbox) c).getState());
	}

	private static void ok(GenericDialog gd) throws Exception {
		press(gd, "okay");
	}

	private static void cancel(GenericDialog gd) {
		try {
			press(gd, "cancel");
		}
		catch (Exception e) {
			gd.dispose();
		}
	}

	private static void press(GenericDialog gd, String field) throws Exception {
		java.lang.reflect.Field f = GenericDialog.class.getDeclaredField(field);
		f.setAccessible(true);
		Button button = (Button) f.get(gd);
		EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(button, ActionEvent.ACTION_PERFORMED, "")));
	}

	/** Every text the dialog shows (messages, labels), one string. */
	private static String messages(Container c) {
		StringBuilder sb = new StringBuilder();
		for (Component k : c.getComponents()) {
			if (k instanceof Label) sb.append(((Label) k).getText()).append('\n');
			else if (k instanceof ij.gui.MultiLineLabel) sb.append(multiLine((ij.gui.MultiLineLabel) k)).append('\n');
			else if (k instanceof Container) sb.append(messages((Container) k));
		}
		return sb.toString().replace("\n", " ");
	}

	private static String multiLine(ij.gui.MultiLineLabel l) {
		try {
			java.lang.reflect.Field f = ij.gui.MultiLineLabel.class.getDeclaredField("lines");
			f.setAccessible(true);
			return String.join(" ", (String[]) f.get(l));
		}
		catch (ReflectiveOperationException e) {
			return "";
		}
	}

	private static List<String> labels(Container c) {
		List<String> out = new ArrayList<>();
		for (Component k : c.getComponents()) {
			if (k instanceof Label) out.add(((Label) k).getText().trim());
			else if (k instanceof Checkbox) out.add(((Checkbox) k).getLabel().trim());
			else if (k instanceof Container) out.addAll(labels((Container) k));
		}
		return out;
	}

	private static int buttons(Container c, String label) {
		int n = 0;
		for (Component k : c.getComponents()) {
			if (k instanceof Button && ((Button) k).getLabel().trim().equals(label)) n++;
			else if (k instanceof Container) n += buttons((Container) k, label);
		}
		return n;
	}

	private static void expectStatusCleared(String when) throws Exception {
		Thread.sleep(200);
		String status = ImageJ.getStatusBarText();
		expect(status == null || status.isEmpty(), "status line cleared " + when + ", not '" + status + "'");
		ProgressBar bar = IJ.getInstance().getProgressBar();
		java.lang.reflect.Field f = ProgressBar.class.getDeclaredField("showBar");
		f.setAccessible(true);
		expect(!f.getBoolean(bar), "no progress bar left " + when);
	}

	private static ImagePlus stack() {
		for (int id : WindowManager.getIDList()) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp.getStack() instanceof DefectStack) return imp;
		}
		throw new AssertionError("the imported stack is open");
	}

	private static List<EpochMetrics> history() {
		TextWindow w = (TextWindow) WindowManager.getWindow("Training History");
		expect(w != null, "the Training History table is open");
		ResultsTable t = w.getResultsTable();
		List<EpochMetrics> h = new ArrayList<>();
		for (int i = 0; i < t.size(); i++) h.add(new EpochMetrics((int) t.getValue("epoch", i), t.getValue("loss", i),
			t.getValue("precision", i), t.getValue("recall", i), t.getValue("f1", i), t.getValue("val_loss", i),
			t.getValue("val_precision", i), t.getValue("val_recall", i), t.getValue("val_f1", i), t.getValue("seconds", i)));
		return h;
	}

	private static int rows(Path csv) throws IOException {
		return Files.readAllLines(csv, StandardCharsets.UTF_8).size() - 1;
	}

	private static int count(BufferedImage img, int y0, int y1, java.awt.Color c) {
		int n = 0;
		for (int y = y0; y < y1; y++)
			for (int x = 0; x < img.getWidth(); x++) {
				int p = img.getRGB(x, y);
				if (Math.abs(((p >> 16) & 0xff) - c.getRed()) < 30 && Math.abs(((p >> 8) & 0xff) - c.getGreen()) < 30 &&
					Math.abs((p & 0xff) - c.getBlue()) < 30) n++;
			}
		return n;
	}

	private static void shoot(Window w, String name) throws Exception {
		if (w == null) throw new AssertionError("no window for " + name);
		EventQueue.invokeAndWait(w::toFront);
		// laid out, placed and painted: the same bounds twice in a row
		Rectangle r = null;
		for (int i = 0; i < 20; i++) {
			Thread.sleep(300);
			Rectangle now = xBounds(w);
			if (now.equals(r)) break;
			r = now;
		}
		Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
		ImageIO.write(new Robot().createScreenCapture(r.intersection(screen)), "png", shots.resolve(name).toFile());
	}

	/**
	 * Where the X server has the window: without a window manager Java's idea of a centred dialog's
	 * place can be off, so ask the server (xwininfo) by title, else take Java's.
	 */
	private static Rectangle xBounds(Window w) {
		String title = w instanceof Frame ? ((Frame) w).getTitle() : w instanceof java.awt.Dialog ? ((java.awt.Dialog) w)
			.getTitle() : null;
		if (title != null) {
			try {
				Process p = new ProcessBuilder("xwininfo", "-root", "-tree").redirectErrorStream(true).start();
				String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				p.waitFor();
				Pattern g = Pattern.compile("(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");
				for (String line : text.split("\n"))
					if (line.contains("\"" + title + "\"")) {
						Matcher m = g.matcher(line);
						if (m.find()) return new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
							Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
					}
			}
			catch (IOException | InterruptedException e) {
				// no xwininfo: Java's bounds
			}
		}
		return new Rectangle(w.getLocationOnScreen(), w.getSize());
	}

	private static void shootScreen(String name) throws Exception {
		Thread.sleep(400);
		ImageIO.write(new Robot().createScreenCapture(new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize())),
			"png", shots.resolve(name).toFile());
	}
}
