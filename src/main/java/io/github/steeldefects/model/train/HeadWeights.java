package io.github.steeldefects.model.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The trained head, inference view: BatchNorm (moving statistics) -&gt; Dense -&gt; sigmoid.
 * Dropout does nothing at inference time, so it has no weights here.
 *
 * @param kernel row-major [feature][output]
 */
public record HeadWeights(int features, int outputs, float epsilon, float[] gamma, float[] beta, float[] movingMean,
	float[] movingVariance, float[] kernel, float[] bias)
{
	private static final int MAGIC = 0x53444857; // "SDHW"

	public HeadWeights {
		if (gamma.length != features || beta.length != features || movingMean.length != features
			|| movingVariance.length != features || kernel.length != features * outputs || bias.length != outputs)
			throw new IllegalArgumentException("Head weight arrays do not match " + features + " features and "
				+ outputs + " outputs.");
	}

	/** Probabilities [image][output] computed in plain Java, for checks and for classifying cached features. */
	public float[][] predict(float[][] x) {
		float[][] p = new float[x.length][outputs];
		float[] scale = new float[features], shift = new float[features];
		for (int f = 0; f < features; f++) {
			scale[f] = (float) (gamma[f] / Math.sqrt(movingVariance[f] + epsilon));
			shift[f] = beta[f] - movingMean[f] * scale[f];
		}
		for (int i = 0; i < x.length; i++) {
			for (int o = 0; o < outputs; o++) {
				double z = bias[o];
				for (int f = 0; f < features; f++) z += (x[i][f] * scale[f] + shift[f]) * kernel[f * outputs + o];
				p[i][o] = (float) (1 / (1 + Math.exp(-z)));
			}
		}
		return p;
	}

	/** Writes a small self-describing binary file (big-endian). */
	public void write(OutputStream out) throws IOException {
		DataOutputStream d = new DataOutputStream(out);
		d.writeInt(MAGIC);
		d.writeInt(features);
		d.writeInt(outputs);
		d.writeFloat(epsilon);
		for (float[] a : new float[][] { gamma, beta, movingMean, movingVariance, kernel, bias }) writeFloats(d, a);
		d.flush();
	}

	public static HeadWeights read(InputStream in) throws IOException {
		DataInputStream d = new DataInputStream(in);
		if (d.readInt() != MAGIC) throw new IOException("Not a head weights file (wrong magic number).");
		int features = d.readInt(), outputs = d.readInt();
		float epsilon = d.readFloat();
		return new HeadWeights(features, outputs, epsilon, readFloats(d, features), readFloats(d, features),
			readFloats(d, features), readFloats(d, features), readFloats(d, features * outputs), readFloats(d, outputs));
	}

	static void writeFloats(DataOutputStream d, float[] a) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(a.length * 4).order(ByteOrder.BIG_ENDIAN);
		b.asFloatBuffer().put(a);
		d.writeInt(a.length);
		d.write(b.array());
	}

	static float[] readFloats(DataInputStream d, int expected) throws IOException {
		int n = d.readInt();
		if (expected >= 0 && n != expected) throw new IOException("Expected " + expected + " values but found " + n + ".");
		byte[] bytes = new byte[n * 4];
		d.readFully(bytes);
		float[] a = new float[n];
		ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(a);
		return a;
	}
}
