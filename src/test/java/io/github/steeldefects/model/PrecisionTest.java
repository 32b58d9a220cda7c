package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.steeldefects.InputException;
import io.github.steeldefects.model.TensorFlowRuntime.Precision;
import io.github.steeldefects.model.TensorFlowRuntime.PrecisionChoice;

/** precision=auto|fp32|bf16: parsing, auto's choice from the CPU flags, cache keys, and bf16 features close to fp32. */
class PrecisionTest {

	@Test
	void parsesTheThreeValuesAndRejectsOthersWithOneSentence() {
		assertEquals(Precision.AUTO, Precision.parse("auto"));
		assertEquals(Precision.AUTO, Precision.parse(""));
		assertEquals(Precision.FP32, Precision.parse("FP32"));
		assertEquals(Precision.BF16, Precision.parse(" bf16 "));
		for (String bad : List.of("fp16", "float", "bf-16", "32")) {
			InputException e = assertThrows(InputException.class, () -> Precision.parse(bad));
			assertEquals("precision=" + bad + " is not one of auto, fp32, bf16; give precision=auto (bf16 where the CPU runs"
				+ " it natively), fp32 (exact) or bf16.", e.getMessage());
		}
	}

	@Test
	void autoTakesBf16OnlyWhereTheCpuHasItNatively() {
		PrecisionChoice avx = TensorFlowRuntime.choosePrecision(Precision.AUTO, false, Set.of("avx2", "avx512f", "avx512_bf16"));
		assertEquals(Precision.BF16, avx.precision());
		assertEquals("bf16: AVX512_BF16", avx.note());
		PrecisionChoice amx = TensorFlowRuntime.choosePrecision(Precision.AUTO, false,
			Set.of("avx512_bf16", "amx_tile", "amx_bf16"));
		assertEquals(new PrecisionChoice(Precision.BF16, "bf16: AMX"), amx);
		PrecisionChoice none = TensorFlowRuntime.choosePrecision(Precision.AUTO, false, Set.of("avx2", "avx512f", "fma"));
		assertEquals(Precision.FP32, none.precision());
		assertEquals("fp32: this CPU has no AVX512_BF16 or AMX", none.note());

		// explicit requests are kept; bf16 without native support says it is emulated
		assertEquals(new PrecisionChoice(Precision.FP32, null),
			TensorFlowRuntime.choosePrecision(Precision.FP32, false, Set.of("avx512_bf16")));
		PrecisionChoice emulated = TensorFlowRuntime.choosePrecision(Precision.BF16, false, Set.of("avx2"));
		assertEquals(Precision.BF16, emulated.precision());
		assertTrue(emulated.note().contains("emulated"), emulated.note());
		// a GPU: auto stays fp32 (bf16 on GPUs was not measured)
		assertEquals(Precision.FP32, TensorFlowRuntime.choosePrecision(Precision.AUTO, true, Set.of("avx512_bf16")).precision());
	}

