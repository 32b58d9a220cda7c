package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.scijava.command.Command;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.augment.AugmentConfig;
import io.github.steeldefects.data.ImageList;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.jobs.CachedFeatures;
import io.github.steeldefects.jobs.ModelOptions;
import io.github.steeldefects.model.FeatureCache;
import io.github.steeldefects.model.FeatureExtractor;
import io.github.steeldefects.model.TensorFlowRuntime;
import io.github.steeldefects.model.Xception;

/** Plugins &gt; Steel Defects &gt; Extract Features...: the pooled Xception features of each image. */
@Plugin(type = Command.class, headless = true, name = "features", label = "Extract Features...", priority = 50, attrs = @Attr(name = Commands.TENSORFLOW),
	description = "Writes the pooled Xception features of each image.")
public class FeaturesCommand extends SteelCommand {

	/** Images decoded, forwarded and written together; bounds memory whatever the number of images. */
	static final int CHUNK = 256;

	@Parameter(label = "images", description = "folder of the images (JPEG, PNG, TIFF)", persist = false,
		style = "directory")
	private File images;

	@Parameter(label = "list", description = "optional list CSV with an image_id column (default: every image of the folder)",
		persist = false, required = false, style = "open")
	private File list;

	@Parameter(label = "weights", description = "Keras ImageNet notop h5 file, or none for random initialisation",
		persist = false, required = false)
	private String weights = "none";

	@Parameter(label = "size", description = "network input, height x width", persist = false, required = false)
	private String size = "256x512";

	@Parameter(label = "out", description = "CSV to write: image_id,f0,...,f2047", persist = false, style = "save")
	private File out;

	@Parameter(label = "batch", description = "images per forward pass", persist = false, min = "1", required = false)
	private int batch = 8;

	@Parameter(label = "device", description = "where TensorFlow runs", persist = false,
		choices = { "auto", "cpu", "gpu" }, required = false)
	private String device = "auto";

	@Parameter(label = "precision", description = "arithmetic of the network: auto (bf16 where the processor runs it natively), fp32 or bf16",
		persist = false, choices = { "auto", "fp32", "bf16" }, required = false)
	private String precision = "auto";

	@Parameter(label = "seed", description = "seed of the random weights when weights=none", persist = false,
		required = false)
	private long seed = 0;

	@Parameter(label = "cache", description = "feature cache folder (default ~/.steel-defects/feature-cache)",
		persist = false, required = false, style = "directory")
	private File cache;

	@Parameter(label = "overwrite", description = "replace an existing output CSV", persist = false, required = false)
	private boolean overwrite = false;

	private int written;

	@Override
	protected void execute() throws IOException {
		AtomicFiles.checkWritable(List.of(out.toPath()), overwrite);
		ImageList imageList = list == null ? ImageList.folder(images.toPath())
			: ImageList.listCsv(list.toPath(), images.toPath());
		int[] hw = ModelOptions.size(size);
		TensorFlowRuntime.Device dev = TensorFlowRuntime.Device.parse(device);
		TensorFlowRuntime.Precision prec = TensorFlowRuntime.Precision.parse(precision);
		var w = ModelOptions.weights(weights, seed);
		TensorFlowRuntime runtime = ModelOptions.runtime(dev, prec, progress());
		long start = System.nanoTime();
		try (FeatureExtractor extractor = new FeatureExtractor(w, hw[0], hw[1], runtime)) {
			CachedFeatures features = new CachedFeatures(extractor, new FeatureCache(ModelOptions.cache(cache)),
				AugmentConfig.NONE, 0, batch);
			AtomicFiles.writeText(out.toPath(), overwrite, writer -> {
				Csv.writeRow(writer, Stream.concat(Stream.of("image_id"), IntStream.range(0, Xception.FEATURES).mapToObj(i -> "f" + i))
					.toList());
				List<ImageList.Entry> entries = imageList.entries();
				StringBuilder row = new StringBuilder();
				for (int from = 0; from < entries.size(); from += CHUNK) {
					List<CachedFeatures.Sample> chunk = entries.subList(from, Math.min(from + CHUNK, entries.size())).stream()
						.map(e -> new CachedFeatures.Sample(e, 0)).toList();
					float[][] f = features.compute(chunk, progress());
					for (int i = 0; i < f.length; i++) {
						row.setLength(0);
						row.append(Csv.quote(chunk.get(i).entry().imageId()));
						for (float v : f[i]) row.append(',').append(v);
						row.append('\n');
						writer.write(row.toString());
					}
					written += f.length;
				}
			});
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		setSummary(String.format(Locale.ROOT, "Wrote %d x %d features to %s in %.1f s (%.2f images/s, input %dx%d, %s, weights %s).",
			written, Xception.FEATURES, out, seconds, written / seconds, hw[0], hw[1], runtime.precision().key(), w.id()));
	}
}
