package io.github.steeldefects.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.model.RgbImage;
import io.github.steeldefects.model.ImageSource;

/** Read-ahead stays bounded, keeps the input order, and reports a bad image at that image. */
class PrefetcherTest {

	static List<ImageSource> sources(int n, AtomicInteger loads, int broken) {
		List<ImageSource> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final int k = i;
			out.add(new ImageSource() {
				@Override
				public String id() {
					return "img" + k;
				}

				@Override
				public RgbImage load() throws IOException {
					loads.incrementAndGet();
					if (k == broken) throw new IOException("Cannot read image file img" + k + ".jpg");
					float[] grey = new float[4 * 6];
					java.util.Arrays.fill(grey, k); // the value says which image it is
					return RgbImage.ofGrey(4, 6, grey);
				}
			});
		}
		return out;
	}

	@Test
	void readsAtMostAheadImagesBeyondTheOneHandedOutInOrderAndResized() throws Exception {
		AtomicInteger loads = new AtomicInteger();
		try (Prefetcher p = new Prefetcher(sources(50, loads, -1), 2, 3, 4, 3)) {
			Iterator<ImageSource> it = p.iterator();
			for (int i = 0; i < 50; i++) {
				ImageSource s = it.next();
				assertEquals("img" + i, s.id());
				RgbImage im = s.load();
				assertEquals(2, im.height());
				assertEquals(3, im.width());
				assertEquals(i, im.pixels()[0], 1e-6);
				assertTrue(loads.get() <= i + 1 + 4, "read " + loads.get() + " images with " + (i + 1) + " handed out");
			}
		}
		assertEquals(50, loads.get());
	}

	@Test
	void aBrokenImageFailsWhenItsTurnComes() throws Exception {
		AtomicInteger loads = new AtomicInteger();
		try (Prefetcher p = new Prefetcher(sources(6, loads, 3), 4, 6, 8, 2)) {
			Iterator<ImageSource> it = p.iterator();
			for (int i = 0; i < 3; i++) it.next().load();
			IOException e = assertThrows(IOException.class, () -> it.next().load());
			assertTrue(e.getMessage().contains("img3.jpg"), e.getMessage());
		}
	}
}
