package io.github.steeldefects.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache entry with the right length and header but garbled floats, or NaN in it, is not used:
 * it is a miss (so it is computed again), with one log line naming the entry.
 */
class FeatureCacheChecksumTest {

	@TempDir
	Path dir;

	@Test
	void garbledOrNaNEntriesAreMissesWithOneLogLine() throws IOException {
		List<String> log = new ArrayList<>();
		FeatureCache cache = new FeatureCache(dir).log(log::add);
		String key = FeatureCache.key("w", "img", 71, 71, "original");
		float[] features = { 0.5f, 1.25f, -3f, 42f };
		cache.put(key, features);
		assertArrayEquals(features, cache.get(key).orElseThrow());
		assertEquals(List.of(), log);

		Path entry = cache.path(key);
		byte[] bytes = Files.readAllBytes(entry);
		bytes[8 + 5] ^= 0x40; // one bit of the second float: same length, same header
		Files.write(entry, bytes);
		assertTrue(cache.get(key).isEmpty(), "a garbled entry is not used");
		assertEquals(1, log.size());
		assertTrue(log.get(0).contains(entry.toString()) && log.get(0).contains("checksum"), log.get(0));

		// NaN with a matching checksum (written by something else): still not used
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(entry)).order(ByteOrder.LITTLE_ENDIAN);
		b.putFloat(8, Float.NaN);
		java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
		crc.update(b.array(), 0, 8 + 4 * features.length);
		b.putInt(8 + 4 * features.length, (int) crc.getValue());
		Files.write(entry, b.array());
		assertTrue(cache.get(key).isEmpty(), "an entry with NaN is not used");
		assertTrue(log.get(1).contains("NaN"), log.get(1));

		Files.write(entry, java.util.Arrays.copyOf(b.array(), 10));
		assertTrue(cache.get(key).isEmpty(), "a truncated entry is not used");
		cache.put(key, features); // computed again, written whole
		assertArrayEquals(features, cache.get(key).orElseThrow());
		assertEquals(3, log.size(), String.join("\n", log));
	}
}
