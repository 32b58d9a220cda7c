package io.github.steeldefects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layering rules, read from the sources (no class loading, no TensorFlow): packages (one per
 * folder, sub-packages counted on their own) form no cycle; simple class names are unique; no
 * project class is named in a string or loaded by name; only the Fiji face imports ImageJ or
 * SciJava's UI. Each failure lists every offender with its file.
 */
class ArchitectureTest {

	static final String ROOT = "io.github.steeldefects";
	static final Path MAIN = Paths.get("src/main/java");
	static final Path TEST = Paths.get("src/test/java");

	/** Packages that may show things in ImageJ: the Fiji face. */
	static final Set<String> FIJI_FACE = Set.of("fiji");

	@Test
	void noCycleBetweenPackages() {
		Map<String, Map<String, Set<String>>> deps = dependencies(MAIN);
		List<String> cycles = cycles(deps);
		assertTrue(cycles.isEmpty(), "package cycles (a -> b: the files of a that use b):\n" + String.join("\n", cycles));
	}

	@Test
	void simpleClassNamesAreUnique() {
		Map<String, List<String>> byName = new TreeMap<>();
		for (Path root : List.of(MAIN, TEST))
			for (SourceFile f : sources(root)) byName.computeIfAbsent(f.simpleName(), k -> new ArrayList<>()).add(f.relative());
		List<String> clashes = byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
			.map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList();
		assertTrue(clashes.isEmpty(), "top-level classes sharing a simple name:\n" + String.join("\n", clashes));
	}

	@Test
	void noProjectClassIsNamedInAString() {
		List<String> hits = new ArrayList<>();
		for (SourceFile f : sources(MAIN))
			for (Literal s : f.strings())
				if (s.text().contains(ROOT + ".")) hits.add(f.relative() + ":" + s.line() + ": \"" + s.text() + "\"");
		assertTrue(hits.isEmpty(), "string literals naming a project class (a rename would break at run time):\n"
			+ String.join("\n", hits));
	}

	@Test
	void noClassIsLoadedByAComputedName() {
		// Class.forName / loadClass only with a literal naming a class outside the project (e.g. a clashing
		// TensorFlow 1 jar); a computed name is how project classes end up in strings. SciJava's
		// PluginInfo.loadClass() (no argument) loads what the annotation index lists: that is the registry.
		Pattern load = Pattern.compile("\\b(?:Class\\.forName|loadClass)\\s*\\(\\s*([^,)]+)");
		List<String> hits = new ArrayList<>();
		for (SourceFile f : sources(MAIN)) {
			Matcher m = load.matcher(f.code());
			while (m.find()) {
				String arg = m.group(1).trim();
				Literal lit = arg.startsWith("\"") ? f.literalAt(m.start(1) + m.group(1).indexOf('"')) : null;
				if (lit == null || lit.text().startsWith(ROOT))
					hits.add(f.relative() + ":" + f.lineOf(m.start()) + ": " + m.group().trim() + (lit == null ? "" : lit.text()));
			}
		}
		assertTrue(hits.isEmpty(), "classes loaded by a computed name:\n" + String.join("\n", hits));
	}

	@Test
	void onlyTheFijiFaceImportsImageJOrTheSciJavaUi() {
		Pattern ui = Pattern.compile("\\b(?:ij|net\\.imagej|org\\.scijava\\.ui|org\\.scijava\\.widget)\\.[A-Za-z_]");
		List<String> hits = new ArrayList<>();
		for (SourceFile f : sources(MAIN)) {
			if (FIJI_FACE.contains(f.pkg())) continue;
			Matcher m = ui.matcher(f.code());
			while (m.find()) {
				// "ij." preceded by a dot is a member or a package of something else (e.g. x.ij.y)
				if (m.start() > 0 && f.code().charAt(m.start() - 1) == '.') continue;
				hits.add(f.relative() + ":" + f.lineOf(m.start()) + ": " + m.group());
			}
		}
		assertTrue(hits.isEmpty(), "core code using ImageJ or the SciJava UI (belongs in fiji/):\n" + String.join("\n", hits));
	}

