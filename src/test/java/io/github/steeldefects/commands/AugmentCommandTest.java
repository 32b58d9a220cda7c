package io.github.steeldefects.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.augment.AugmentPreview;
import io.github.steeldefects.augment.Augmenter;
import io.github.steeldefects.cli.Main;
import io.github.steeldefects.data.Rle;

class AugmentCommandTest {

	static final int W = 200, H = 64;

	@TempDir
	static Path dir;

	static Path images, csv;
	static byte[] grey, labels;

	/** Two images: clean.png (no defect) and steel.png with a class-2 square; a train.csv in the new format. */
	@BeforeAll
	static void paint() throws IOException {
		images = Files.createDirectories(dir.resolve("train_images"));
		grey = new byte[W * H];
		labels = new byte[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				boolean in = x >= 50 && x < 70 && y >= 20 && y < 40;
				grey[x + y * W] = (byte) (in ? 230 : 60 + (x % 20));
				if (in) labels[x + y * W] = 2;
			}
		write(grey, images.resolve("steel.png"));
		write(new byte[W * H], images.resolve("clean.png"));
		csv = Files.writeString(dir.resolve("train.csv"), "ImageId,ClassId,EncodedPixels\nsteel.png,2," +
			Rle.encode(labels, W, H) + "\n");
	}

	static void write(byte[] pixels, Path file) throws IOException {
		BufferedImage b = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
		b.getRaster().setDataElements(0, 0, W, H, pixels);
		ImageIO.write(b, "png", file.toFile());
	}

	private static int cli(ByteArrayOutputStream err, String... args) {
		return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
			new PrintStream(err, true, StandardCharsets.UTF_8));
	}

	@Test
	void commandLineWritesTheMontageWithOutlines() throws IOException {
		Path png = dir.resolve("montage.png");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// no image=: the first image with a defect in the csv
		assertEquals(0, cli(err, "augment", "images=" + images, "csv=" + csv, "augment=[hflip=1 zoom=0.1]", "n=3",
			"out=" + png), err.toString(StandardCharsets.UTF_8));
		BufferedImage m = ImageIO.read(png.toFile());
		assertEquals(W, m.getWidth());
		assertEquals(4 * H + 3 * 4, m.getHeight());
		// tile 0, the original: the class-2 outline at the square's left edge, grey inside it
		assertEquals(AugmentPreview.classColor(2).getRGB(), m.getRGB(50, 30));
		assertEquals(0xffe6e6e6, m.getRGB(60, 30));
		// tile 1 is flipped: the square's outline now starts at column W - 1 - 50
		int top = H + 4;
		assertEquals(AugmentPreview.classColor(2).getRGB(), m.getRGB(W - 1 - 50, top + 30));
		assertEquals(AugmentPreview.classColor(2).getRGB() & 0xffffff, m.getRGB(W - 1 - 50, top + 30) & 0xffffff);

		// an existing montage is kept unless overwrite=true
		byte[] before = Files.readAllBytes(png);
		err.reset();
		assertEquals(2, cli(err, "augment", "images=" + images, "csv=" + csv, "image=steel.png", "seed=5", "out=" + png));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("overwrite=true"));
		assertArrayEquals(before, Files.readAllBytes(png));
		assertEquals(0, cli(err, "augment", "images=" + images, "csv=" + csv, "image=steel.png", "seed=5", "out=" + png,
			"overwrite=true"));
	}

	@Test
	void badInputExitsWithTwoAndWritesNothing() {
		Path png = dir.resolve("never.png");
		String[][] cases = { { "csv=" + csv, "augment=[hflip sharpen=2]", "'sharpen=2'" },
			{ "csv=" + csv, "image=missing.png", "missing.png" }, { "csv=" + csv, "n=0", "n" },
			{ "csv=" + dir.resolve("nope.csv"), "seed=1", "nope.csv" } };
		for (String[] c : cases) {
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			assertEquals(2, cli(err, "augment", "images=" + images, "out=" + png, c[0], c[1]), c[1]);
			String msg = err.toString(StandardCharsets.UTF_8).trim();
			assertTrue(msg.contains(c[2]) && !msg.contains("\n"), c[1] + " -> " + msg);
		}
		assertFalse(Files.exists(png));
	}

	@Test
	void commandServiceRunsItHeadlessAndMatchesTraining() throws Exception {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("images", images.toFile());
		inputs.put("csv", csv.toFile());
		inputs.put("image", "steel.png");
		inputs.put("augment", "hflip vflip shift=0.05 zoom=0.1 brightness=0.1");
		inputs.put("n", 4);
		inputs.put("seed", 7L);
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule module = ctx.service(CommandService.class).run(AugmentCommand.class, true, inputs).get();
			AugmentPreview p = ((AugmentCommand) module.getCommand()).preview();
			assertEquals(5, p.tiles().size());
			assertArrayEquals(labels, p.tiles().get(0).mask());
			// the preview shows exactly what training gets for (seed, image id, variant)
			Augmenter a = new Augmenter(AugmentConfig.parse("hflip vflip shift=0.05 zoom=0.1 brightness=0.1"));
			for (int v = 1; v <= 4; v++) {
				Augmenter.Result r = a.apply(grey, labels, W, H, Augmenter.imageSeed(7, "steel.png"), v);
				assertArrayEquals(r.image(), p.tiles().get(v).image());
				assertArrayEquals(r.mask(), p.tiles().get(v).mask());
			}
		}
	}
}
