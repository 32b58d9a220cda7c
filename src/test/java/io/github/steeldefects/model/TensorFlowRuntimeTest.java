package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

@Tag("tensorflow")
class TensorFlowRuntimeTest {

	@Test
	void startsOfflineOnceWithOneLogLinePerDevice() {
		List<String> log = new ArrayList<>();
		TensorFlowRuntime cpu = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, log::add);
		TensorFlowRuntime again = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, log::add);
		assertSame(cpu, again);
		assertEquals(1, log.size(), log.toString());
		assertTrue(log.get(0).startsWith("TensorFlow runs on CPU: "), log.get(0));
		assertFalse(cpu.usesGpu());
		assertEquals(0, cpu.sessionConfig().getDeviceCountOrThrow("GPU"));
		assertEquals(cpu.sessionConfig(), parse(cpu.sessionConfigBase64()));

		String folder = System.getProperty(TensorFlowRuntime.LIBRARY_PATH_PROPERTY);
		assertTrue(new File(folder, System.mapLibraryName("jnitensorflow")).isFile(), folder);
		assertEquals("true", System.getProperty("ai.djl.offline"));
	}

	@Test
	void autoExplainsItsChoice() {
		List<String> log = new ArrayList<>();
		TensorFlowRuntime auto = TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, log::add);
		assertTrue(log.size() <= 1, log.toString()); // zero if another test resolved auto already
		assertTrue(auto.deviceReason().startsWith(auto.usesGpu() ? "TensorFlow runs on GPU: " : "TensorFlow runs on CPU: "));
		if (!auto.usesGpu()) {
			assertEquals(0, auto.sessionConfig().getDeviceCountOrThrow("GPU"));
			List<String> gpuLog = new ArrayList<>();
			TensorFlowRuntime gpu = TensorFlowRuntime.start(TensorFlowRuntime.Device.GPU, gpuLog::add);
			assertFalse(gpu.usesGpu());
			assertTrue(gpu.deviceReason().startsWith("TensorFlow runs on CPU although GPU was requested: "),
				gpu.deviceReason());
		}
	}

	@Test
	void djlTensorFlowEngineRunsOfflineOnTheSameNatives() {
		TensorFlowRuntime.start(TensorFlowRuntime.Device.AUTO, s -> { });
		Engine engine = Engine.getEngine("TensorFlow");
		try (NDManager manager = engine.newBaseManager()) {
			NDArray a = manager.create(new float[] { 1, 2, 3 });
			assertEquals(14f, a.mul(a).sum().getFloat(), 1e-6);
		}
		// DJL must have mapped the very library JavaCPP loaded, not a second copy
		java.nio.file.Path maps = java.nio.file.Paths.get("/proc/self/maps");
		if (java.nio.file.Files.isReadable(maps)) {
			try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(maps)) {
				List<String> copies = lines.filter(l -> l.contains("libtensorflow_cc.so"))
					.map(l -> l.substring(l.indexOf('/'))).distinct().toList();
				assertEquals(1, copies.size(), copies.toString());
			}
			catch (java.io.IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
	}

	private static org.tensorflow.proto.ConfigProto parse(String base64) {
		try {
			return org.tensorflow.proto.ConfigProto.parseFrom(java.util.Base64.getDecoder().decode(base64));
		}
		catch (com.google.protobuf.InvalidProtocolBufferException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void anOldTensorFlowJarFirstOnTheClassPathIsNamed() {
		TensorFlowRuntime.checkTensorFlowJava(org.tensorflow.Tensor.class);
		// stand-in for TF1's class org.tensorflow.Tensor: a class, not an interface
		IllegalStateException e = assertThrows(IllegalStateException.class,
			() -> TensorFlowRuntime.checkTensorFlowJava(TensorFlowRuntimeTest.class));
		assertTrue(e.getMessage().startsWith("An old TensorFlow 1.x library (file:"), e.getMessage());
		assertTrue(e.getMessage().contains("test-classes"), e.getMessage());
	}

	@Test
	void parsesDeviceNames() {
		assertEquals(TensorFlowRuntime.Device.GPU, TensorFlowRuntime.Device.parse(" GPU "));
		assertEquals(TensorFlowRuntime.Device.CPU, TensorFlowRuntime.Device.parse("cpu"));
		assertEquals(TensorFlowRuntime.Device.AUTO, TensorFlowRuntime.Device.parse(""));
		io.github.steeldefects.InputException e = assertThrows(io.github.steeldefects.InputException.class,
			() -> TensorFlowRuntime.Device.parse("tpu"));
		assertEquals("device=tpu is not one of auto, cpu, gpu.", e.getMessage());
	}
}
