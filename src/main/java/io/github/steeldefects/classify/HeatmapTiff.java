package io.github.steeldefects.classify;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.steeldefects.model.infer.Heatmap;

/**
 * One image's heatmaps as a 32-bit float TIFF that ImageJ / Fiji opens as a calibrated stack: one
 * slice per model output (slice label = class name), at feature-map size, with the calibration
 * saying which image region each cell covers (pixel width / height in image pixels, origin 0, 0:
 * cell (x, y) covers image pixels {@code [x * cellWidth, (x + 1) * cellWidth)} across and likewise
 * down) and an info text saying what the values are.
 * <p>
 * Written here, not with ImageJ's TiffEncoder, because the core does not use ImageJ: a plain
 * big-endian baseline TIFF (uncompressed strips, SampleFormat IEEE float) with ImageJ's own
 * description ({@code ImageJ=...}, {@code images=}, {@code unit=}, {@code xorigin=}) and metadata
 * tags (info, slice labels) as ImageJ writes them.
 */
public final class HeatmapTiff {

	private static final int IJ_META_COUNTS = 50838, IJ_META = 50839;
	private static final int MAGIC_IJIJ = 0x494a494a, TYPE_INFO = 0x696e666f, TYPE_LABELS = 0x6c61626c;
	private static final short ASCII = 2, SHORT = 3, LONG = 4, RATIONAL = 5, BYTE = 1;

	private HeatmapTiff() {}

	/**
	 * Writes the TIFF.
	 *
	 * @param classNames slice labels, one per output
	 * @param imageWidth width in pixels of the image the heatmap is of (calibration)
	 * @param imageHeight height likewise
	 * @param info the text ImageJ shows under Image &gt; Show Info
	 */
	public static void write(OutputStream out, Heatmap map, List<String> classNames, int imageWidth, int imageHeight,
		String info) throws IOException
	{
		int n = map.outputs(), w = map.width(), h = map.height();
		if (classNames.size() != n) throw new IllegalArgumentException(n + " heatmaps but " + classNames.size() + " class names.");
		double cellWidth = imageWidth / (double) w, cellHeight = imageHeight / (double) h;
		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
		for (float v : map.values()) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		String description = "ImageJ=1.54p\nimages=" + n + "\n" + (n > 1 ? "slices=" + n + "\n" : "") + "unit=pixel\n"
			+ String.format(Locale.ROOT, "xorigin=0\nyorigin=0\nmin=%s\nmax=%s\ncellwidth=%s\ncellheight=%s\n", min, max,
				exact(cellWidth), exact(cellHeight))
			+ "loop=false\n\0";
		byte[] desc = description.getBytes(StandardCharsets.US_ASCII);
		// ImageJ metadata: header "IJIJ" + (type, count) pairs, then the strings in UTF-16
		ByteArrayOutputStream metaBytes = new ByteArrayOutputStream();
		DataOutputStream meta = new DataOutputStream(metaBytes);
		meta.writeInt(MAGIC_IJIJ);
		meta.writeInt(TYPE_INFO);
		meta.writeInt(1);
		meta.writeInt(TYPE_LABELS);
		meta.writeInt(n);
		List<Integer> counts = new ArrayList<>();
		counts.add(meta.size());
		for (String s : Stream.concat(Stream.of(info), classNames.stream()).toList()) {
			int before = meta.size();
			meta.writeChars(s);
			counts.add(meta.size() - before);
		}
		meta.flush();
		byte[] metadata = metaBytes.toByteArray();

		int firstTags = 16, otherTags = 13;
		long ifd0 = 8;
		long ifd0End = ifd0 + 2 + 12L * firstTags + 4;
		long descOffset = ifd0End;
		long resOffset = descOffset + desc.length; // two rationals: x then y
		long countsOffset = resOffset + 16;
		long metaOffset = countsOffset + 4L * counts.size();
		long pixels = metaOffset + metadata.length;
		long slice = 4L * w * h;
		long nextIfd = pixels + slice * n;
		long otherIfdSize = 2 + 12L * otherTags + 4 + 16; // + its own two rationals

		DataOutputStream d = new DataOutputStream(out);
		d.writeShort(0x4d4d); // "MM": big-endian
		d.writeShort(42);
		d.writeInt((int) ifd0);
		long[] ifdOffsets = new long[n];
		ifdOffsets[0] = ifd0;
		for (int k = 1; k < n; k++) ifdOffsets[k] = nextIfd + (k - 1) * otherIfdSize;
		long[] xRes = rational(w, imageWidth), yRes = rational(h, imageHeight);

		// IFD 0 with description and ImageJ metadata
		d.writeShort(firstTags);
		writeBasicTags(d, w, h, pixels);
		tag(d, 270, ASCII, desc.length, descOffset);
		tagsAfterDescription(d, h, slice, resOffset);
		tag(d, IJ_META_COUNTS, LONG, counts.size(), countsOffset);
		tag(d, IJ_META, BYTE, metadata.length, metaOffset);
		d.writeInt(n > 1 ? (int) ifdOffsets[1] : 0);
		d.write(desc);
		writeRationals(d, xRes, yRes);
		for (int c : counts) d.writeInt(c);
		d.write(metadata);
		for (int k = 0; k < n; k++) for (float v : map.slice(k)) d.writeFloat(v);
		for (int k = 1; k < n; k++) {
			d.writeShort(otherTags);
			writeBasicTags(d, w, h, pixels + k * slice);
			long res = ifdOffsets[k] + 2 + 12L * otherTags + 4;
			tagsAfterDescription(d, h, slice, res);
			d.writeInt(k + 1 < n ? (int) ifdOffsets[k + 1] : 0);
			writeRationals(d, xRes, yRes);
		}
		d.flush();
		if (ifdOffsets.length > 1 && d.size() != ifdOffsets[n - 1] + otherIfdSize)
			throw new IllegalStateException("TIFF layout miscounted");
	}

