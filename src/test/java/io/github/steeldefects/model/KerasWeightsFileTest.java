package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KerasWeightsFileTest {

	static final Path DIR = Paths.get("target", "test-weights");
	static XceptionWeights source;

	@BeforeAll
	static void setUp() throws Exception {
		Files.createDirectories(DIR);
		source = TestWeights.random();
	}

	@Test
	void layerOrderHas132Layers() {
		List<KerasXceptionH5.KerasLayer> order = KerasXceptionH5.standardOrder();
		assertEquals(132, order.size());
		assertEquals(XceptionLayer.all().size(), order.stream().filter(k -> k.layer() != null).count());
	}

	@Test
	void readsShuffledResidualNumbersIntoTheRightTensors() {
		Path file = DIR.resolve("shuffled.h5");
		long t0 = System.nanoTime();
		KerasXceptionH5.write(file, source, KerasXceptionH5.layerOrder(new int[] { 7, 5, 8, 6 }, new int[] { 6, 8, 5, 7 }),
			KerasXceptionH5.Damage.NONE);
		long t1 = System.nanoTime();
		XceptionWeights read = KerasWeightsFile.read(file);
		long t2 = System.nanoTime();
		System.out.printf("write %.1f s, read %.1f s, %d MB%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, file.toFile().length() >> 20);
		for (WeightSpec s : XceptionLayer.allWeights()) {
			assertArrayEquals(source.get(s.name()), read.get(s.name()), s.name());
		}
		assertTrue(read.id().startsWith("sha256:"));
	}

	@Test
	void truncatedFileIsOneClearError() throws Exception {
		Path good = DIR.resolve("good.h5");
		KerasXceptionH5.write(good, source, KerasXceptionH5.standardOrder(), KerasXceptionH5.Damage.NONE);
		Path cut = DIR.resolve("truncated.h5");
		long size = Files.size(good);
		truncatedCopy(good, cut, size / 2);
		WeightsFileException e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(cut));
		assertMessage(e, cut, "truncated");
		// only the tail missing: the last tensors' data is gone
		truncatedCopy(good, cut, size - 4096);
		e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(cut));
		assertMessage(e, cut, "truncated");
		Files.delete(good);
		Files.delete(cut);
	}

	@Test
	void missingLayerIsNamed() throws Exception {
		Path file = DIR.resolve("missing.h5");
		KerasXceptionH5.write(file, source, KerasXceptionH5.standardOrder(),
			new KerasXceptionH5.Damage(n -> n.equals("block7_sepconv2_bn"), null));
		WeightsFileException e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(file));
		assertMessage(e, file, "block7_sepconv2_bn");
		Files.delete(file);
	}

	@Test
	void missingResidualIsNamedByRole() throws Exception {
		Path file = DIR.resolve("missing-residual.h5");
		KerasXceptionH5.write(file, source, KerasXceptionH5.standardOrder(),
			new KerasXceptionH5.Damage(n -> n.equals("conv2d_3"), null));
		WeightsFileException e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(file));
		assertMessage(e, file, "256 -> 728");
		Files.delete(file);
	}

	@Test
	void wrongShapeIsNamedWithBothShapes() throws Exception {
		Path file = DIR.resolve("wrong-shape.h5");
		KerasXceptionH5.write(file, source, KerasXceptionH5.standardOrder(),
			new KerasXceptionH5.Damage(n -> false, "block5_sepconv1/pointwise_kernel"));
		WeightsFileException e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(file));
		assertMessage(e, file, "block5_sepconv1/pointwise_kernel");
		assertTrue(e.getMessage().contains("(1, 1, 6552, 728)") && e.getMessage().contains("(1, 1, 728, 728)"),
			e.getMessage());
		Files.delete(file);
	}

	@Test
	void residualOfWrongShapeIsNamed() throws Exception {
		Path file = DIR.resolve("wrong-residual.h5");
		KerasXceptionH5.write(file, source, KerasXceptionH5.standardOrder(),
			new KerasXceptionH5.Damage(n -> false, "block4_residual/kernel"));
		WeightsFileException e = assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(file));
		assertMessage(e, file, "'conv2d_3' with kernel (1, 1, 2304, 728), which match none of Xception's residual layers");
		Files.delete(file);
	}

	@Test
	void notAnHdf5FileOrAbsentFileIsOneClearError() throws Exception {
		Path text = DIR.resolve("not-weights.h5");
		Files.writeString(text, "this is not HDF5");
		assertMessage(assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(text)), text, "HDF5");
		Path absent = DIR.resolve("absent.h5");
		assertMessage(assertThrows(WeightsFileException.class, () -> KerasWeightsFile.read(absent)), absent,
			"does not exist");
	}

	private static void truncatedCopy(Path from, Path to, long length) throws java.io.IOException {
		Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(to,
			java.nio.file.StandardOpenOption.WRITE))
		{
			ch.truncate(length);
		}
	}

	private static void assertMessage(WeightsFileException e, Path file, String mentions) {
		String m = e.getMessage();
		assertTrue(m.contains(file.toString()), m);
		assertTrue(m.contains(mentions), m);
		assertTrue(m.endsWith("."), m);
		assertEquals(file, e.file());
		System.out.println(m);
	}
}
