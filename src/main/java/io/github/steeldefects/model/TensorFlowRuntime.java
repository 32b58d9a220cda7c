package io.github.steeldefects.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.bytedeco.javacpp.Loader;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

import io.github.steeldefects.InputException;

/**
 * Starts TensorFlow without any download and decides which device it runs on.
 * <p>
 * The native libraries come from the {@code tensorflow-core-native} jar on the class path, loaded
 * through JavaCPP. The folder of the loaded library is then published as system property
 * {@code TENSORFLOW_LIBRARY_PATH}, so that DJL's TensorFlow engine maps that same copy instead of
 * downloading its own; {@code ai.djl.offline} is set to {@code true}. Call {@link #start} before
 * anything touches DJL's TensorFlow engine.
 * <p>
 * Device: {@code gpu} and {@code auto} use the GPU only when the GPU build of the natives is
 * installed and TensorFlow sees a CUDA device; otherwise TensorFlow runs on the CPU. {@code cpu}
 * hides all GPUs from the sessions made here. Each requested device is resolved once, with one log
 * line saying which device and why. Thread-safe and idempotent.
 * <p>
 * Precision: {@code fp32} is the Keras-exact path. {@code bf16} computes in bfloat16 (fp32 where
 * accuracy needs it): the frozen base is built in bf16 ({@link XceptionBf16}, also exported as a
 * second signature of SavedModels trained in bf16; fine-tuning runs its frozen blocks so).
 * {@code auto} takes bf16 where the CPU executes it natively (flags {@code avx512_bf16} or
 * {@code amx_bf16} in {@code /proc/cpuinfo}), else fp32; on a GPU {@code auto} stays fp32 (bf16 on
 * GPUs was not measured by this project). The device line says which, e.g.
 * {@code TensorFlow runs on CPU (bf16: AVX512_BF16): ...}.
 */
public final class TensorFlowRuntime {

	/** Requested device. */
	public enum Device {
		AUTO, CPU, GPU;

		/** Parses {@code auto}, {@code cpu} or {@code gpu} (any case; empty is auto): the one parser of {@code device=}. */
		public static Device parse(String text) {
			return parseChoice(Device.class, "device", text, "");
		}
	}

	/** One of an enum's constants by name, any case, empty for the first; else "key=text is not one of a, b, c" + hint. */
	private static <E extends Enum<E>> E parseChoice(Class<E> type, String key, String text, String hint) {
		String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
		if (t.isEmpty()) return type.getEnumConstants()[0];
		for (E e : type.getEnumConstants()) {
			if (e.name().equals(t)) return e;
		}
		String names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
		throw new InputException(key + "=" + text + " is not one of " + names + hint + ".");
	}

	/** Requested arithmetic precision of the network. */
	public enum Precision {
		AUTO, FP32, BF16;

		/** Parses {@code auto}, {@code fp32} or {@code bf16} (any case; empty is auto): the one parser of {@code precision=}. */
		public static Precision parse(String text) {
			return parseChoice(Precision.class, "precision", text,
				"; give precision=auto (bf16 where the CPU runs it natively), fp32 (exact) or bf16");
		}

		/** Lower-case name as the commands and model.json spell it: {@code auto}, {@code fp32}, {@code bf16}. */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/**
	 * What a precision request resolves to.
	 *
	 * @param precision FP32 or BF16, never AUTO
	 * @param note what the device line says about it, e.g. {@code bf16: AVX512_BF16}; null for a plain fp32 request
	 */
	public record PrecisionChoice(Precision precision, String note) {}

	/**
	 * Resolves a precision request for a device, given the CPU's feature flags (as {@code /proc/cpuinfo}
	 * lists them, e.g. {@code avx512_bf16}, {@code amx_bf16}).
	 */
	public static PrecisionChoice choosePrecision(Precision requested, boolean gpu, Set<String> cpuFlags) {
		Objects.requireNonNull(requested);
		String nativeBf16 = cpuFlags.contains("amx_bf16") ? "AMX" : cpuFlags.contains("avx512_bf16") ? "AVX512_BF16" : null;
		return switch (requested) {
			case FP32 -> new PrecisionChoice(Precision.FP32, null);
			case BF16 -> new PrecisionChoice(Precision.BF16, gpu ? "bf16, untested on GPUs here" : nativeBf16 != null
				? "bf16: " + nativeBf16 : "bf16 requested, but this CPU has no AVX512_BF16 or AMX: emulated, slower than fp32");
			case AUTO -> gpu ? new PrecisionChoice(Precision.FP32, "fp32: auto keeps fp32 on GPUs, ask for precision=bf16")
				: nativeBf16 != null ? new PrecisionChoice(Precision.BF16, "bf16: " + nativeBf16)
				: new PrecisionChoice(Precision.FP32, "fp32: this CPU has no AVX512_BF16 or AMX");
		};
	}

