package io.github.steeldefects.commands;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.InstantiableException;
import org.scijava.command.Command;
import org.scijava.plugin.DefaultPluginFinder;
import org.scijava.plugin.PluginIndex;
import org.scijava.plugin.PluginInfo;
import org.scijava.plugin.SciJavaPlugin;

import io.github.steeldefects.InputException;

/**
 * Every Steel Defects command, read from SciJava's plugin index (the
 * {@code META-INF/json/org.scijava.plugin.Plugin} that the annotation processor writes from each
 * class's {@code @Plugin}): the one registry of commands. The command line, its help, the macro
 * bridge, the ImageJ 1 menus ({@code plugins.config}, generated from this list at build time) and
 * the dialogs' help pages all read it. Each command says in its {@code @Plugin}:
 * <ul>
 * <li>{@code name}: the command-line verb and the macro bridge's command name, e.g. {@code split};</li>
 * <li>{@code label}: its menu label under {@code Plugins > Steel Defects}, the name a macro's
 * {@code run("...")} uses;</li>
 * <li>{@code description}: one sentence for the help and the dialog;</li>
 * <li>{@code priority}: its place in the menu and the help, higher first;</li>
 * <li>{@code attrs = @Attr(name = "tensorflow")} when it starts TensorFlow.</li>
 * </ul>
 * No {@code menuPath}: the ImageJ 1 menu entries (with their grouped dialogs) are the menu.
 * Adding a command is adding its class (and, when it shows something in Fiji, its presenter).
 */
public final class Commands {

	/** The {@code @Attr} name that marks a command that starts TensorFlow. */
	public static final String TENSORFLOW = "tensorflow";

	/** One command, as its {@code @Plugin} annotation describes it. */
	public record Entry(String name, String menuLabel, String description, boolean needsTensorFlow,
		Class<? extends SteelCommand> commandClass) {

		@Override
		public String toString() {
			return name;
		}
	}

	private static PluginIndex index;
	private static Map<String, Entry> entries;

	private Commands() {}

	/** Every command this build has, in menu order. */
	public static List<Entry> available() {
		return List.copyOf(entries().values());
	}

	/** The command of that name (any case), or a clear error that lists the commands there are. */
	public static Entry get(String name) {
		Entry e = entries().get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
		if (e == null) throw new InputException("There is no command '" + name + "'; the commands are " +
			String.join(", ", entries().keySet()) + ".");
		return e;
	}

	/**
	 * The plugins of a type that this project declares (its own classes, not those of other jars
	 * on Fiji's class path), highest priority first: commands, presenters, the Fiji hooks.
	 */
	public static <T extends SciJavaPlugin> List<PluginInfo<T>> plugins(Class<T> type) {
		String ours = InputException.class.getPackageName() + ".";
		return index().getPlugins(type).stream().filter(info -> info.getClassName().startsWith(ours))
			.sorted(Comparator.comparingDouble((PluginInfo<T> i) -> -i.getPriority()).thenComparing(PluginInfo::getClassName)).toList();
	}

	/** The class of a plugin this project declares. */
	public static <T extends SciJavaPlugin> Class<? extends T> load(PluginInfo<T> info) {
		try {
			return info.loadClass();
		}
		catch (InstantiableException e) {
			throw new IllegalStateException("Cannot load the plugin " + info.getClassName(), e);
		}
	}

	private static synchronized PluginIndex index() {
		if (index == null) {
			PluginIndex fresh = new PluginIndex(new DefaultPluginFinder(Commands.class.getClassLoader()));
			fresh.discover();
			index = fresh;
		}
		return index;
	}

	private static synchronized Map<String, Entry> entries() {
		if (entries == null) entries = read();
		return entries;
	}

	private static Map<String, Entry> read() {
		Map<String, Entry> out = new LinkedHashMap<>();
		for (PluginInfo<Command> info : plugins(Command.class)) {
			Class<? extends Command> c = load(info);
			if (!SteelCommand.class.isAssignableFrom(c)) continue;
			String name = info.getName();
			if (name == null || !name.matches("[a-z]+")) throw new IllegalStateException(c.getName() +
				" needs @Plugin(name = \"...\"), one lower-case word: its command-line name.");
			if (info.getLabel() == null || info.getLabel().isBlank()) throw new IllegalStateException(c.getName() +
				" needs @Plugin(label = \"...\"): its menu label.");
			if (out.containsKey(name)) throw new IllegalStateException("Two commands are named " + name + ": " +
				out.get(name).commandClass.getName() + " and " + c.getName() + ".");
			out.put(name, new Entry(name, info.getLabel(), info.getDescription() == null ? "" : info.getDescription(),
				info.get(TENSORFLOW) != null, c.asSubclass(SteelCommand.class)));
		}
		return Collections.unmodifiableMap(out);
	}
}
