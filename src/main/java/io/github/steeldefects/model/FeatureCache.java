package io.github.steeldefects.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Pooled Xception features on disk, one small file per (weights, image content, input size,
 * augmentation variant, precision), reused across runs. A frozen base gives each image the same features
 * every time, so one forward pass (about 0.13 s per 256 x 512 image on 2 CPU cores) is paid once.
 * <p>
 * Files are written to a temporary name and renamed, so a crash never leaves a half-written entry;
 * an unreadable or wrongly sized entry counts as a miss and is overwritten. Each entry ends with a
 * CRC-32C of its header and floats: an entry whose floats were garbled (or hold NaN or an infinity)
 * is a miss too, recomputed with one log line.
 * <p>
 * Entry layout (little-endian): magic {@code "SDF2"}, float count n, n floats, CRC-32C of the bytes before it.
 */
public final class FeatureCache {

	private static final int MAGIC = 0x53444632; // "SDF2": with a checksum

	private final Path folder;
	private java.util.function.Consumer<String> log = System.err::println;

	/** Where the one line about a damaged entry goes (default: standard error). */
	public FeatureCache log(java.util.function.Consumer<String> log) {
		this.log = log == null ? m -> {} : log;
		return this;
	}

	/** A cache in {@code folder} (created when needed). */
	public FeatureCache(Path folder) {
		this.folder = folder;
	}

	/** The cache folder. */
	public Path folder() {
		return folder;
	}

	/**
	 * Key of one entry.
	 *
	 * @param weightsId {@link XceptionWeights#id()}
	 * @param imageHash content hash of the source image, e.g. {@link #contentHash(Path)}
	 * @param height network input height
	 * @param width network input width
	 * @param variant augmentation variant id, e.g. {@code original} or {@code hflip}
	 */
	public static String key(String weightsId, String imageHash, int height, int width, String variant) {
		return sha256((weightsId + "\n" + imageHash + "\n" + height + "x" + width + "\n" + variant)
			.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Key of one entry computed in a resolved precision (fp32 or bf16). fp32 keys are those above, so caches
	 * written before precision existed stay valid; bf16 features (close to fp32's, not the same) get their own.
	 */
	public static String key(String weightsId, String imageHash, int height, int width, String variant,
		TensorFlowRuntime.Precision precision)
	{
		if (precision == TensorFlowRuntime.Precision.AUTO) throw new IllegalArgumentException(
			"A cache key needs the resolved precision (fp32 or bf16), not auto.");
		return key(weightsId, imageHash, height, width,
			precision == TensorFlowRuntime.Precision.FP32 ? variant : variant + "\n" + precision.key());
	}

	/** SHA-256 (hex) of a file's bytes, e.g. a JPEG, as image content hash. */
	public static String contentHash(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest md = digest();
			byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;) md.update(buf, 0, n);
			return HexFormat.of().formatHex(md.digest());
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + file + " to hash it: " + e.getMessage(), e);
		}
	}

	/** SHA-256 (hex) of bytes. */
	public static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(digest().digest(bytes));
	}

	/** A fresh SHA-256 digest (every JVM has one). */
	public static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Where an entry lives: {@code folder/ab/abcdef....f32}. */
	public Path path(String key) {
		return folder.resolve(key.substring(0, 2)).resolve(key + ".f32");
	}

	/** The cached features, or empty when absent or unreadable. */
	public Optional<float[]> get(String key) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(path(key));
		}
		catch (IOException e) { // absent (NoSuchFileException) or unreadable
			return Optional.empty();
		}
		if (bytes.length < 12) return damaged(key, "shorter than its header");
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int n = b.getInt(4);
		if (b.getInt(0) != MAGIC) return Optional.empty(); // an older layout: silently recomputed
		if (n < 0 || bytes.length != 12 + 4L * n) return damaged(key, "of the wrong length");
		java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
		crc.update(bytes, 0, 8 + 4 * n);
		if ((int) crc.getValue() != b.getInt(8 + 4 * n)) return damaged(key, "failing its checksum");
		float[] f = new float[n];
		b.position(8);
		b.asFloatBuffer().get(f);
		for (float v : f) if (!Float.isFinite(v)) return damaged(key, "holding NaN or infinite values");
		return Optional.of(f);
	}

	private Optional<float[]> damaged(String key, String why) {
		log.accept("Feature cache entry " + path(key) + " is damaged (" + why + "); computing it again.");
		return Optional.empty();
	}

	/** Stores features atomically (temporary file, then rename). */
	public void put(String key, float[] features) {
		Path target = path(key);
		ByteBuffer b = ByteBuffer.allocate(12 + 4 * features.length).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(MAGIC).putInt(features.length);
		b.asFloatBuffer().put(features);
		java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
		crc.update(b.array(), 0, 8 + 4 * features.length);
		b.putInt(8 + 4 * features.length, (int) crc.getValue());
		try {
			io.github.steeldefects.io.AtomicFiles.createFolders(target.getParent());
			Path tmp = io.github.steeldefects.io.AtomicFiles.createTempFile(target.getParent(), key.substring(0, 8) + "-", ".tmp");
			try {
				Files.write(tmp, b.array());
				try {
					Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException e) {
					Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
		catch (IOException e) {
			throw io.github.steeldefects.io.IoFaults.unchecked("writing the feature cache entry", target, e);
		}
	}
}
