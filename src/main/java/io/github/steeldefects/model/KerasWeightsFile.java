package io.github.steeldefects.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;

/**
 * Reads the official Keras {@code xception_weights_tf_dim_ordering_tf_kernels_notop.h5} (Keras 2
 * {@code save_weights} layout: root attribute {@code layer_names}; per layer a group with attribute
 * {@code weight_names}; the tensor at {@code layer/weight_name}). Full-model files that keep the
 * same layout under {@code model_weights} are read too.
 * <p>
 * Every tensor's shape is checked against {@link XceptionLayer}. Named layers are matched by name.
 * The four residual 1x1 convolutions ({@code conv2d_N}) and their batch norms
 * ({@code batch_normalization_N}) carry numbers that differ between Keras versions; they are
 * matched by role: the convolution by its channels (64 -> 128, 128 -> 256, 256 -> 728,
 * 728 -> 1024), the batch norm by its channel count (128, 256, 728, 1024).
 * <p>
 * Anything wrong (unreadable, truncated, a missing layer, a wrong shape, a layer Xception's base does
 * not have) is a {@link WeightsFileException} with one sentence naming the file; nothing is loaded
 * partially.
 */
public final class KerasWeightsFile {

	/** File name of the official weights. */
	public static final String OFFICIAL_NAME = "xception_weights_tf_dim_ordering_tf_kernels_notop.h5";

	private static final String REDOWNLOAD = "download " + OFFICIAL_NAME + " again";

	private KerasWeightsFile() { }

