package io.github.steeldefects.commands;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scijava.ItemIO;
import org.scijava.plugin.Parameter;

import io.github.steeldefects.InputException;
import io.github.steeldefects.classify.Thresholds;

/**
 * The one validation boundary of the commands. {@link #create} runs a command from string options,
 * the way the command line, the ImageJ 1 menus and macros, and the macro bridge give them: every
 * key must be one of the command's parameters and every value must convert. {@link #check}, which
 * {@link SteelCommand#run} calls whichever way the command came (SciJava's CommandService too),
 * checks the fields against their {@code @Parameter}: required inputs must be there, a choice
 * must be one of the listed ones (in any case: {@code bn=Train} is {@code bn=train}), a number
 * must lie within min and max. Anything else is an {@link InputException} naming the option and
 * what would fix it, raised before any work is done.
 */
public final class CommandRunner {

	private CommandRunner() {}

	/** One input of a command, as read from its {@code @Parameter} field; the key is the field name in lower case. */
	public record Input(Field field, Parameter annotation, String key, Object defaultValue) {

		public Class<?> type() {
			return field.getType();
		}

		public List<String> choices() {
			return Arrays.asList(annotation.choices());
		}

		/** True when the user must give a value: required and without a default. */
		public boolean mustGive() {
			return annotation.required() && defaultValue == null;
		}

		public String description() {
			return annotation.description();
		}

		public String defaultText() {
			return defaultValue == null ? "" : String.valueOf(defaultValue);
		}
	}

	/** The inputs of a command class, in declaration order (superclass fields first). */
	public static List<Input> inputs(Class<? extends SteelCommand> type) {
		Object fresh = instantiate(type);
		List<Class<?>> chain = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.add(0, c);
		List<Input> out = new ArrayList<>();
		for (Class<?> c : chain) {
			for (Field f : c.getDeclaredFields()) {
				Parameter p = f.getAnnotation(Parameter.class);
				if (p == null || Modifier.isStatic(f.getModifiers()) || p.type() == ItemIO.OUTPUT) continue;
				if (!SUPPORTED.contains(f.getType())) continue; // services and other injected objects
				f.setAccessible(true);
				out.add(new Input(f, p, f.getName().toLowerCase(), get(f, fresh)));
			}
		}
		return Collections.unmodifiableList(out);
	}

	private static SteelCommand instantiate(Class<? extends SteelCommand> type) {
		try {
			return type.getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot create " + type.getName(), e);
		}
	}

