package io.github.steeldefects.fiji;

import java.awt.Frame;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;

import io.github.steeldefects.data.TestData;

/**
 * Not a test: a manual check of the import in the ImageJ 1 GUI (use Xvfb on a server). Runs the
 * import through the menu code path on the tiny test set (or on {@code args[0]}, a folder with
 * train.csv and train_images), lists the windows it opened and the overlay of every slice, and
 * saves the flattened last slice and the class plot under target/gui-check.
 *
 * <pre>
 * xvfb-run -a java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.github.steeldefects.fiji.ImportGuiCheck
 * </pre>
 */
public final class ImportGuiCheck {

	public static void main(String[] args) throws Exception {
		Path out = Path.of("target/gui-check");
		Files.createDirectories(out);
		Path root = args.length > 0 ? Path.of(args[0]) : TestData.write(Files.createTempDirectory(out, "data"));
		new ImageJ(ImageJ.NO_SHOW);
		MacroBridge.run("import", "csv=[" + root.resolve("train.csv") + "] images=[" +
			root.resolve("train_images") + "] limit=" + (args.length > 1 ? args[1] : "20"));
		for (int id : WindowManager.getIDList()) System.out.println("image window: " + WindowManager.getImage(id).getTitle());
		for (Window w : WindowManager.getAllNonImageWindows())
			System.out.println("window: " + (w instanceof Frame ? ((Frame) w).getTitle() : w.getName()));
		ImagePlus stack = null;
		for (int id : WindowManager.getIDList())
			if (WindowManager.getImage(id).getStack().isVirtual()) stack = WindowManager.getImage(id);
		if (stack == null) throw new IllegalStateException("no virtual stack was opened");
		for (int n = 1; n <= stack.getStackSize(); n++) {
			stack.setSlice(n);
			Overlay o = stack.getOverlay();
			StringBuilder sb = new StringBuilder();
			for (int i = 0; o != null && i < o.size(); i++) sb.append(o.get(i).getName()).append("; ");
			System.out.println("slice " + n + " " + stack.getStack().getSliceLabel(n) + ": " + sb);
		}
		IJ.saveAs(stack.flatten(), "png", out.resolve("last-slice.png").toString());
		for (int id : WindowManager.getIDList())
			if (WindowManager.getImage(id).getTitle().startsWith("Images per"))
				IJ.saveAs(WindowManager.getImage(id), "png", out.resolve("class-plot.png").toString());
		System.out.println("Results table rows: " + ij.measure.ResultsTable.getResultsTable().size());
		System.exit(0);
	}
}
