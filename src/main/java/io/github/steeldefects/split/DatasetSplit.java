package io.github.steeldefects.split;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.steeldefects.SeededRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;

/**
 * The reference notebook's split of the per-image table: {@code train_test_split} twice, with
 * {@code stratify}: the test part off the whole table, then the validation part off what remains.
 * Counts follow scikit-learn (see {@link StratifiedShuffle}); on Severstal's 12,568 images,
 * test=0.10 and val=0.20 give 9048 / 2263 / 1257.
 * <p>
 * Usage: {@code DatasetSplit.Result r = DatasetSplit.split(Csv.read(table), options);}
 * then {@code r.write(folder, overwrite)}; {@link Result#summary()} has the counts per stratum.
 */
public final class DatasetSplit {

	/** The names of the three output files, in the order train, val, test. */
	public static final List<String> FILE_NAMES = List.of("x_train.csv", "x_val.csv", "x_test.csv");

	/** The three parts, in the order of {@link #FILE_NAMES}. */
	public static final List<String> PARTS = List.of("train", "val", "test");

	/** The value of the stratify option that means a plain shuffle. */
	public static final String NO_STRATA = "none";

	private DatasetSplit() {}

	/** What to split and how. */
	public static final class Options {

		public double test = 0.10;
		public double val = 0.20;
		public long seed = 0;
		/** A column of the table, or {@value DatasetSplit#NO_STRATA}. */
		public String stratify = "stratify";
		/** Pool strata too small to be split instead of failing. */
		public boolean mergeRare = false;

		public Options test(double v) { test = v; return this; }
		public Options val(double v) { val = v; return this; }
		public Options seed(long v) { seed = v; return this; }
		public Options stratify(String v) { stratify = v; return this; }
		public Options mergeRare(boolean v) { mergeRare = v; return this; }
	}

	/**
	 * The split: row indices of the table per part, the strata used (per row, after pooling; null
	 * for a plain shuffle) and a note on what was done about small strata (or an empty string).
	 */
	public record Result(Csv table, List<int[]> parts, String[] strata, boolean[] defect, String note) {

		/** Row indices (0-based, into the table) of part {@code p} (0 train, 1 val, 2 test), in file order. */
		public int[] rows(int p) {
			return parts.get(p).clone();
		}

		/** The image ids of part {@code p} (0 train, 1 val, 2 test), in file order. */
		public List<String> imageIds(int p) {
			int c = table.column("image_id");
			return Arrays.stream(parts.get(p)).mapToObj(r -> table.row(r)[c]).toList();
		}

		/** Counts per stratum and part, and the defect ratio of each part. */
		public Summary summary() {
			TreeMap<String, int[]> counts = new TreeMap<>();
			int[] totals = new int[3];
			int[] defects = new int[3];
			for (int p = 0; p < 3; p++) {
				for (int r : parts.get(p)) {
					String s = strata == null ? "all" : strata[r];
					counts.computeIfAbsent(s, k -> new int[3])[p]++;
					totals[p]++;
					if (defect[r]) defects[p]++;
				}
			}
			return new Summary(counts, totals, defects, note);
		}

