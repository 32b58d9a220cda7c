package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.WindowManager;
import ij.process.ByteProcessor;

import io.github.steeldefects.commands.Options;
import io.github.steeldefects.data.ImageMasks;
import io.github.steeldefects.data.Rle;
import io.github.steeldefects.data.SeverstalCsv;

/** Encode Label Masks... without a masks folder: the open image's class overlay becomes CSV rows. */
class EncodeOpenImageTest {

	@TempDir
	Path dir;

	@AfterEach
	void forget() {
		WindowManager.setTempCurrentImage(null);
	}

	@Test
	void theOpenImagesOverlayIsEncoded() throws Exception {
		int w = 64, h = 32;
		byte[] square = new byte[w * h];
		for (int y = 4; y < 12; y++)
			for (int x = 10; x < 20; x++) square[x + y * w] = 1;
		ImageMasks rles = ImageMasks.of("", "", Rle.encode(square, w, h), "");
		ImagePlus imp = new ImagePlus("0001abcde.jpg", new ByteProcessor(w, h));
		imp.setOverlay(DefectOverlays.overlayFor(rles, w, h));
		WindowManager.setTempCurrentImage(imp);

		Path csv = dir.resolve("annotated.csv");
		assertTrue(MacroBridge.run("encode", Options.format("out", csv.toString())).contains("open image"));
		SortedMap<String, ImageMasks> read = SeverstalCsv.read(csv).masks();
		assertEquals(1, read.size());
		assertEquals(rles.rle(3), read.get("0001abcde.jpg").rle(3), "class 3's outline gives back its run-length mask");
		assertTrue(Files.readString(csv).startsWith("ImageId,ClassId,EncodedPixels"));
	}
}