	/** The checks see what they must: a dependency through an import, a static import and a full name. */
	@Test
	void theScannerSeesImportsFullNamesAndStringsButNotComments() {
		SourceFile f = SourceFile.parse(Paths.get("a/B.java"), "a", String.join("\n",
			"package " + ROOT + ".a;",
			"import " + ROOT + ".b.Thing;",
			"import static " + ROOT + ".c.d.Util.helper;",
			"/** see " + ROOT + ".e.InComment */ // " + ROOT + ".f.InLineComment",
			"class B { Object x = " + ROOT + ".g.Full.make(); String s = \"" + ROOT + ".h.Named\"; char q = '\"';",
			"String t = \"\"\"",
			"  " + ROOT + ".i.InTextBlock \\\"\"\" still inside",
			"  \"\"\"; }"));
		assertEquals(Set.of("b", "c.d", "g"), f.uses().keySet());
		assertEquals(List.of(ROOT + ".h.Named", "\n  " + ROOT + ".i.InTextBlock \\\"\"\" still inside\n  "),
			f.strings().stream().map(Literal::text).toList());
		assertEquals(5, f.strings().get(0).line());

		Map<String, Map<String, Set<String>>> deps = new TreeMap<>();
		deps.put("a", Map.of("b", Set.of("a/A.java")));
		deps.put("b", Map.of("c", Set.of("b/B.java")));
		deps.put("c", Map.of("a", Set.of("c/C.java"), "d", Set.of("c/C.java")));
		deps.put("d", Map.of());
		assertEquals(List.of("a -> b -> c -> a (a -> b: a/A.java; b -> c: b/B.java; c -> a: c/C.java)"), cycles(deps));
	}

	// ---- reading the sources

	record Literal(String text, int line, int offset) {}

	/** One source file: its package (relative to the root package, "" for the root), code without comments and strings. */
	record SourceFile(String relative, String pkg, String code, List<Literal> strings, int[] lineStarts) {

		String simpleName() {
			String name = Paths.get(relative).getFileName().toString();
			return name.substring(0, name.length() - ".java".length());
		}

		int lineOf(int offset) {
			int i = java.util.Arrays.binarySearch(lineStarts, offset);
			return (i >= 0 ? i : -i - 2) + 1;
		}

		Literal literalAt(int offset) {
			for (Literal l : strings) if (l.offset() == offset) return l;
			return null;
		}

		/** Project packages this file uses (other than its own), each with the names that show it. */
		Map<String, Set<String>> uses() {
			Map<String, Set<String>> out = new TreeMap<>();
			Matcher m = Pattern.compile("\\b" + Pattern.quote(ROOT) + "((?:\\.[a-z_][a-z0-9_]*)*)\\.(?:[A-Z]|\\*)").matcher(code);
			while (m.find()) {
				String p = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
				if (!p.equals(pkg)) out.computeIfAbsent(p, k -> new TreeSet<>()).add(m.group());
			}
			return out;
		}

