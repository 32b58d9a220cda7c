package io.github.steeldefects.fiji;

import java.awt.Frame;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.ImageWindow;

/**
 * Not a test: a manual check of the heatmap overlay and the localization table in the ImageJ 1 GUI
 * (use Xvfb on a server, then take a screenshot while it waits). Imports {@code limit} images of a
 * dataset folder (train.csv + train_images) as a stack, classifies the open stack with a model,
 * shows slice {@code slice}, then runs evaluate with masks= on a list, and waits {@code wait}
 * seconds before exiting. Also saves the flattened slice under target/gui-check.
 *
 * <pre>
 * DISPLAY=:73 java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.steeldefects.fiji.HeatmapGuiCheck \
 *     DATA MODEL LIST [limit=12] [slice=2] [wait=60] [show=true]
 * </pre>
 */
public final class HeatmapGuiCheck {

	public static void main(String[] args) throws Exception {
		Path data = Path.of(args[0]), model = Path.of(args[1]), list = Path.of(args[2]);
		int limit = 12, slice = 2, wait = 60;
		String show = "true";
		for (int i = 3; i < args.length; i++) {
			String[] kv = args[i].split("=", 2);
			switch (kv[0]) {
				case "limit" -> limit = Integer.parseInt(kv[1]);
				case "slice" -> slice = Integer.parseInt(kv[1]);
				case "wait" -> wait = Integer.parseInt(kv[1]);
				case "show" -> show = kv[1];
				default -> throw new IllegalArgumentException(args[i]);
			}
		}
		Path out = Path.of("target/gui-check");
		Files.createDirectories(out);
		new ImageJ();
		MacroBridge.run("import", "csv=[" + data.resolve("train.csv") + "] images=[" + data.resolve("train_images")
			+ "] limit=" + limit);
		ImagePlus stack = null;
		for (int id : WindowManager.getIDList())
			if (WindowManager.getImage(id).getStack().isVirtual()) stack = WindowManager.getImage(id);
		if (stack == null) throw new IllegalStateException("no virtual stack was opened");
		WindowManager.setCurrentWindow(stack.getWindow());
		MacroBridge.run("classify", "model=[" + model + "] device=cpu showheatmaps=" + show);
		stack.setSlice(slice);
		ImageWindow win = stack.getWindow();
		if (win != null) {
			win.setLocation(0, 0);
			win.toFront();
		}
		IJ.saveAs(stack.flatten(), "png", out.resolve("heatmap-slice.png").toString());
		MacroBridge.run("evaluate", "model=[" + model + "] images=[" + data.resolve("train_images") + "] test=[" + list
			+ "] masks=[" + data.resolve("train.csv") + "] device=cpu");
		// lay the windows out for a screenshot: the stack on top, the Results table and the localization plot below
		for (int id : WindowManager.getIDList()) {
			ImagePlus imp = WindowManager.getImage(id);
			if (imp.getTitle().startsWith("Heatmap localization") && imp.getWindow() != null) imp.getWindow().setLocation(0, 420);
			else if (imp != stack) imp.close();
		}
		for (Window w : WindowManager.getAllNonImageWindows()) {
			String title = w instanceof Frame ? ((Frame) w).getTitle() : w.getName();
			System.out.println("window: " + title);
			if (title.equals("Results")) w.setBounds(0, 235, 1600, 175);
			else if (title.startsWith("Confusion") || title.startsWith("Class Summary")) w.dispose();
			else if (title.equals("Log")) w.setBounds(710, 420, 890, 420);
		}
		if (win != null) win.toFront();
		System.out.println("READY");
		Thread.sleep(wait * 1000L);
		System.exit(0);
	}
}
