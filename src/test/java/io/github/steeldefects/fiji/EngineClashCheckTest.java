package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineClashCheckTest {

	@TempDir
	Path dir;

	@Test
	void ourOwnClassPathIsClean() {
		assertNull(EngineClashCheck.problem());
	}

	/** A TF1-style jar (org.tensorflow.Tensor as a class) first on the class path is named. */
	@Test
	void namesATensorFlow1JarThatHidesTheEngine() throws Exception {
		Path jar = dir.resolve("libtensorflow-1.15.0.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("org/tensorflow/Tensor.class"));
			writeEmptyClass(out, "org/tensorflow/Tensor");
		}
		try (URLClassLoader child = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			String problem = EngineClashCheck.problem(child);
			assertTrue(problem != null && problem.contains("libtensorflow-1.15.0.jar"), String.valueOf(problem));
		}
	}

	/** The bytes of {@code public class NAME {}} for Java 8, written by hand (no compiler needed). */
	private static void writeEmptyClass(OutputStream out, String name) throws IOException {
		java.io.DataOutputStream d = new java.io.DataOutputStream(out);
		d.writeInt(0xCAFEBABE);
		d.writeShort(0);
		d.writeShort(52);
		d.writeShort(5); // constant pool count + 1
		d.writeByte(1); d.writeUTF(name); // #1
		d.writeByte(7); d.writeShort(1); // #2 class
		d.writeByte(1); d.writeUTF("java/lang/Object"); // #3
		d.writeByte(7); d.writeShort(3); // #4 class
		d.writeShort(0x0021); // public super
		d.writeShort(2);
		d.writeShort(4);
		d.writeShort(0); // interfaces
		d.writeShort(0); // fields
		d.writeShort(0); // methods
		d.writeShort(0); // attributes
		d.flush();
	}
}