		static SourceFile parse(Path relative, String pkg, String src) {
			StringBuilder code = new StringBuilder(src.length());
			List<Literal> strings = new ArrayList<>();
			List<Integer> starts = new ArrayList<>(List.of(0));
			for (int i = 0; i < src.length(); i++) if (src.charAt(i) == '\n') starts.add(i + 1);
			int i = 0, n = src.length();
			while (i < n) {
				char c = src.charAt(i);
				if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
					for (; i < n && src.charAt(i) != '\n'; i++) code.append(' ');
				}
				else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
					int end = src.indexOf("*/", i + 2);
					end = end < 0 ? n : end + 2;
					for (; i < end; i++) code.append(src.charAt(i) == '\n' ? '\n' : ' ');
				}
				else if (c == '"' || c == '\'') {
					boolean block = c == '"' && src.startsWith("\"\"\"", i);
					int from = i, open = block ? 3 : 1;
					StringBuilder text = new StringBuilder();
					int j = i + open;
					while (j < n) {
						char d = src.charAt(j);
						if (d == '\\' && j + 1 < n) {
							text.append(d).append(src.charAt(j + 1));
							j += 2;
							continue;
						}
						if (block ? src.startsWith("\"\"\"", j) : d == c || d == '\n') break;
						text.append(d);
						j++;
					}
					int end = Math.min(n, j + open);
					if (c == '"') strings.add(new Literal(text.toString(), lineAt(starts, from), from));
					// the literal's place stays in the code as an empty literal of the same length
					code.append(c);
					for (int k = from + 1; k < end - 1; k++) code.append(src.charAt(k) == '\n' ? '\n' : ' ');
					if (end - from > 1) code.append(c);
					i = end;
				}
				else {
					code.append(c);
					i++;
				}
			}
			int[] ls = starts.stream().mapToInt(Integer::intValue).toArray();
			return new SourceFile(relative.toString(), pkg, code.toString(), strings, ls);
		}

		private static int lineAt(List<Integer> starts, int offset) {
			int lo = 0, hi = starts.size() - 1;
			while (lo < hi) {
				int mid = (lo + hi + 1) >>> 1;
				if (starts.get(mid) <= offset) lo = mid;
				else hi = mid - 1;
			}
			return lo + 1;
		}
	}

	static List<SourceFile> sources(Path root) {
		Path base = root.resolve(ROOT.replace('.', '/'));
		try (Stream<Path> s = Files.walk(base)) {
			List<SourceFile> out = new ArrayList<>();
			for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
				Path rel = base.relativize(p);
				String pkg = rel.getParent() == null ? "" : rel.getParent().toString().replace('/', '.');
				if (rel.getFileName().toString().equals("package-info.java")) continue;
				out.add(SourceFile.parse(rel, pkg, Files.readString(p, StandardCharsets.UTF_8)));
			}
			return out;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** package -> package it uses -> files of the first that use the second. */
	static Map<String, Map<String, Set<String>>> dependencies(Path root) {
		Map<String, Map<String, Set<String>>> deps = new TreeMap<>();
		for (SourceFile f : sources(root)) {
			Map<String, Set<String>> mine = deps.computeIfAbsent(f.pkg(), k -> new TreeMap<>());
			for (String used : f.uses().keySet()) mine.computeIfAbsent(used, k -> new TreeSet<>()).add(f.relative());
		}
		for (Map<String, Set<String>> m : new ArrayList<>(deps.values()))
			for (String used : m.keySet()) deps.computeIfAbsent(used, k -> new TreeMap<>());
		return deps;
	}

	/** One line per strongly connected group of packages: a shortest cycle through it, with the files behind each step. */
	static List<String> cycles(Map<String, Map<String, Set<String>>> deps) {
		List<String> out = new ArrayList<>();
		for (Set<String> group : stronglyConnected(deps)) {
			if (group.size() < 2) continue;
			String start = group.iterator().next();
			List<String> cycle = shortestCycle(deps, group, start);
			StringBuilder why = new StringBuilder();
			for (int k = 0; k + 1 < cycle.size(); k++) {
				String a = cycle.get(k), b = cycle.get(k + 1);
				why.append(k == 0 ? "" : "; ").append(name(a)).append(" -> ").append(name(b)).append(": ")
					.append(String.join(", ", deps.get(a).get(b)));
			}
			String others = group.size() > cycle.size() - 1 ? " [the group also holds " + group.stream()
				.filter(p -> !cycle.contains(p)).map(ArchitectureTest::name).collect(Collectors.joining(", ")) + "]" : "";
			out.add(cycle.stream().map(ArchitectureTest::name).collect(Collectors.joining(" -> ")) + " (" + why + ")" + others);
		}
		return out;
	}

	private static String name(String pkg) {
		return pkg.isEmpty() ? "(root)" : pkg;
	}

	private static List<String> shortestCycle(Map<String, Map<String, Set<String>>> deps, Set<String> group, String start) {
		Map<String, String> parent = new HashMap<>();
		Deque<String> queue = new ArrayDeque<>(List.of(start));
		while (!queue.isEmpty()) {
			String a = queue.poll();
			for (String b : deps.get(a).keySet()) {
				if (!group.contains(b)) continue;
				if (b.equals(start)) {
					List<String> path = new ArrayList<>(List.of(start));
					for (String x = a; !x.equals(start); x = parent.get(x)) path.add(1, x);
					path.add(start);
					return path;
				}
				if (!parent.containsKey(b)) {
					parent.put(b, a);
					queue.add(b);
				}
			}
		}
		throw new IllegalStateException("no cycle through " + start);
	}

	/** Tarjan's algorithm; groups in the order of their first package. */
	private static List<Set<String>> stronglyConnected(Map<String, Map<String, Set<String>>> deps) {
		Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new TreeSet<>();
		List<Set<String>> groups = new ArrayList<>();
		int[] counter = { 0 };
		for (String p : deps.keySet()) if (!index.containsKey(p)) connect(p, deps, index, low, stack, onStack, groups, counter);
		groups.sort((x, y) -> x.iterator().next().compareTo(y.iterator().next()));
		return groups;
	}

	private static void connect(String p, Map<String, Map<String, Set<String>>> deps, Map<String, Integer> index,
		Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> groups, int[] counter)
	{
		index.put(p, counter[0]);
		low.put(p, counter[0]++);
		stack.push(p);
		onStack.add(p);
		for (String q : deps.get(p).keySet()) {
			if (!index.containsKey(q)) {
				connect(q, deps, index, low, stack, onStack, groups, counter);
				low.put(p, Math.min(low.get(p), low.get(q)));
			}
			else if (onStack.contains(q)) low.put(p, Math.min(low.get(p), index.get(q)));
		}
		if (low.get(p).equals(index.get(p))) {
			Set<String> group = new TreeSet<>();
			String q;
			do {
				q = stack.pop();
				onStack.remove(q);
				group.add(q);
			} while (!q.equals(p));
			groups.add(group);
		}
	}
}
