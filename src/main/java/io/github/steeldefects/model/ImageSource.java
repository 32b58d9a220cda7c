package io.github.steeldefects.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** An image to train on or classify, loaded only when its batch is due (so memory stays bounded). */
public interface ImageSource {

	/** Image id as shown in result tables, e.g. the file name. */
	String id();

	RgbImage load() throws IOException;

	/** An image file (JPEG, PNG, BMP, GIF, TIFF as far as ImageIO reads them); the id is the file name. */
	static ImageSource file(Path file) {
		// the one decoder (io.ImageFiles): missing, damaged or truncated is an InputException naming the file
		return of(() -> file.getFileName().toString(), () -> FeatureExtractor.read(file));
	}

	/** An image already in memory. */
	static ImageSource of(String id, RgbImage image) {
		return of(() -> id, () -> image);
	}

	private static ImageSource of(Supplier<String> id, Supplier<RgbImage> image) {
		return new ImageSource() {
			@Override
			public String id() {
				return id.get();
			}

			@Override
			public RgbImage load() {
				return image.get();
			}
		};
	}
}
