package io.github.steeldefects.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.ImageSource;

/**
 * Decodes and resizes the next images on background threads while the model runs on the current
 * batch, in input order, at most {@code ahead} images in advance (so memory stays bounded: about
 * {@code ahead} images at model input size). Its sources hand out the prefetched images; a read
 * error surfaces from {@link ImageSource#load()} of that image, as without prefetching.
 */
final class Prefetcher implements Iterable<ImageSource>, AutoCloseable {

	private final List<? extends ImageSource> sources;
	private final int height, width, ahead;
	private final ExecutorService pool;
	private final List<Future<RgbImage>> futures;
	private final int[] imageHeights, imageWidths; // before resizing; set when an image has been read
	private int submitted;

	Prefetcher(List<? extends ImageSource> sources, int height, int width, int ahead, int threads) {
		this.sources = sources;
		this.height = height;
		this.width = width;
		this.ahead = Math.max(1, ahead);
		this.futures = new ArrayList<>(java.util.Collections.nCopies(sources.size(), null));
		this.imageHeights = new int[sources.size()];
		this.imageWidths = new int[sources.size()];
		this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
			Thread t = new Thread(r, "steel-defects-image-reader");
			t.setDaemon(true);
			return t;
		});
	}

	private void submitUpTo(int last) {
		while (submitted <= last && submitted < sources.size()) {
			ImageSource s = sources.get(submitted);
			int i = submitted;
			futures.set(submitted, pool.submit(() -> {
				RgbImage image = s.load();
				imageHeights[i] = image.height();
				imageWidths[i] = image.width();
				return image.resized(height, width);
			}));
			submitted++;
		}
	}

	@Override
	public Iterator<ImageSource> iterator() {
		return new Iterator<>() {
			int next;

			@Override
			public boolean hasNext() {
				return next < sources.size();
			}

			@Override
			public ImageSource next() {
				if (!hasNext()) throw new NoSuchElementException();
				int i = next++;
				submitUpTo(i + ahead);
				String id = sources.get(i).id();
				return new ImageSource() {
					@Override
					public String id() {
						return id;
					}

					@Override
					public RgbImage load() throws IOException {
						Future<RgbImage> f = futures.get(i);
						futures.set(i, null); // the image is not kept once handed out
						try {
							return f.get();
						}
						catch (InterruptedException e) {
							Thread.currentThread().interrupt();
							throw new IOException("Interrupted while reading image " + id + ".", e);
						}
						catch (ExecutionException e) {
							Throwable c = e.getCause();
							if (c instanceof IOException io) throw io;
							if (c instanceof RuntimeException re) throw re;
							if (c instanceof Error err) throw err;
							throw new IOException(c);
						}
					}
				};
			}
		};
	}

	/**
	 * Size [height, width] of image {@code index} as read, before resizing; known once its source has
	 * handed the image out (reading the future's result orders the writes before this read).
	 */
	int[] imageSize(int index) {
		return new int[] { imageHeights[index], imageWidths[index] };
	}

	@Override
	public void close() {
		pool.shutdownNow();
	}
}
