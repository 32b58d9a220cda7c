package io.github.steeldefects.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * Writes Xception weights in the layout of the official Keras 2 {@code save_weights} file: root
 * attribute {@code layer_names} with all 132 layers in model order (weightless ones included),
 * per layer a group with attribute {@code weight_names} and the tensor at {@code layer/weight_name}.
 * Test support: the residual layers get caller-chosen auto-numbers, layers can be dropped or
 * reshaped to produce broken files.
 */
final class KerasXceptionH5 {

	/** One Keras layer: its name in the file, and the canonical layer it holds (null if weightless). */
	record KerasLayer(String kerasName, XceptionLayer layer) { }

	private KerasXceptionH5() { }

	/**
	 * Keras model order of {@code Xception(include_top=False)}; residual convs named
	 * {@code conv2d_<convNumbers[i]>}, their batch norms {@code batch_normalization_<bnNumbers[i]>},
	 * for the residuals of blocks 2, 3, 4, 13 in that order.
	 */
	static List<KerasLayer> layerOrder(int[] convNumbers, int[] bnNumbers) {
		List<KerasLayer> l = new ArrayList<>();
		l.add(new KerasLayer("input_1", null));
		for (String n : List.of("block1_conv1", "block1_conv1_bn")) l.add(named(n));
		l.add(new KerasLayer("block1_conv1_act", null));
		for (String n : List.of("block1_conv2", "block1_conv2_bn")) l.add(named(n));
		l.add(new KerasLayer("block1_conv2_act", null));
		int add = 1;
		int[] entry = { 2, 3, 4, 13 };
		for (int b = 2; b <= 13; b++) {
			String block = "block" + b;
			int r = indexOf(entry, b);
			int seps = r >= 0 ? 2 : 3;
			for (int s = 1; s <= seps; s++) {
				if (s > 1 || b != 2) l.add(new KerasLayer(block + "_sepconv" + s + "_act", null));
				l.add(named(block + "_sepconv" + s));
				l.add(named(block + "_sepconv" + s + "_bn"));
			}
			if (r >= 0) {
				l.add(new KerasLayer("conv2d_" + convNumbers[r], XceptionLayer.byName(block + "_residual")));
				l.add(new KerasLayer(block + "_pool", null));
				l.add(new KerasLayer("batch_normalization_" + bnNumbers[r], XceptionLayer.byName(block + "_residual_bn")));
			}
			l.add(new KerasLayer("add_" + add++, null));
		}
		l.add(named("block14_sepconv1"));
		l.add(named("block14_sepconv1_bn"));
		l.add(new KerasLayer("block14_sepconv1_act", null));
		l.add(named("block14_sepconv2"));
		l.add(named("block14_sepconv2_bn"));
		l.add(new KerasLayer("block14_sepconv2_act", null));
		return l;
	}

	private static KerasLayer named(String name) {
		return new KerasLayer(name, XceptionLayer.byName(name));
	}

	private static int indexOf(int[] a, int v) {
		for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
		return -1;
	}

	/** How to spoil a file: which Keras layers to leave out, and an optional weight to store with a wrong shape. */
	record Damage(Predicate<String> dropLayer, String reshapeWeight) {
		static final Damage NONE = new Damage(n -> false, null);
	}

	static void write(Path file, XceptionWeights weights, List<KerasLayer> layers, Damage damage) {
		List<KerasLayer> kept = layers.stream().filter(k -> !damage.dropLayer().test(k.kerasName())).toList();
		try (WritableHdfFile h5 = HdfFile.write(file)) {
			h5.putAttribute("layer_names", kept.stream().map(KerasLayer::kerasName).toArray(String[]::new));
			h5.putAttribute("backend", "tensorflow");
			h5.putAttribute("keras_version", "2.0.8");
			for (KerasLayer k : kept) {
				WritableGroup g = h5.putGroup(k.kerasName());
				// Keras gives weightless layers an empty weight_names array; jhdf 0.13 cannot write empty arrays
				if (k.layer() == null) continue;
				List<String> names = new ArrayList<>();
				WritableGroup inner = g.putGroup(k.kerasName());
				for (WeightSpec s : k.layer().weights()) {
					String weightName = k.kerasName() + "/" + s.param() + ":0";
					names.add(weightName);
					float[] v = weights.get(s.name());
					long[] shape = s.shape();
					if (s.name().equals(damage.reshapeWeight())) {
						shape = shape.length == 1 ? new long[] { shape[0] / 2 } : new long[] { 1, 1, shape[2] * 9, shape[3] };
						v = java.util.Arrays.copyOf(v, (int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b));
					}
					inner.putDataset(s.param() + ":0", nest(v, shape));
				}
				g.putAttribute("weight_names", names.toArray(String[]::new));
			}
		}
	}

	/** Flat row-major values as a nested Java array of the given shape (rank 1 or 4). */
	static Object nest(float[] v, long[] shape) {
		if (shape.length == 1) return v.clone();
		int a = (int) shape[0], b = (int) shape[1], c = (int) shape[2], d = (int) shape[3];
		float[][][][] out = new float[a][b][c][d];
		int i = 0;
		for (int p = 0; p < a; p++)
			for (int q = 0; q < b; q++)
				for (int r = 0; r < c; r++) {
					System.arraycopy(v, i, out[p][q][r], 0, d);
					i += d;
				}
		return out;
	}

	/** Standard numbering of a fresh Keras session: conv2d_1..4, batch_normalization_1..4. */
	static List<KerasLayer> standardOrder() {
		return layerOrder(new int[] { 1, 2, 3, 4 }, new int[] { 1, 2, 3, 4 });
	}

}