	/** The CPU's feature flags from {@code /proc/cpuinfo} (empty where there is none, e.g. not Linux). */
	public static Set<String> cpuFlags() {
		return cpuFlags(Paths.get("/proc/cpuinfo"));
	}

	/** The feature flags of the first {@code flags} line of a {@code /proc/cpuinfo}-style file; empty when unreadable. */
	static Set<String> cpuFlags(Path cpuinfo) {
		Set<String> flags = new HashSet<>();
		try (var lines = Files.lines(cpuinfo)) {
			lines.filter(l -> l.startsWith("flags")).findFirst().ifPresent(l -> {
				int colon = l.indexOf(':');
				for (String f : l.substring(colon + 1).trim().split("\\s+")) if (!f.isEmpty()) flags.add(f);
			});
		}
		catch (IOException | RuntimeException e) {
			// no /proc/cpuinfo: no flags, so auto means fp32
		}
		return flags;
	}

	/** System property DJL's TensorFlow engine reads to find the native library. */
	public static final String LIBRARY_PATH_PROPERTY = "TENSORFLOW_LIBRARY_PATH";

	private static final Object LOCK = new Object();
	private static final String GPU_LINE = "TensorFlow runs on GPU";
	private static String libraryFolder;
	private static boolean gpuNatives;
	private static Boolean cudaDevice;
	private static final Map<String, TensorFlowRuntime> RUNTIMES = new HashMap<>();

	private final boolean gpu;
	private final String reason;
	private final Precision precision;

	private TensorFlowRuntime(boolean gpu, String reason, Precision precision) {
		this.gpu = gpu;
		this.reason = reason;
		this.precision = precision;
	}

	/** {@link #start(Device, Consumer)} with {@code auto}, logging to standard error. */
	public static TensorFlowRuntime start() {
		return start(Device.AUTO, System.err::println);
	}

	/**
	 * Loads the natives (once per JVM) and resolves the requested device (once per device, with one log line).
	 *
	 * @param requested auto, cpu or gpu
	 * @param log receives the one line saying which device TensorFlow runs on and why
	 * @throws IllegalStateException when the TensorFlow natives cannot be loaded
	 */
	public static TensorFlowRuntime start(Device requested, Consumer<String> log) {
		return start(requested, Precision.FP32, log);
	}

	/**
	 * As {@link #start(Device, Consumer)}, with a precision (auto, fp32 or bf16) resolved once per (device,
	 * precision); the log line then says which, e.g. {@code TensorFlow runs on CPU (bf16: AVX512_BF16): ...}.
	 */
	public static TensorFlowRuntime start(Device requested, Precision precision, Consumer<String> log) {
		Objects.requireNonNull(requested);
		Objects.requireNonNull(precision);
		Consumer<String> out = log == null ? s -> { } : log;
		synchronized (LOCK) {
			String key = requested + "/" + precision;
			TensorFlowRuntime rt = RUNTIMES.get(key);
			if (rt != null) return rt;
			loadNatives(out);
			String reason = resolve(requested);
			boolean gpu = reason.startsWith(GPU_LINE);
			PrecisionChoice choice = choosePrecision(precision, gpu, cpuFlags());
			if (choice.note() != null) {
				String on = gpu ? GPU_LINE : "TensorFlow runs on CPU";
				reason = on + " (" + choice.note() + ")" + reason.substring(on.length());
			}
			rt = new TensorFlowRuntime(gpu, reason, choice.precision());
			RUNTIMES.put(key, rt);
			out.accept(rt.reason);
			return rt;
		}
	}

	private static void loadNatives(Consumer<String> log) {
		if (libraryFolder != null) return;
		checkTensorFlowJava(org.tensorflow.Tensor.class);
		if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
		String loaded;
		try {
			loaded = Loader.load(org.tensorflow.internal.c_api.global.tensorflow.class);
		}
		catch (Throwable e) {
			throw new IllegalStateException("TensorFlow native libraries could not be loaded (" + e
				+ "); put org.tensorflow:tensorflow-core-native:1.0.0 with classifier linux-x86_64 (or linux-x86_64-gpu)"
				+ " on the class path.", e);
		}
		if (loaded == null) {
			throw new IllegalStateException("TensorFlow native libraries were not found; put "
				+ "org.tensorflow:tensorflow-core-native:1.0.0 with classifier linux-x86_64 on the class path.");
		}
		File folder = new File(loaded).getAbsoluteFile().getParentFile();
		libraryFolder = folder.getPath();
		String env = System.getenv(LIBRARY_PATH_PROPERTY);
		if (env != null && !env.isBlank() && !new File(env).getAbsoluteFile().equals(folder)) {
			// DJL reads the environment first: a second copy of the natives would be mapped.
			log.accept("Warning: environment variable " + LIBRARY_PATH_PROPERTY + "=" + env
				+ " points away from the natives on the class path (" + libraryFolder
				+ "); unset it so that only one copy of TensorFlow is loaded.");
		}
		System.setProperty(LIBRARY_PATH_PROPERTY, libraryFolder);
		gpuNatives = folder.getName().endsWith("-gpu") || loaded.contains("-gpu" + File.separator);
	}

