package io.github.steeldefects.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** A tiny Severstal-like dataset painted in code: 40 x 20 grey JPEGs and both CSV versions. */
public final class TestData {

	public static final int W = 40;
	public static final int H = 20;

	/** New-format rows, deliberately not in id order. */
	public static final String NEW_CSV = "ImageId,ClassId,EncodedPixels\n" +
		"b.jpg,3,100 20\n" +
		"a.jpg,3,41 10 61 3\n" +
		"a.jpg,1,1 5\n" +
		"d.jpg,4,781 20\n" +
		"e.jpg,2,5 2 25 2\n" +
		"e.jpg,4,400 40\n" +
		"e.jpg,1,200 1\n";

	/** The same data in the old layout (c.jpg listed with four empty masks; f.jpg not listed). */
	public static final String OLD_CSV = "ImageId_ClassId,EncodedPixels\n" +
		"a.jpg_1,1 5\na.jpg_2,\na.jpg_3,41 10 61 3\na.jpg_4,\n" +
		"b.jpg_1,\nb.jpg_2,\nb.jpg_3,100 20\nb.jpg_4,\n" +
		"c.jpg_1,\nc.jpg_2,\nc.jpg_3,\nc.jpg_4,\n" +
		"d.jpg_1,\nd.jpg_2,\nd.jpg_3,\nd.jpg_4,781 20\n" +
		"e.jpg_1,200 1\ne.jpg_2,5 2 25 2\ne.jpg_3,\ne.jpg_4,400 40\n";

	public static final String[] IMAGES = { "a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg", "f.jpg" };

	private TestData() {}

	/** Writes {@code root/train_images/*.jpg} and {@code root/train.csv} (new format); returns root. */
	public static Path write(Path root) throws IOException {
		Path images = root.resolve("train_images");
		Files.createDirectories(images);
		for (String id : IMAGES) writeJpeg(images.resolve(id), W, H);
		Files.writeString(root.resolve("train.csv"), NEW_CSV);
		Files.writeString(root.resolve("train_old.csv"), OLD_CSV);
		return root;
	}

	/** A grey gradient stored as a 3-channel JPEG, as Severstal's images are. */
	public static void writeJpeg(Path file, int w, int h) throws IOException {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int v = (x * 5 + y * 3) & 0xff;
				img.setRGB(x, y, v << 16 | v << 8 | v);
			}
		if (!ImageIO.write(img, "jpg", file.toFile())) throw new IOException("no JPEG writer");
	}
}