	private static void writeBasicTags(DataOutputStream d, int w, int h, long stripOffset) throws IOException {
		tag(d, 254, LONG, 1, 0); // NewSubfileType
		tag(d, 256, LONG, 1, w);
		tag(d, 257, LONG, 1, h);
		tagShort(d, 258, 32); // BitsPerSample
		tagShort(d, 262, 1); // BlackIsZero
		tag(d, 273, LONG, 1, stripOffset);
	}

	private static void tagsAfterDescription(DataOutputStream d, int h, long slice, long resOffset) throws IOException {
		tagShort(d, 277, 1); // SamplesPerPixel
		tag(d, 278, LONG, 1, h); // RowsPerStrip
		tag(d, 279, LONG, 1, slice); // StripByteCounts
		tag(d, 282, RATIONAL, 1, resOffset); // XResolution: cells per image pixel
		tag(d, 283, RATIONAL, 1, resOffset + 8);
		tagShort(d, 296, 1); // ResolutionUnit: none
		tagShort(d, 339, 3); // SampleFormat: IEEE float
	}

	private static void tag(DataOutputStream d, int tag, short type, long count, long value) throws IOException {
		d.writeShort(tag);
		d.writeShort(type);
		d.writeInt((int) count);
		d.writeInt((int) value);
	}

	private static void tagShort(DataOutputStream d, int tag, int value) throws IOException {
		d.writeShort(tag);
		d.writeShort(SHORT);
		d.writeInt(1);
		d.writeShort(value);
		d.writeShort(0);
	}

	private static void writeRationals(DataOutputStream d, long[] x, long[] y) throws IOException {
		for (long v : new long[] { x[0], x[1], y[0], y[1] }) d.writeInt((int) v);
	}

	/**
	 * Cells per image pixel as the exact rational {@code cells / pixels}, reduced: ImageJ reads the
	 * cell size back as {@code pixels / cells} to the last bit (a rounded decimal such as
	 * 11719 / 10^6 for 3 cells over 256 pixels gave 85.3315 instead of 85.3333).
	 */
	private static long[] rational(int cells, int pixels) {
		long g = java.math.BigInteger.valueOf(cells).gcd(java.math.BigInteger.valueOf(pixels)).longValue();
		if (g == 0) g = 1;
		return new long[] { cells / g, pixels / g };
	}

	private static String exact(double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
