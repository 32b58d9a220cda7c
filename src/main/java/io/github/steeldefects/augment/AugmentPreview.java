package io.github.steeldefects.augment;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.imageio.ImageIO;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;

/**
 * What training will see of one image: the original and N augmented variants with their masks,
 * as tiles (for a stack in Fiji) or as one PNG montage with class outlines (headless).
 */
public record AugmentPreview(String imageId, int width, int height, List<Tile> tiles) {

	/** Outline colours of classes 1..4 (then repeating). */
	public static final Color[] CLASS_COLORS = { new Color(249, 192, 12), new Color(0, 185, 241),
		new Color(114, 0, 218), new Color(249, 50, 12) };

	/** Grey between tiles in the montage. */
	static final int GAP = 4;

	/**
	 * One tile: an image, its label mask and what was done to it.
	 *
	 * @param variant 0 for the original
	 */
	public record Tile(byte[] image, byte[] mask, int variant, String label) {}

	public AugmentPreview {
		tiles = Collections.unmodifiableList(tiles);
	}

	/** The original (tile 0) and variants 1..n of the image, seeded per image as training seeds them. */
	public static AugmentPreview of(String imageId, byte[] image, byte[] mask, int width, int height,
		AugmentConfig config, long seed, int n)
	{
		Augmenter a = new Augmenter(config);
		long imageSeed = Augmenter.imageSeed(seed, imageId);
		List<Tile> tiles = new ArrayList<>();
		tiles.add(new Tile(image.clone(), mask.clone(), 0, "original"));
		for (int v = 1; v <= n; v++) {
			Augmenter.Result r = a.apply(image, mask, width, height, imageSeed, v);
			tiles.add(new Tile(r.image(), r.mask(), v, "variant " + v + ": " + r.draw()));
		}
		return new AugmentPreview(imageId, width, height, tiles);
	}

	/** A grey image read from a file (colour is averaged, as ImageJ converts RGB to 8-bit). */
	public record Grey(byte[] pixels, int width, int height) {}

	public static Grey read(Path file) {
		if (!Files.isRegularFile(file)) throw new InputException(file + " does not exist; check images= and image=.");
		BufferedImage img = io.github.steeldefects.io.ImageFiles.read(file);
		int w = img.getWidth(), h = img.getHeight();
		Raster r = img.getRaster();
		byte[] grey = new byte[w * h];
		boolean colour = r.getNumBands() >= 3 && img.getColorModel().getNumColorComponents() >= 3;
		// grey samples are read as stored (getRGB would apply a gamma); 16-bit ones keep their top 8 bits
		int shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				if (colour) {
					int rgb = img.getRGB(x, y);
					grey[x + y * w] = (byte) ((((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3);
				}
				else grey[x + y * w] = (byte) (r.getSample(x, y, 0) >> shift);
			}
		}
		return new Grey(grey, w, h);
	}

	/** All tiles one under the other, class outlines in colour, each tile's label in its corner. */
	public BufferedImage montage() {
		int h = tiles.size() * height + (tiles.size() - 1) * GAP;
		BufferedImage out = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D gaps = out.createGraphics();
		gaps.setColor(Color.DARK_GRAY);
		gaps.fillRect(0, 0, width, h);
		gaps.dispose();
		int[] rgb = new int[width * height];
		for (int t = 0; t < tiles.size(); t++) {
			Tile tile = tiles.get(t);
			for (int i = 0; i < rgb.length; i++) {
				int v = tile.image[i] & 0xff;
				rgb[i] = v << 16 | v << 8 | v;
			}
			drawOutlines(tile.mask, width, height, rgb);
			out.setRGB(0, t * (height + GAP), width, height, rgb, 0, width);
		}
		try {
			Graphics2D g = out.createGraphics();
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(16, height / 12))));
			for (int t = 0; t < tiles.size(); t++) {
				int top = t * (height + GAP);
				String text = (t == 0 ? imageId + " " : "") + tiles.get(t).label;
				int tw = g.getFontMetrics().stringWidth(text);
				g.setColor(new Color(0, 0, 0, 160));
				g.fillRect(2, top + 2, tw + 8, g.getFontMetrics().getHeight() + 4);
				g.setColor(Color.WHITE);
				g.drawString(text, 6, top + 4 + g.getFontMetrics().getAscent());
			}
			g.dispose();
		}
		catch (RuntimeException | Error e) {
			// a JVM without fonts: the montage is still useful without its labels
		}
		return out;
	}

	/**
	 * Colours the border pixels of each class region: a pixel of class k > 0 with a neighbour
	 * (8-connected) of another value, or on the image's edge.
	 */
	public static void drawOutlines(byte[] mask, int w, int h, int[] rgb) {
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				int k = mask[x + y * w] & 0xff;
				if (k == 0) continue;
				boolean border = false;
				for (int dy = -1; dy <= 1 && !border; dy++) {
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx, yy = y + dy;
						if (xx < 0 || yy < 0 || xx >= w || yy >= h || (mask[xx + yy * w] & 0xff) != k) {
							border = true;
							break;
						}
					}
				}
				if (border) rgb[x + y * w] = classColor(k).getRGB() & 0xffffff;
			}
		}
	}

	public static Color classColor(int k) {
		return CLASS_COLORS[(k - 1) % CLASS_COLORS.length];
	}

	/** Writes the montage as a PNG, atomically. */
	public void writePng(Path target, boolean overwrite) {
		BufferedImage m = montage();
		AtomicFiles.write(target, overwrite, out -> {
			if (!ImageIO.write(m, "png", out)) throw new IOException("no PNG writer");
		});
	}
}
