package io.github.steeldefects.model;

import java.io.File;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.bytedeco.javacpp.Loader;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

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
 */
public final class TensorFlowRuntime {

	/** Requested device. */
	public enum Device {
		AUTO, CPU, GPU;

		/** Parses {@code auto}, {@code cpu} or {@code gpu} (any case). */
		public static Device parse(String text) {
			String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
			for (Device d : values()) {
				if (d.name().equals(t)) return d;
			}
			throw new IllegalArgumentException("Device '" + text + "' is not one of auto, cpu, gpu.");
		}
	}

	/** System property DJL's TensorFlow engine reads to find the native library. */
	public static final String LIBRARY_PATH_PROPERTY = "TENSORFLOW_LIBRARY_PATH";

	private static final Object LOCK = new Object();
	private static String libraryFolder;
	private static boolean gpuNatives;
	private static Boolean cudaDevice;
	private static final Map<Device, TensorFlowRuntime> RUNTIMES = new EnumMap<>(Device.class);

	private final Device requested;
	private final boolean gpu;
	private final String reason;

	private TensorFlowRuntime(Device requested, boolean gpu, String reason) {
		this.requested = requested;
		this.gpu = gpu;
		this.reason = reason;
	}

	/** {@link #start(Device, Consumer)} with {@code auto}, logging to standard error. */
	public static TensorFlowRuntime start() {
		return start(Device.AUTO, System.err::println);
	}

	/**
	 * Loads the natives (once per JVM) and resolves the requested device (once per device, with one
	 * log line).
	 *
	 * @param requested auto, cpu or gpu
	 * @param log receives the one line saying which device TensorFlow runs on and why
	 * @throws IllegalStateException when the TensorFlow natives cannot be loaded
	 */
	public static TensorFlowRuntime start(Device requested, Consumer<String> log) {
		Objects.requireNonNull(requested);
		Consumer<String> out = log == null ? s -> { } : log;
		synchronized (LOCK) {
			TensorFlowRuntime rt = RUNTIMES.get(requested);
			if (rt != null) return rt;
			loadNatives(out);
			rt = resolve(requested);
			RUNTIMES.put(requested, rt);
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

	private static TensorFlowRuntime resolve(Device requested) {
		if (requested == Device.CPU) {
			return new TensorFlowRuntime(requested, false, "TensorFlow runs on CPU: the CPU was requested.");
		}
		String cpu = requested == Device.GPU ? "TensorFlow runs on CPU although GPU was requested: " : "TensorFlow runs on CPU: ";
		if (!gpuNatives) {
			return new TensorFlowRuntime(requested, false, cpu + "the CPU native build is installed"
				+ " (swap in the linux-x86_64-gpu natives, with CUDA 12.3 and cuDNN 8.9, for GPU).");
		}
		if (cudaDevice == null) cudaDevice = probeGpu();
		if (!cudaDevice) {
			return new TensorFlowRuntime(requested, false, cpu + "the GPU natives are installed but"
				+ " TensorFlow sees no CUDA device (check the NVIDIA driver, CUDA 12.3 and cuDNN 8.9).");
		}
		return new TensorFlowRuntime(requested, true, "TensorFlow runs on GPU: the GPU natives are installed and a CUDA"
			+ " device is visible.");
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

	/** The device that was asked for. */
	public Device requested() {
		return requested;
	}

	/** True when sessions made here run on the GPU. */
	public boolean usesGpu() {
		return gpu;
	}

	/** The one-line explanation that was logged, e.g. why TensorFlow runs on the CPU. */
	public String deviceReason() {
		return reason;
	}

	/** Folder of the loaded TensorFlow native library. */
	public static String libraryFolder() {
		synchronized (LOCK) {
			return libraryFolder;
		}
	}

	/** Session configuration for the resolved device: GPUs hidden for CPU, memory growth on GPU. */
	public ConfigProto sessionConfig() {
		ConfigProto.Builder b = ConfigProto.newBuilder().setAllowSoftPlacement(true);
		if (gpu) {
			b.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
		}
		else {
			b.putDeviceCount("GPU", 0);
		}
		return b.build();
	}

	/**
	 * {@link #sessionConfig()} serialised and Base64-encoded, as DJL's TensorFlow engine takes it:
	 * {@code Criteria.builder().optOption("ConfigProto", runtime.sessionConfigBase64())}, so that
	 * models loaded through DJL run on the same device.
	 */
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