	private static Object get(Field f, Object command) {
		try {
			return f.get(command);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void setField(Object command, Input in, Object value) {
		try {
			in.field().set(command, value);
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException(e);
		}
	}

	private static final Set<Class<?>> SUPPORTED = Set.of(String.class, File.class, int.class, Integer.class, long.class,
		Long.class, double.class, Double.class, float.class, Float.class, boolean.class, Boolean.class);

	/** Creates the named command with the given options set; nothing runs yet. */
	public static SteelCommand create(String name, Map<String, String> options) {
		Commands.Entry entry = Commands.get(name);
		Class<? extends SteelCommand> type = entry.commandClass();
		SteelCommand command = instantiate(type);
		List<Input> inputs = inputs(type);
		List<String> keys = inputs.stream().map(Input::key).toList();
		for (String key : options.keySet()) {
			if (!keys.contains(key)) throw new InputException("The " + entry.name() + " command has no option '" + key +
				"'; its options are " + String.join(", ", keys) + ".");
		}
		for (Input in : inputs) {
			String value = options.get(in.key());
			if (value != null) set(command, in, value, entry.name());
			else if (in.mustGive()) throw needs(entry.name(), in);
		}
		check(command);
		return command;
	}

	static void set(Object command, Input in, String raw, String commandName) {
		String value = raw.trim();
		Class<?> t = in.type();
		boolean path = t == File.class;
		if ((path || t == String.class) && value.chars().anyMatch(ch -> ch < 0x20 && (path || ch != '\t')))
			throw new InputException("Option " + in.key() + " of the " + commandName +
				" command holds a control character (NUL, newline, ...); give " + (path ? "a plain path." : "plain text."));
		Object v;
		try {
			if (t == String.class) v = value;
			else if (t == File.class) v = value.isEmpty() ? null : new File(value);
			else if (t == int.class || t == Integer.class) v = Integer.parseInt(value);
			else if (t == long.class || t == Long.class) v = Long.parseLong(value);
			else if (t == double.class || t == Double.class) v = parseDouble(value);
			else if (t == float.class || t == Float.class) v = (float) parseDouble(value);
			else if (t == boolean.class || t == Boolean.class) v = parseBoolean(value);
			else throw new IllegalStateException("unsupported type " + t);
		}
		catch (NumberFormatException e) {
			String kind = (t == double.class || t == Double.class || t == float.class || t == Float.class) ? "a number"
				: (t == boolean.class || t == Boolean.class) ? "true or false" : "a whole number";
			throw new InputException("Option " + in.key() + " of the " + commandName + " command must be " + kind +
				", not '" + raw + "'.");
		}
		if (v == null && in.mustGive()) throw new InputException("The " + commandName + " command needs " + in.key() +
			"=...; it was given empty.");
		setField(command, in, v);
	}

	/** The checks the class comment lists, at the start of every run; a choice's field then holds the listed spelling. */
	public static void check(SteelCommand command) {
		String name = name(command.getClass());
		for (Input in : inputs(command.getClass())) {
			Object v = get(in.field(), command);
			if (v == null) {
				if (in.annotation().required()) throw needs(name, in);
				continue;
			}
			if (v instanceof String text && !in.choices().isEmpty()) {
				String choice = in.choices().stream().filter(c -> c.equalsIgnoreCase(text.trim())).findFirst().orElse(null);
				if (choice == null) throw new InputException("Option " + in.key() + " of the " + name + " command must be one of " +
					String.join(", ", in.choices()) + ", not '" + text + "'.");
				if (!choice.equals(text)) setField(command, in, choice);
			}
			if (v instanceof Number number) checkRange(in, number, name);
		}
	}

	/** The command's name, as its {@code @Plugin} says (the command line's verb). */
	static String name(Class<?> type) {
		org.scijava.plugin.Plugin p = type.getAnnotation(org.scijava.plugin.Plugin.class);
		return p != null && !p.name().isEmpty() ? p.name() : type.getSimpleName().toLowerCase();
	}

	private static InputException needs(String commandName, Input in) {
		return new InputException("The " + commandName + " command needs " + in.key() + "=..." +
			(in.description().isEmpty() ? "" : " (" + in.description() + ")") + ".");
	}

	private static void checkRange(Input in, Number n, String commandName) {
		double v = n.doubleValue();
		if (Double.isNaN(v) || Double.isInfinite(v)) throw new InputException("Option " + in.key() + " of the " + commandName +
			" command must be a number, not " + v + ".");
		String min = in.annotation().min();
		String max = in.annotation().max();
		if (!min.isEmpty() && v < Double.parseDouble(min) || !max.isEmpty() && v > Double.parseDouble(max))
			throw new InputException("Option " + in.key() + " of the " + commandName + " command must lie between " +
				(min.isEmpty() ? "-infinity" : min) + " and " + (max.isEmpty() ? "infinity" : max) + ", not " +
				(n instanceof Double || n instanceof Float ? Thresholds.exact(v) : n) + ".");
	}

	private static double parseDouble(String s) {
		double d = Double.parseDouble(s);
		if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException(s);
		return d;
	}

	private static boolean parseBoolean(String s) {
		switch (s.toLowerCase()) {
			case "true": case "yes": case "1": case "on": return true;
			case "false": case "no": case "0": case "off": return false;
			default: throw new NumberFormatException(s);
		}
	}

	/** A help text: the command's options with their defaults and descriptions. */
	public static String help(Commands.Entry entry) {
		StringBuilder sb = new StringBuilder();
		sb.append(entry.name()).append(": ").append(entry.description()).append('\n');
		sb.append("  Fiji menu: Plugins > Steel Defects > ").append(entry.menuLabel()).append('\n');
		for (Input in : inputs(entry.commandClass())) {
			sb.append("  ").append(in.key()).append('=');
			if (!in.choices().isEmpty()) sb.append(String.join("|", in.choices()));
			else sb.append(in.mustGive() ? "(required)" : in.defaultText());
			if (!in.description().isEmpty()) sb.append("    ").append(in.description());
			sb.append('\n');
		}
		return sb.toString();
	}
}
