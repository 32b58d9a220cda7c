package io.github.steeldefects.model.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import io.github.steeldefects.model.RgbImage;

/** An image to classify, loaded only when its batch is due (so memory stays bounded). */
public interface ImageSource {

	/** Image id as shown in result tables, e.g. the file name. */
	String id();

	RgbImage load() throws IOException;

	/** An image file (JPEG, PNG, BMP, GIF, TIFF as far as ImageIO reads them); the id is the file name. */
	static ImageSource file(Path file) {
		return new ImageSource() {
			@Override
			public String id() {
				return file.getFileName().toString();
			}

			@Override
			public RgbImage load() throws IOException {
				if (!Files.isRegularFile(file)) throw new IOException("Image file " + file + " does not exist.");
				BufferedImage image;
				try {
					image = ImageIO.read(file.toFile());
				}
				catch (IOException | RuntimeException e) {
					throw new IOException("Cannot read image file " + file + ": " + e.getMessage(), e);
				}
				if (image == null) throw new IOException("Cannot read image file " + file
					+ ": it is not in an image format Java can decode (JPEG, PNG, BMP, GIF, TIFF).");
				return RgbImage.of(image);
			}
		};
	}

	/** An image already in memory. */
	static ImageSource of(String id, RgbImage image) {
		return new ImageSource() {
			@Override
			public String id() {
				return id;
			}

			@Override
			public RgbImage load() {
				return image;
			}
		};
	}
}
