package io.github.steeldefects.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.github.steeldefects.InputException;

/**
 * The one image decoder every reader of image files uses. ImageIO decodes a truncated JPEG without
 * a word (the missing part comes out grey) and some damaged files half-way; here a file must decode
 * without a warning, and JPEG and PNG files must end where their format says (JPEG's end-of-image
 * marker, PNG's IEND chunk). A damaged or truncated file is an {@link InputException} naming it;
 * a file that cannot be read at all is an I/O fault.
 */
public final class ImageFiles {

	private ImageFiles() {}

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	private static final byte[] PNG_IEND = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82 };

	/** Decodes an image file completely, or says why it cannot. */
	public static BufferedImage read(Path file) {
		if (Files.isDirectory(file)) throw new InputException(file + " is a folder, not an image file; give an image file.");
		return decode(file, IoFaults.readAllBytes(file,
			"Image file " + file + " does not exist; check the image id and the image folder."));
	}

	/** Decodes image bytes that came from {@code file} (named in errors). */
	public static BufferedImage decode(Path file, byte[] bytes) {
		if (bytes.length == 0) throw new InputException("Image file " + file + " is empty (0 bytes); replace it with the complete image.");
		checkComplete(file, bytes);
		List<String> warnings = new ArrayList<>();
		BufferedImage image;
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (!readers.hasNext()) throw new InputException("Image file " + file +
				" is not an image Java can decode (JPEG, PNG, BMP, GIF, TIFF); convert it or leave it out.");
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
				image = reader.read(0);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InputException ie) throw ie;
			throw new InputException("Image file " + file + " is damaged or truncated (" + reason(e) +
				"); replace it with a complete copy.", e);
		}
		if (!warnings.isEmpty()) throw new InputException("Image file " + file + " is damaged or truncated (" +
			warnings.get(0) + "); replace it with a complete copy.");
		if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) throw new InputException("Image file " + file +
			" holds no image; replace it with a complete copy.");
		return image;
	}

	/** JPEG must end with its end-of-image marker, PNG with its IEND chunk (trailing zero padding is allowed). */
	private static void checkComplete(Path file, byte[] b) {
		int end = b.length;
		while (end > 0 && b[end - 1] == 0) end--; // some writers pad
		if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
			// allow a little trailing junk after the marker, as cameras write
			int from = Math.max(2, end - 1024);
			boolean eoi = IntStream.rangeClosed(from, end - 2).anyMatch(i -> (b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9);
			if (!eoi) throw new InputException("Image file " + file + " is a truncated JPEG (" + b.length +
				" bytes, no end-of-image marker); replace it with a complete copy.");
		}
		else if (b.length >= 8 && Arrays.equals(b, 0, 8, PNG_SIGNATURE, 0, 8)) {
			boolean iend = end >= PNG_IEND.length + 8 && Arrays.equals(b, end - PNG_IEND.length, end, PNG_IEND, 0, PNG_IEND.length);
			if (!iend) throw new InputException("Image file " + file + " is a truncated PNG (" + b.length +
				" bytes, no IEND chunk at the end); replace it with a complete copy.");
		}
	}

	private static String reason(Throwable e) {
		String m = e.getMessage();
		Throwable c = e.getCause();
		if (c != null && c.getMessage() != null && (m == null || !m.contains(c.getMessage()))) m = (m == null ? "" : m + ": ") + c.getMessage();
		return m == null ? e.getClass().getSimpleName() : m;
	}
}