	/** Reads and checks all weights; {@link XceptionWeights#id()} is the file's SHA-256. */
	public static XceptionWeights read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new WeightsFileException(file, "Weights file " + file + " does not exist; give the path of "
				+ OFFICIAL_NAME + ".");
		}
		Map<String, float[]> values;
		try (HdfFile hdf = new HdfFile(file)) {
			values = readAll(file, hdf);
		}
		catch (WeightsFileException e) {
			throw e;
		}
		catch (RuntimeException e) {
			throw new WeightsFileException(file, "Weights file " + file + " cannot be read as HDF5 (" + e.getMessage()
				+ "); it is probably truncated or not an .h5 file: " + REDOWNLOAD + ".", e);
		}
		return XceptionWeights.of(values, "sha256:" + FeatureCache.contentHash(file));
	}

	private static Map<String, float[]> readAll(Path file, HdfFile hdf) {
		// jhdf reads a cut-off file without complaint where the missing bytes hold tensor data: check extents.
		long fileSize;
		try {
			fileSize = Files.size(file);
		}
		catch (IOException e) {
			throw new WeightsFileException(file, "Weights file " + file + " cannot be read (" + e.getMessage()
				+ "); check that it exists and is readable.", e);
		}
		Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
		long base = sb.getBaseAddressByte();
		if (base + sb.getEndOfFileAddress() > fileSize) {
			throw truncated(file, fileSize, base + sb.getEndOfFileAddress());
		}
		Group root = hdf;
		if (hdf.getAttribute("layer_names") == null && hdf.getChild("model_weights") instanceof Group mw) {
			root = mw;
		}
		Attribute layerNames = root.getAttribute("layer_names");
		if (layerNames == null) {
			throw new WeightsFileException(file, "Weights file " + file + " has no 'layer_names' attribute, so it is"
				+ " not a Keras weights file; use " + OFFICIAL_NAME + ".");
		}
		Map<String, XceptionLayer> named = XceptionLayer.all().stream().filter(l -> !l.isResidual())
			.collect(Collectors.toMap(XceptionLayer::name, l -> l));
		Map<String, float[]> values = new LinkedHashMap<>();
		Map<String, String> residualSource = new HashMap<>();
		for (String layerName : strings(layerNames.getData())) {
			Node node = root.getChild(layerName);
			if (!(node instanceof Group group)) {
				throw new WeightsFileException(file, "Weights file " + file + " lists layer '" + layerName
					+ "' but has no group for it; the file is incomplete: " + REDOWNLOAD + ".");
			}
			Attribute wn = group.getAttribute("weight_names");
			String[] weightNames;
			try {
				// weightless layers carry an empty weight_names array (h5py stores [] as an empty float array)
				weightNames = wn == null || wn.isEmpty() || wn.getSize() == 0 ? new String[0] : strings(wn.getData());
			}
			catch (RuntimeException e) {
				if (!group.getChildren().isEmpty()) throw e;
				weightNames = new String[0];
			}
			if (weightNames.length == 0) continue; // input, activation, pooling and add layers
			Map<String, Dataset> byParam = new LinkedHashMap<>();
			for (String w : weightNames) {
				Node d;
				try {
					d = group.getByPath(w);
				}
				catch (RuntimeException e) {
					d = null;
				}
				if (!(d instanceof Dataset ds)) {
					throw new WeightsFileException(file, "Weights file " + file + " lists weight '" + w + "' of layer '"
						+ layerName + "' but has no data for it; the file is incomplete: " + REDOWNLOAD + ".");
				}
				if (ds instanceof ContiguousDataset c && base + c.getDataAddress() + ds.getStorageInBytes() > fileSize) {
					throw truncated(file, fileSize, base + c.getDataAddress() + ds.getStorageInBytes());
				}
				byParam.put(param(w), ds);
			}
			XceptionLayer layer = named.get(layerName);
			if (layer == null) layer = residualRole(byParam);
			if (layer == null && looksResidual(byParam)) {
				throw new WeightsFileException(file, "Weights file " + file + " has layer '" + layerName + "' with "
					+ shapes(byParam) + ", which match none of Xception's residual layers (1x1 convolutions 64 -> 128,"
					+ " 128 -> 256, 256 -> 728, 728 -> 1024 and their batch norms); use " + OFFICIAL_NAME + ".");
			}
			if (layer == null) {
				throw new WeightsFileException(file, "Weights file " + file + " has layer '" + layerName
					+ "', which the Xception base (include_top=False) does not have; use " + OFFICIAL_NAME + ".");
			}
			if (layer.isResidual()) {
				String before = residualSource.put(layer.name(), layerName);
				if (before != null) {
					throw new WeightsFileException(file, "Weights file " + file + " has two layers for the "
						+ description(layer) + " ('" + before + "' and '" + layerName + "'); use " + OFFICIAL_NAME + ".");
				}
			}
			else if (values.containsKey(layer.weights().get(0).name())) {
				throw new WeightsFileException(file, "Weights file " + file + " lists layer '" + layerName
					+ "' twice; " + REDOWNLOAD + ".");
			}
			for (WeightSpec spec : layer.weights()) {
				Dataset ds = byParam.get(spec.param());
				if (ds == null) {
					throw new WeightsFileException(file, "Weights file " + file + " has no '" + spec.param()
						+ "' for layer '" + layerName + "' (has " + byParam.keySet() + "); " + REDOWNLOAD + ".");
				}
				long[] shape = ds.getDimensionsAsLong();
				if (!Arrays.equals(shape, spec.shape())) {
					throw new WeightsFileException(file, "Weights file " + file + " has shape "
						+ new WeightSpec(layerName, spec.param(), shape).shapeText() + " for '" + layerName + "/"
						+ spec.param() + "' where Xception needs " + spec.shapeText() + "; use " + OFFICIAL_NAME + ".");
				}
				values.put(spec.name(), floats(file, layerName + "/" + spec.param(), ds));
			}
			if (byParam.size() != layer.weights().size()) {
				Set<String> extra = new LinkedHashSet<>(byParam.keySet());
				layer.weights().forEach(s -> extra.remove(s.param()));
				throw new WeightsFileException(file, "Weights file " + file + " has unexpected weights " + extra
					+ " in layer '" + layerName + "'; use " + OFFICIAL_NAME + ".");
			}
		}
		for (XceptionLayer l : XceptionLayer.all()) {
			if (!values.containsKey(l.weights().get(0).name())) {
				String what = l.isResidual() ? "the " + description(l) : "layer '" + l.name() + "'";
				throw new WeightsFileException(file, "Weights file " + file + " has no weights for " + what
					+ "; the file is incomplete: " + REDOWNLOAD + ".");
			}
		}
		return values;
	}

	private static WeightsFileException truncated(Path file, long size, long needed) {
		return new WeightsFileException(file, "Weights file " + file + " is truncated (" + size + " bytes where its"
			+ " contents reach byte " + needed + "); " + REDOWNLOAD + ".");
	}

	/** The residual layer a {@code conv2d_N} / {@code batch_normalization_N} plays, by its shapes; or null. */
	private static XceptionLayer residualRole(Map<String, Dataset> byParam) {
		return XceptionLayer.all().stream().filter(l -> l.isResidual() && byParam.size() == l.weights().size()
			&& l.weights().stream().allMatch(s -> byParam.containsKey(s.param())
				&& Arrays.equals(byParam.get(s.param()).getDimensionsAsLong(), s.shape())))
			.findFirst().orElse(null);
	}

	/** A 1x1 convolution or a batch norm: what a residual layer of another shape would look like. */
	private static boolean looksResidual(Map<String, Dataset> byParam) {
		if (byParam.keySet().equals(Set.of("kernel"))) {
			long[] k = byParam.get("kernel").getDimensionsAsLong();
			return k.length == 4 && k[0] == 1 && k[1] == 1;
		}
		return byParam.keySet().equals(Set.of("gamma", "beta", "moving_mean", "moving_variance"));
	}

	private static String shapes(Map<String, Dataset> byParam) {
		return byParam.entrySet().stream().map(e -> e.getKey() + " "
			+ new WeightSpec("", e.getKey(), e.getValue().getDimensionsAsLong()).shapeText()).collect(Collectors.joining(", "));
	}

	private static String description(XceptionLayer l) {
		return l.kind() == XceptionLayer.Kind.CONV
			? "residual 1x1 convolution " + l.inChannels() + " -> " + l.outChannels()
			: "batch norm of the residual convolution with " + l.outChannels() + " channels";
	}

	/** {@code block2_sepconv1/depthwise_kernel:0} -> {@code depthwise_kernel}. */
	static String param(String weightName) {
		String p = weightName.substring(weightName.lastIndexOf('/') + 1);
		int colon = p.lastIndexOf(':');
		return colon < 0 ? p : p.substring(0, colon);
	}

	private static float[] floats(Path file, String name, Dataset ds) {
		Object flat = ds.getDataFlat();
		if (flat instanceof float[] f) return f;
		if (flat instanceof double[] d) {
			float[] f = new float[d.length];
			for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
			return f;
		}
		throw new WeightsFileException(file, "Weights file " + file + " stores '" + name + "' as "
			+ ds.getJavaType().getSimpleName() + " where float32 is expected; use " + OFFICIAL_NAME + ".");
	}

	private static String[] strings(Object data) {
		if (data instanceof String[] s) return s;
		if (data instanceof String s) return new String[] { s };
		if (data instanceof Object[] a) return Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
		return new String[0];
	}
}
