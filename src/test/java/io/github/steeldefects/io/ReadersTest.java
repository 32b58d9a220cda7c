package io.github.steeldefects.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;

/** The shared readers and writers: the one image decoder, the CSV reader, the JSON writer. */
class ReadersTest {

	@TempDir
	Path dir;

	static byte[] encode(String format, int w, int h) throws IOException {
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 7 + y * 13) * 0x010203);
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ImageIO.write(img, format, o);
		return o.toByteArray();
	}

	@Test
	void completeImagesDecode() throws IOException {
		for (String f : new String[] { "jpg", "png", "bmp" }) {
			Path p = Files.write(dir.resolve("a." + f), encode(f, 64, 32));
			BufferedImage img = ImageFiles.read(p);
			assertEquals(64, img.getWidth());
			assertEquals(32, img.getHeight());
		}
	}

	@Test
	void truncatedJpegAndPngAreRefusedNamingTheFile() throws IOException {
		for (String f : new String[] { "jpg", "png" }) {
			byte[] full = encode(f, 256, 128);
			for (int keep : new int[] { full.length / 2, full.length - 2, 40 }) {
				Path p = Files.write(dir.resolve("cut" + keep + "." + f), Arrays.copyOf(full, keep));
				InputException e = assertThrows(InputException.class, () -> ImageFiles.read(p), f + " cut to " + keep);
				assertTrue(e.getMessage().startsWith("Image file " + p + " is "), e.getMessage());
				assertTrue(e.getMessage().contains("truncated"), e.getMessage());
			}
		}
	}

	@Test
	void aJpegWithGarbledScanDataIsRefused() throws IOException {
		byte[] jpeg = encode("jpg", 256, 128);
		// a run of bytes that are not valid entropy-coded data, with the end marker left in place
		for (int i = jpeg.length / 2; i < jpeg.length / 2 + 64; i++) jpeg[i] = (byte) 0xFF;
		Path p = Files.write(dir.resolve("garbled.jpg"), jpeg);
		InputException e = assertThrows(InputException.class, () -> ImageFiles.read(p));
		assertTrue(e.getMessage().contains("garbled.jpg") && e.getMessage().contains("damaged or truncated"), e.getMessage());
	}

	@Test
	void csvOfInvalidUtf8SaysWhichLineAndByte() throws IOException {
		byte[] b = "image_id,defect\na.jpg,1\nb\u00e9.jpg,0\n".getBytes(StandardCharsets.ISO_8859_1);
		Path p = Files.write(dir.resolve("latin1.csv"), b);
		InputException e = assertThrows(InputException.class, () -> Csv.read(p));
		assertEquals(p + " is not UTF-8 text: line 3 (byte 25) holds an invalid UTF-8 sequence; save it as UTF-8 CSV.",
			e.getMessage());
	}

	@Test
	void anUnclosedQuoteOnLine2OfALongFileIsNamed() throws IOException {
		// one pass over the file: the answer names line 2 (README's benchmark line measures the time)
		StringBuilder sb = new StringBuilder("image_id,defect\n\"a.jpg,1\n");
		for (int i = 0; i < 200_000; i++) sb.append("b").append(i).append(".jpg,0\n");
		Path p = Files.writeString(dir.resolve("long.csv"), sb);
		InputException e = assertThrows(InputException.class, () -> Csv.read(p));
		assertEquals(p + " line 2: a quoted field is never closed; add the missing double quote.", e.getMessage());
	}

	@Test
	void quotedFieldsMaySpanLinesAndLineNumbersStayRight() throws IOException {
		Path p = Files.writeString(dir.resolve("multi.csv"), "id,note\na,\"two\nlines\"\nb,x\n");
		Csv csv = Csv.read(p);
		assertEquals("two\nlines", csv.get(0, "note"));
		assertEquals(2, csv.line(0));
		assertEquals(4, csv.line(1));
	}

	@Test
	void jsonIsStrictNullForUndefinedAndReadsBack() {
		record Scores(double f1, float loss, double[] thresholds, String note) {}
		String json = Json.GSON.toJson(new Scores(Double.NaN, Float.POSITIVE_INFINITY, new double[] { 0.5, Double.NaN }, null));
		// a strict parser (as Python's json with parse_constant, JavaScript's JSON.parse) accepts it
		com.google.gson.stream.JsonReader strict = new com.google.gson.stream.JsonReader(new java.io.StringReader(json));
		strict.setLenient(false); // bare NaN or Infinity would throw here
		try {
			new com.google.gson.Gson().getAdapter(com.google.gson.JsonElement.class).read(strict);
		}
		catch (IOException e) {
			throw new AssertionError("not strict JSON: " + json, e);
		}
		assertTrue(!json.contains("NaN") && !json.contains("Infinity"), json);
		assertTrue(json.contains("\"f1\": null") && json.contains("\"note\": null"), json);
		Scores back = Json.GSON.fromJson(json, Scores.class);
		assertTrue(Double.isNaN(back.f1()) && Float.isNaN(back.loss()) && Double.isNaN(back.thresholds()[1]));
		assertEquals(0.5, back.thresholds()[0]);
	}
}
