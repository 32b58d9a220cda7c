package io.github.steeldefects.split;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.steeldefects.io.Csv;

/** Per-image tables painted in code, with Severstal's mix of class combinations. */
public final class SeverstalTables {

	private SeverstalTables() {}

	/**
	 * Severstal's train set by class combination (12,568 images, 6,666 with a defect), except that
	 * the single 2_4 image is given a twin so that every stratum can be split.
	 */
	public static Map<String, Integer> splittableMix() {
		Map<String, Integer> m = realMix();
		m.put("3", 4758);
		m.put("2_4", 2);
		return m;
	}

	/** A small table of 187 images whose one 2_4 image is a stratum too small to split (a HashMap, as the split tests were written with). */
	public static Map<String, Integer> smallMix() {
		Map<String, Integer> small = new java.util.HashMap<>();
		small.put("0", 90);
		small.put("3", 70);
		small.put("1", 20);
		small.put("1_3", 6);
		small.put("2_4", 1);
		return small;
	}

	/** Severstal's train set by class combination, with its single 2_4 image. */
	public static Map<String, Integer> realMix() {
		Map<String, Integer> m = new LinkedHashMap<>();
		m.put("0", 5902);
		m.put("3", 4759);
		m.put("1", 769);
		m.put("4", 516);
		m.put("3_4", 284);
		m.put("2", 195);
		m.put("1_3", 91);
		m.put("1_2", 35);
		m.put("2_3", 14);
		m.put("1_2_3", 2);
		m.put("2_4", 1);
		return m;
	}

	/**
	 * Writes the import command's per-image table: one row per image, strata interleaved (as in a
	 * real file, not grouped), a dummy run for each class present.
	 */
	public static Path write(Path file, Map<String, Integer> mix) throws IOException {
		Map<String, Integer> left = new LinkedHashMap<>(mix);
		int total = mix.values().stream().mapToInt(Integer::intValue).sum();
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			Csv.writeRow(w, "image_id", "rle_1", "rle_2", "rle_3", "rle_4", "defect", "stratify", "defect_1", "defect_2",
				"defect_3", "defect_4", "total_defects");
			int i = 0;
			while (i < total) {
				for (Map.Entry<String, Integer> e : left.entrySet()) {
					if (e.getValue() == 0) continue;
					e.setValue(e.getValue() - 1);
					String s = e.getKey();
					String[] row = new String[12];
					row[0] = String.format("%08x.jpg", 0x1000 + i * 7919L % 100000 + i * 100000L);
					int count = 0;
					for (int c = 1; c <= 4; c++) {
						boolean has = !s.equals("0") && s.contains(String.valueOf(c));
						row[c] = has ? (c * 100 + 1) + " " + (10 + c) : "";
						row[6 + c] = has ? "1" : "0";
						if (has) count++;
					}
					row[5] = count > 0 ? "1" : "0";
					row[6] = s;
					row[11] = String.valueOf(count);
					Csv.writeRow(w, row);
					i++;
				}
			}
		}
		return file;
	}
}
