package io.github.steeldefects.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.steeldefects.InputException;

/**
 * Parses option strings as ImageJ macros write them: {@code key=value key2=[a value with spaces]
 * flag}. A bare word is a checked box ({@code flag=true}). Keys are lower-cased, as ImageJ does.
 */
public final class Options {

	private Options() {}

	public static Map<String, String> parse(String options) {
		Map<String, String> out = new LinkedHashMap<>();
		if (options == null) return out;
		int i = 0;
		int n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i))) i++;
			if (i >= n) break;
			int keyStart = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i))) i++;
			String key = options.substring(keyStart, i).toLowerCase();
			if (i >= n || options.charAt(i) != '=') {
				put(out, key, "true");
				continue;
			}
			i++; // '='
			String value;
			if (i < n && options.charAt(i) == '[') {
				int close = options.indexOf(']', i + 1);
				if (close < 0) throw new InputException("The value of option '" + key +
					"' opens a '[' that is never closed; add the closing ']'.");
				// nested brackets, e.g. augment=[hflip zoom=[0.1]], are not needed; take the first close
				value = options.substring(i + 1, close);
				i = close + 1;
			}
			else {
				int start = i;
				while (i < n && !Character.isWhitespace(options.charAt(i))) i++;
				value = options.substring(start, i);
			}
			put(out, key, value);
		}
		return out;
	}

	/** Parses command-line arguments, each {@code key=value} (the shell already split them). */
	public static Map<String, String> parseArgs(String[] args, int from) {
		Map<String, String> out = new LinkedHashMap<>();
		for (int k = from; k < args.length; k++) {
			String a = args[k];
			int eq = a.indexOf('=');
			if (eq <= 0) {
				if (eq == 0 || a.isBlank()) throw new InputException("'" + a +
					"' is not an option; write options as key=value, e.g. seed=0.");
				put(out, a.toLowerCase(), "true");
				continue;
			}
			String value = a.substring(eq + 1);
			if (value.length() >= 2 && value.startsWith("[") && value.endsWith("]"))
				value = value.substring(1, value.length() - 1);
			put(out, a.substring(0, eq).toLowerCase(), value);
		}
		return out;
	}

	private static void put(Map<String, String> out, String key, String value) {
		if (out.containsKey(key)) throw new InputException("Option '" + key +
			"' is given twice; give each option once.");
		out.put(key, value);
	}

	/** Formats a value for a macro option string, bracketing it when it holds spaces. */
	public static String format(String key, String value) {
		if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) return key + "=[" + value + "]";
		return key + "=" + value;
	}
}
