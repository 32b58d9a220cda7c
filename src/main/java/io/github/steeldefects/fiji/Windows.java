package io.github.steeldefects.fiji;

import java.awt.Rectangle;
import java.awt.Window;

import ij.IJ;
import ij.WindowManager;

/** Keeps the Log and Results windows side by side instead of one on top of the other. */
final class Windows {

	private Windows() {}

	/** Zooms an image's window out until it is no wider (and no taller) than the screen. */
	static void fitScreen(ij.ImagePlus imp) {
		ij.gui.ImageWindow win = imp.getWindow();
		if (win == null) return;
		Rectangle screen = win.getGraphicsConfiguration().getBounds();
		for (int i = 0; i < 4 && (win.getWidth() > screen.width || win.getHeight() > screen.height); i++) {
			ij.gui.ImageCanvas c = win.getCanvas();
			c.zoomOut(0, 0);
			win.pack();
		}
		if (win.getX() + win.getWidth() > screen.x + screen.width) win.setLocation(screen.x, win.getY());
	}

	/** Moves the Log window beside (or below) the Results window when the two overlap. */
	static void tidy() {
		if (IJ.getInstance() == null) return;
		Window results = WindowManager.getWindow("Results");
		Window log = WindowManager.getWindow("Log");
		if (results == null || log == null || !results.isVisible() || !log.isVisible()) return;
		Rectangle r = results.getBounds(), l = log.getBounds();
		if (!r.intersects(l)) return;
		Rectangle screen = results.getGraphicsConfiguration().getBounds();
		if (r.x + r.width + l.width <= screen.x + screen.width) log.setLocation(r.x + r.width, r.y);
		else if (r.y + r.height + l.height <= screen.y + screen.height) log.setLocation(r.x, r.y + r.height);
		else if (r.x - l.width >= screen.x) log.setLocation(r.x - l.width, r.y);
		else log.setLocation(screen.x, screen.y + screen.height - l.height);
	}
}