	/**
	 * TensorFlow Java 1.x declares {@code org.tensorflow.Tensor} as an interface; the TF1
	 * {@code libtensorflow} jar that older Fiji plugins ship declares a class of the same name and, when
	 * it comes first on the class path, breaks everything with an {@code IncompatibleClassChangeError}.
	 */
	static void checkTensorFlowJava(Class<?> tensorClass) {
		String problem = tensorFlowJavaProblem(tensorClass);
		if (problem != null) throw new IllegalStateException(problem);
	}

	/** Null when {@code tensorClass} is TensorFlow Java 1.x's Tensor, else one sentence naming the jar it came from. */
	public static String tensorFlowJavaProblem(Class<?> tensorClass) {
		if (tensorClass.isInterface()) return null;
		var source = tensorClass.getProtectionDomain().getCodeSource();
		String jar = source == null ? "an unknown jar" : String.valueOf(source.getLocation());
		return "An old TensorFlow 1.x library (" + jar + ") comes before DJL's TensorFlow on"
			+ " the class path; remove that jar (e.g. libtensorflow-1.*.jar in Fiji's jars folder) or run Steel Defects"
			+ " in a Fiji without the plugin that brought it.";
	}

	/** Why TensorFlow runs where it does; it runs on the GPU only when the line starts {@code TensorFlow runs on GPU}. */
	private static String resolve(Device requested) {
		if (requested == Device.CPU) return "TensorFlow runs on CPU: the CPU was requested.";
		String cpu = requested == Device.GPU ? "TensorFlow runs on CPU although GPU was requested: " : "TensorFlow runs on CPU: ";
		if (!gpuNatives) {
			return cpu + "the CPU native build is installed"
				+ " (swap in the linux-x86_64-gpu natives, with CUDA 12.3 and cuDNN 8.9, for GPU).";
		}
		if (cudaDevice == null) cudaDevice = probeGpu();
		if (!cudaDevice) {
			return cpu + "the GPU natives are installed but"
				+ " TensorFlow sees no CUDA device (check the NVIDIA driver, CUDA 12.3 and cuDNN 8.9).";
		}
		return GPU_LINE + ": the GPU natives are installed and a CUDA device is visible.";
	}

	/** Places one op on GPU 0 with soft placement off: only succeeds when TensorFlow has a GPU. */
	private static boolean probeGpu() {
		try (Graph g = new Graph()) {
			Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
				.deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
			var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
			ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false)
				.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build();
			try (Session s = new Session(g, config); var r = s.runner().fetch(sum).run()) {
				return ((TFloat32) r.get(0)).getFloat() == 3f;
			}
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	/** The resolved precision: {@link Precision#FP32} or {@link Precision#BF16}, never AUTO. */
	public Precision precision() {
		return precision;
	}

	/** True when sessions made here run on the GPU. */
	public boolean usesGpu() {
		return gpu;
	}

	/** The one-line explanation that was logged, e.g. why TensorFlow runs on the CPU. */
	public String deviceReason() {
		return reason;
	}

	/** Session configuration for the resolved device: GPUs hidden for CPU, memory growth on GPU. */
	public ConfigProto sessionConfig() {
		ConfigProto.Builder b = ConfigProto.newBuilder().setAllowSoftPlacement(true);
		return (gpu ? b.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)) : b.putDeviceCount("GPU", 0)).build();
	}

	/**
	 * {@link #sessionConfig()}, plus, for bf16, TensorFlow's oneDNN bf16 rewrite
	 * ({@code graph_options.rewrite_options.auto_mixed_precision_onednn_bfloat16 = ON}): for graphs
	 * built in fp32 that should run in bf16 (measured against the bf16 build in {@code XceptionBenchmark}).
	 */
	public ConfigProto mixedPrecisionSessionConfig() {
		ConfigProto plain = sessionConfig();
		if (precision != Precision.BF16) return plain;
		RewriterConfig.Toggle on = RewriterConfig.Toggle.ON;
		RewriterConfig rewrite = gpu ? RewriterConfig.newBuilder().setAutoMixedPrecision(on).build()
			: RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(on).build();
		return plain.toBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(rewrite)).build();
	}

	/** {@link #sessionConfig()} Base64-encoded, as DJL's {@code optOption("ConfigProto", ...)} takes it: same device. */
	public String sessionConfigBase64() {
		return java.util.Base64.getEncoder().encodeToString(sessionConfig().toByteArray());
	}

	/** A new session on {@code graph} configured for the resolved device; the caller closes it. */
	public Session newSession(Graph graph) {
		return new Session(graph, sessionConfig());
	}

	@Override
	public String toString() {
		return reason;
	}
}