	@Test
	void readsTheFlagsLineOfCpuinfo(@TempDir Path dir) throws Exception {
		Path cpuinfo = dir.resolve("cpuinfo");
		Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu avx2 avx512f avx512_bf16\n"
			+ "bugs\t\t: sysret_ss_attrs\n\nprocessor\t: 1\nflags\t\t: fpu avx2\n", StandardCharsets.UTF_8);
		assertEquals(Set.of("fpu", "avx2", "avx512f", "avx512_bf16"), TensorFlowRuntime.cpuFlags(cpuinfo));
		assertEquals(Set.of(), TensorFlowRuntime.cpuFlags(dir.resolve("missing")), "no cpuinfo: no flags, auto means fp32");
	}

	@Test
	@Tag("tensorflow")
	void theDeviceLineSaysThePrecisionAndTheRuntimeResolvesIt() {
		List<String> log = new java.util.ArrayList<>();
		TensorFlowRuntime auto = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.AUTO, log::add);
		PrecisionChoice expected = TensorFlowRuntime.choosePrecision(Precision.AUTO, false, TensorFlowRuntime.cpuFlags());
		assertEquals(expected.precision(), auto.precision());
		assertEquals(List.of(auto.deviceReason()), log);
		assertTrue(auto.deviceReason().startsWith("TensorFlow runs on CPU (" + expected.note() + "): "), auto.deviceReason());

		TensorFlowRuntime bf16 = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.BF16, s -> { });
		assertEquals(Precision.BF16, bf16.precision());
		assertEquals(org.tensorflow.proto.RewriterConfig.Toggle.ON, bf16.mixedPrecisionSessionConfig().getGraphOptions()
			.getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16(), "fp32 graphs (SavedModels) get the bf16 rewrite");
		TensorFlowRuntime fp32 = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.FP32, s -> { });
		assertEquals(fp32.sessionConfig(), fp32.mixedPrecisionSessionConfig(), "fp32 sessions are left as they were");
	}

	@Test
	void cacheKeysDifferByPrecisionAndFp32KeepsTheOldKeys() {
		String fp32 = FeatureCache.key("w", "img", 96, 96, "original", Precision.FP32);
		String bf16 = FeatureCache.key("w", "img", 96, 96, "original", Precision.BF16);
		assertNotEquals(fp32, bf16);
		assertEquals(FeatureCache.key("w", "img", 96, 96, "original"), fp32, "caches written before precision stay valid");
		assertThrows(IllegalArgumentException.class, () -> FeatureCache.key("w", "img", 96, 96, "original", Precision.AUTO));
	}

	@Test
	void bf16RoundsToNearestEven() {
		assertEquals((short) 0x3f80, XceptionBf16.toBf16Bits(1f));
		assertEquals((short) 0x3f80, XceptionBf16.toBf16Bits(Float.intBitsToFloat(0x3f808000)), "tie to even (down)");
		assertEquals((short) 0x3f82, XceptionBf16.toBf16Bits(Float.intBitsToFloat(0x3f818000)), "tie to even (up)");
		assertEquals((short) 0x3f81, XceptionBf16.toBf16Bits(Float.intBitsToFloat(0x3f808001)), "above half rounds up");
		assertTrue(Float.isNaN(Float.intBitsToFloat(XceptionBf16.toBf16Bits(Float.NaN) << 16)));
	}

	@Test
	@Tag("tensorflow")
	void bf16FeaturesPointTheSameWayAsFp32Features() {
		TensorFlowRuntime fp32 = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.FP32, s -> { });
		TensorFlowRuntime bf16 = TensorFlowRuntime.start(TensorFlowRuntime.Device.CPU, Precision.BF16, s -> { });
		List<RgbImage> images = List.of(RgbImage.of(FeatureExtractorTest.greyImage(96, 96, 1)),
			RgbImage.of(FeatureExtractorTest.greyImage(96, 96, 2)), RgbImage.of(FeatureExtractorTest.greyImage(96, 96, 3)));
		float[][] a, b;
		try (FeatureExtractor exact = new FeatureExtractor(TestWeights.random(), 96, 96, fp32)) {
			assertEquals(Precision.FP32, exact.precision());
			a = exact.extract(images);
		}
		try (FeatureExtractor fast = new FeatureExtractor(TestWeights.random(), 96, 96, bf16)) {
			assertEquals(Precision.BF16, fast.precision());
			b = fast.extract(images);
		}
		for (int i = 0; i < images.size(); i++) {
			double cosine = cosine(a[i], b[i]);
			assertTrue(cosine >= 0.999, "image " + i + ": cosine " + cosine);
			assertTrue(!java.util.Arrays.equals(a[i], b[i]), "bf16 is not the fp32 graph again");
		}
	}

	@Test
	@Tag("tensorflow")
	void bf16FineTuningGraphHasTheSameVariablesAndCloseFeatures() {
		int h = 71, w = 71;
		float[] rgb = RgbImage.of(FeatureExtractorTest.greyImage(w, h, 4)).pixels();
		Set<String> trainable = Set.of("block13", "block14");
		float[][] features = new float[2][];
		java.util.List<java.util.Set<String>> names = new java.util.ArrayList<>();
		for (int k = 0; k < 2; k++) {
			try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
				org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
				var in = tf.placeholder(org.tensorflow.types.TFloat32.class,
					org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, h, w, 3)));
				Xception.Network net = k == 0 ? Xception.buildNetwork(tf, Xception.preprocess(tf, in), TestWeights.random(), trainable)
					: XceptionBf16.buildNetwork(tf, Xception.preprocess(tf, in), TestWeights.random(), trainable);
				names.add(net.variables().keySet());
				try (org.tensorflow.Session s = new org.tensorflow.Session(g);
					var x = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(1, h, w, 3),
						org.tensorflow.ndarray.buffer.DataBuffers.of(rgb, true, false));
					var r = s.runner().feed(in, x).fetch(net.features()).run())
				{
					features[k] = new float[Xception.FEATURES];
					((org.tensorflow.types.TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(features[k], false, false));
				}
			}
		}
		assertEquals(names.get(0), names.get(1), "the same trainable variables, so checkpoints and export are alike");
		assertTrue(names.get(0).contains("block13_sepconv1/depthwise_kernel"), names.get(0).toString());
		double cosine = cosine(features[0], features[1]);
		assertTrue(cosine >= 0.999 && cosine < 1, "cosine " + cosine);
	}

	static double cosine(float[] a, float[] b) {
		double ab = 0, aa = 0, bb = 0;
		for (int i = 0; i < a.length; i++) {
			ab += (double) a[i] * b[i];
			aa += (double) a[i] * a[i];
			bb += (double) b[i] * b[i];
		}
		return ab / Math.sqrt(aa * bb);
	}
}