		/** Writes x_train.csv, x_val.csv and x_test.csv into {@code folder}. */
		public void write(Path folder, boolean overwrite) {
			List<Path> targets = outputs(folder);
			AtomicFiles.checkWritable(targets, overwrite);
			List<String> header = outputHeader(table.header());
			int[] order = new int[header.size()];
			for (int i = 0; i < order.length; i++) order[i] = table.column(header.get(i));
			// the three lists appear together or not at all: an image is never in two splits
			AtomicFiles.writeAll(targets, overwrite, (p, stream) -> {
				int[] rows = parts.get(p);
				java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream,
					java.nio.charset.StandardCharsets.UTF_8));
				Csv.writeRow(w, header);
				String[] out = new String[order.length];
				for (int r : rows) {
					String[] row = table.row(r);
					for (int i = 0; i < order.length; i++) out[i] = row[order[i]];
					Csv.writeRow(w, out);
				}
				w.flush();
			});
		}
	}

	/**
	 * The counts of a split: per stratum and part, and the defect images per part.
	 *
	 * @param counts stratum -&gt; images in train, val, test; in stratum order
	 */
	public record Summary(Map<String, int[]> counts, int[] totals, int[] defects, String note) {

		public Summary {
			counts = Collections.unmodifiableMap(counts);
		}

		/** Defect images over all images of part {@code p}; NaN for an empty part. */
		public double defectRatio(int p) {
			return totals[p] == 0 ? Double.NaN : (double) defects[p] / totals[p];
		}

		/** A plain-text table, for the log and the command line. */
		@Override
		public String toString() {
			int width = "defect ratio".length();
			for (String s : counts.keySet()) width = Math.max(width, s.length());
			String rowFormat = "%-" + width + "s %7s %7s %7s %7s%n";
			StringBuilder sb = new StringBuilder();
			sb.append(String.format(rowFormat, "stratum", "train", "val", "test", "total"));
			for (Map.Entry<String, int[]> e : counts.entrySet()) {
				int[] c = e.getValue();
				sb.append(String.format(rowFormat, e.getKey(), c[0], c[1], c[2], c[0] + c[1] + c[2]));
			}
			sb.append(String.format(rowFormat, "all", totals[0], totals[1], totals[2], totals[0] + totals[1] + totals[2]));
			sb.append(String.format(rowFormat, "defect", defects[0], defects[1], defects[2],
				defects[0] + defects[1] + defects[2]));
			int all = totals[0] + totals[1] + totals[2];
			sb.append(String.format(rowFormat, "defect ratio", ratio(defects[0], totals[0]), ratio(defects[1], totals[1]),
				ratio(defects[2], totals[2]), ratio(defects[0] + defects[1] + defects[2], all)));
			if (!note.isEmpty()) sb.append(note).append('\n');
			return sb.toString();
		}

		private static String ratio(int a, int b) {
			return b == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.4f", (double) a / b);
		}
	}

	/** The output files in {@code folder}, train, val, test. */
	public static List<Path> outputs(Path folder) {
		return FILE_NAMES.stream().map(folder::resolve).toList();
	}

	/** The columns of the output files: image_id, defect, then the table's other columns in order. */
	public static List<String> outputHeader(List<String> tableHeader) {
		List<String> header = new ArrayList<>(List.of("image_id", "defect"));
		for (String h : tableHeader)
			if (!header.contains(h)) header.add(h);
		return header;
	}

	/** Checks the fractions before anything is read: each must lie strictly between 0 and 1. */
	public static void checkFractions(double test, double val) {
		if (!(test > 0 && test < 1)) throw new InputException("test=" + test +
			" is not a fraction between 0 and 1; give e.g. test=0.10.");
		if (!(val > 0 && val < 1)) throw new InputException("val=" + val +
			" is not a fraction between 0 and 1 (it is the fraction of what remains after the test split); give e.g. val=0.20.");
	}

	/** Splits the per-image table; bad input is an {@link InputException} naming the file and line. */
	public static Result split(Csv table, Options o) {
		checkFractions(o.test, o.val);
		Path file = table.source();
		if (table.size() == 0) throw new InputException(file + " has no images (only a header); give the per-image table the import command writes.");
		// a per-image table is checked as the import checks it: plain ids, sorted RLEs, derived columns that agree
		if (table.header().equals(io.github.steeldefects.data.DefectTable.COLUMNS)) io.github.steeldefects.data.DefectTable.of(table);
		int idColumn = table.column("image_id");
		int defectColumn = table.column("defect");
		boolean plain = NO_STRATA.equals(o.stratify);
		if (!plain && !table.has(o.stratify)) throw new InputException(file + " has no column '" + o.stratify +
			"' to stratify on; give stratify= one of " + String.join(", ", table.header()) + ", or stratify=none.");
		int n = table.size();
		boolean[] defect = new boolean[n];
		Map<String, Integer> seen = new HashMap<>();
		for (int r = 0; r < n; r++) {
			String id = table.row(r)[idColumn].trim();
			if (id.isEmpty()) throw new InputException(file + " line " + table.line(r) + " has an empty image_id; every row needs one.");
			io.github.steeldefects.data.ImageIds.check(id, file, table.line(r));
			Integer before = seen.put(id, r);
			if (before != null) throw new InputException(file + " line " + table.line(r) + ": image " + id +
				" is listed twice (also on line " + table.line(before) + "); give each image once.");
			defect[r] = parseDefect(table.row(r)[defectColumn], file, table.line(r), id);
		}
		int sc = plain ? -1 : table.column(o.stratify);
		String[] strata = plain ? null : IntStream.range(0, n).mapToObj(r -> table.row(r)[sc].trim()).toArray(String[]::new);
		// with rare=merge, pool the strata that cannot be split and try again until it works
		Map<String, String> pooled = new LinkedHashMap<>(); // original stratum -> pooled name
		while (true) {
			String[] used = strata == null ? null : rename(strata, pooled);
			try {
				List<int[]> parts = twoStage(used, n, o);
				String note = pooled.isEmpty() ? "" : "rare=merge pooled the strata " + describe(strata, pooled) +
					" into one stratum '" + pooled.values().iterator().next() + "' (each stratum needs at least 2 images at each split).";
				return new Result(table, parts, used, defect, note);
			}
			catch (StageTooSmall e) {
				if (!o.mergeRare) {
					Map.Entry<String, Integer> first = e.strata.entrySet().iterator().next();
					int size = 0;
					for (String s : rename(strata, pooled))
						if (s.equals(first.getKey())) size++;
					String which = e.stage == 1 ? "has only " + size + (size == 1 ? " image" : " images")
						: "has " + size + " images but keeps only " + first.getValue() + " after the test split";
					throw new InputException(file + ": stratum '" + label(first.getKey()) + "' of column " + o.stratify +
						" " + which + ", too few to split (each stratum needs at least 2 at each split" +
						(e.strata.size() > 1 ? "; " + (e.strata.size() - 1) + " more strata are as small" : "") +
						"); pass rare=merge to pool such strata, or stratify=none.");
				}
				if (!pool(pooled, e.strata.keySet(), strata)) throw new InputException(file +
					": even with rare=merge the strata of column " + o.stratify + " cannot be split (" + n +
					" images); use stratify=none.");
			}
		}
	}

	private static List<int[]> twoStage(String[] strata, int n, Options o) {
		StratifiedShuffle.Parts first = stage(1, strata, n, o.test, o.seed, "test");
		int[] rest = first.train();
		String[] restStrata = strata == null ? null : Arrays.stream(rest).mapToObj(i -> strata[i]).toArray(String[]::new);
		// the notebook calls train_test_split again with the same random_state
		StratifiedShuffle.Parts second = stage(2, restStrata, rest.length, o.val, o.seed, "val");
		int[] train = Arrays.stream(second.train()).map(i -> rest[i]).toArray();
		int[] val = Arrays.stream(second.test()).map(i -> rest[i]).toArray();
		return List.of(train, val, first.test());
	}

	private static StratifiedShuffle.Parts stage(int stage, String[] strata, int n, double fraction, long seed, String what) {
		try {
			return StratifiedShuffle.split(strata, n, fraction, new SeededRandom(seed), what);
		}
		catch (StratifiedShuffle.TooSmallException e) {
			throw new StageTooSmall(stage, e.strata);
		}
	}

	private static final class StageTooSmall extends RuntimeException {

		private static final long serialVersionUID = 1L;
		final int stage;
		final Map<String, Integer> strata;

		StageTooSmall(int stage, Map<String, Integer> strata) {
			super(null, null, false, false);
			this.stage = stage;
			this.strata = strata;
		}
	}

	/**
	 * Adds the too-small strata to the pool. When the pool itself is what is too small, it takes
	 * in the smallest other stratum. Returns false when nothing is left to pool.
	 */
	private static boolean pool(Map<String, String> pooled, java.util.Set<String> tooSmall, String[] strata) {
		TreeSet<String> members = new TreeSet<>(pooled.keySet());
		String poolName = pooled.isEmpty() ? null : pooled.values().iterator().next();
		boolean grew = false;
		for (String s : tooSmall) {
			if (s.equals(poolName)) continue;
			grew |= members.add(s);
		}
		if (!grew) {
			// the pool is too small on its own: add the smallest stratum outside it
			Map<String, Integer> sizes = new TreeMap<>();
			for (String s : strata)
				if (!members.contains(s)) sizes.merge(s, 1, Integer::sum);
			// the first of the smallest, in stratum order
			Map.Entry<String, Integer> smallest = sizes.entrySet().stream().min(Map.Entry.comparingByValue()).orElse(null);
			if (smallest == null) return false;
			members.add(smallest.getKey());
		}
		List<String> labels = members.stream().map(DatasetSplit::label).toList();
		// a readable name: the members when few, else how many
		String name = labels.size() <= 4 ? String.join("+", labels) : "rare (" + labels.size() + " strata)";
		pooled.clear();
		for (String m : members) pooled.put(m, name);
		return true;
	}

	private static String[] rename(String[] strata, Map<String, String> pooled) {
		if (pooled.isEmpty()) return strata;
		return Arrays.stream(strata).map(s -> pooled.getOrDefault(s, s)).toArray(String[]::new);
	}

	private static String describe(String[] strata, Map<String, String> pooled) {
		Map<String, Integer> sizes = new TreeMap<>();
		for (String s : strata)
			if (pooled.containsKey(s)) sizes.merge(s, 1, Integer::sum);
		List<String> parts = new ArrayList<>();
		for (Map.Entry<String, Integer> e : sizes.entrySet()) {
			if (parts.size() == 10) {
				parts.add("and " + (sizes.size() - 10) + " more");
				break;
			}
			parts.add("'" + label(e.getKey()) + "' (" + e.getValue() + (e.getValue() == 1 ? " image)" : " images)"));
		}
		return String.join(", ", parts);
	}

	private static String label(String stratum) {
		return stratum.isEmpty() ? "(empty)" : stratum;
	}

	private static boolean parseDefect(String raw, Path file, int line, String id) {
		String v = raw.trim().toLowerCase();
		switch (v) {
			case "1": case "1.0": case "true": return true;
			case "0": case "0.0": case "false": return false;
			default:
				throw new InputException(file + " line " + line + ": image " + id + " has defect='" + raw +
					"'; the defect column must hold 0 or 1.");
		}
	}

}
