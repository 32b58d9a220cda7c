package io.github.steeldefects.fiji;

import java.net.URL;
import java.security.CodeSource;

import io.github.steeldefects.model.TensorFlowRuntime;

/**
 * Fiji installations may carry jars that break TensorFlow Java 1.x: the TF1 {@code libtensorflow}
 * jar of CSBDeep-era plugins (found by the engine's own check,
 * {@link TensorFlowRuntime#tensorFlowJavaProblem})
 * and older protobuf runtimes. Loading the engine then fails deep inside TensorFlow with an
 * {@code IncompatibleClassChangeError}; this check finds the culprit first and says, in one
 * sentence, which jar it is and what to do.
 */
public final class EngineClashCheck {

	private EngineClashCheck() {}

	/** Null when the classes the engine needs are the right ones, else one sentence. */
	public static String problem() {
		return problem(EngineClashCheck.class.getClassLoader());
	}

	static String problem(ClassLoader loader) {
		try {
			String tf1 = TensorFlowRuntime.tensorFlowJavaProblem(Class.forName("org.tensorflow.Tensor", false, loader));
			if (tf1 != null) return tf1;
		}
		catch (ClassNotFoundException e) {
			return "TensorFlow Java is missing from this installation (no org.tensorflow.Tensor); reinstall Steel Defects with its jars/ folder.";
		}
		catch (LinkageError e) {
			return "TensorFlow Java classes cannot be loaded (" + e + "); another TensorFlow jar in Fiji's jars folder likely conflicts: remove it or use a separate Fiji installation.";
		}
		try {
			Class<?> message = Class.forName("com.google.protobuf.GeneratedMessage", false, loader);
			try {
				Class.forName("com.google.protobuf.RuntimeVersion", false, loader);
			}
			catch (ClassNotFoundException e) {
				return "The protobuf runtime " + where(message) + " is older than the 4.x that TensorFlow Java needs; " +
					"replace it with protobuf-java 4.x (shipped in Steel Defects' jars/ folder) or use a separate Fiji installation.";
			}
		}
		catch (ClassNotFoundException e) {
			return "The protobuf runtime is missing (no com.google.protobuf.GeneratedMessage); reinstall Steel Defects with its jars/ folder.";
		}
		return null;
	}

	private static String where(Class<?> c) {
		CodeSource cs = c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
		URL url = cs == null ? null : cs.getLocation();
		return url == null ? "(unknown location)" : url.getPath();
	}
}
