package io.github.steeldefects.fiji;

import java.awt.Checkbox;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import ij.util.Tools;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;

/**
 * The ImageJ 1 face of every command: {@code plugins.config} maps each menu entry under
 * {@code Plugins > Steel Defects} to this class with the command name as argument. It shows a
 * dialog whose fields say in words what they are, grouped (data, model, training, output), while
 * GenericDialog's own label of each field stays the option key, so that the macro recorder writes
 * {@code run("Split Dataset...", "table=... test=0.10 ...")} and a macro replays it without a
 * dialog. Interactive values are remembered per command (ImageJ's preferences); a macro never
 * sees them. After a bad input the dialog comes back with the typed values and the sentence that
 * says what to fix. The work itself is the SciJava command's.
 */
public class SteelDefectsPlugin implements PlugIn {

	/** Where interactive values are remembered: {@code steeldefects.<command>.<key>} in ImageJ's preferences. */
	static final String PREFS = "steeldefects.";

	@Override
	public void run(String arg) {
		Commands.Entry entry;
		try {
			entry = Commands.get(arg);
		}
		catch (RuntimeException e) {
			Ij1.error(e.getMessage());
			return;
		}
		if (GraphicsEnvironment.isHeadless()) {
			Ij1.runAndShow(entry.name(), io.github.steeldefects.commands.Options.parse(Macro.getOptions()));
			return;
		}
		// a macro (or the command line, which never comes here) runs with what it says and the
		// commands' defaults, never with what a user typed last time: recorded runs stay reproducible
		boolean macro = Macro.getOptions() != null;
		Map<String, String> values = macro ? Map.of() : remembered(entry);
		String error = null;
		while (true) {
			GenericDialog gd = build(entry, values, error);
			gd.showDialog();
			if (gd.wasCanceled()) return;
			Map<String, String> typed = read(entry, gd);
			if (!macro) remember(entry, typed);
			Ij1.Run run = Ij1.run(entry.name(), options(entry, typed), !macro);
			if (run.error() == null) return;
			// interactive: the dialog comes back with what was typed and the sentence above it
			values = typed;
			error = run.error();
		}
	}

	/** The values this command's dialog was last OK'ed with (interactive runs only). */
	static Map<String, String> remembered(Commands.Entry entry) {
		Map<String, String> values = new LinkedHashMap<>();
		for (CommandRunner.Input in : CommandRunner.inputs(entry.commandClass())) {
			String v = Prefs.get(PREFS + entry.name() + "." + in.key(), null);
			if (v != null) values.put(in.key(), v);
		}
		return values;
	}

	static void remember(Commands.Entry entry, Map<String, String> typed) {
		for (Map.Entry<String, String> e : typed.entrySet())
			Prefs.set(PREFS + entry.name() + "." + e.getKey(), e.getValue());
	}

	/** The options a command gets from what was typed: empty optional fields keep the command's default. */
	static Map<String, String> options(Commands.Entry entry, Map<String, String> typed) {
		Map<String, String> options = new LinkedHashMap<>();
		for (CommandRunner.Input in : CommandRunner.inputs(entry.commandClass())) {
			String value = typed.get(in.key());
			if (value == null || value.isEmpty() && !in.mustGive()) continue;
			options.put(in.key(), value);
		}
		return options;
	}

	/** The inputs in dialog order: grouped under their headings, declaration order within a group. */
	static List<CommandRunner.Input> ordered(Commands.Entry entry) {
		List<CommandRunner.Input> out = new ArrayList<>();
		List<CommandRunner.Input> inputs = CommandRunner.inputs(entry.commandClass());
		for (String g : DialogFields.GROUPS)
			for (CommandRunner.Input in : inputs) if (DialogFields.group(entry.name(), in.key()).equals(g)) out.add(in);
		for (CommandRunner.Input in : inputs) if (!out.contains(in)) out.add(in);
		// ImageJ's recorder warns of a "Duplicate keyword" when key=... was already recorded inside a longer
		// key (out= inside dropout=): such a key goes before the longer one
		for (int i = 0; i < out.size(); i++)
			for (int j = i + 1; j < out.size(); j++)
				if (out.get(i).key().endsWith(out.get(j).key())) {
					out.add(i, out.remove(j));
					i = -1;
					break;
				}
		return out;
	}

	/**
	 * The command's dialog, not yet shown (shown, it reads a macro's options too): {@code values}
	 * fill the fields instead of the defaults; {@code error}, when not null, stands above them.
	 */
	static GenericDialog build(Commands.Entry entry, Map<String, String> values, String error) {
		GenericDialog gd = new GenericDialog("Steel Defects: " + entry.menuLabel().replace("...", ""));
		gd.addMessage(wrap(entry.description(), 90));
		if (error != null) gd.addMessage(wrap(error, 90), new Font(Font.SANS_SERIF, Font.BOLD, 12), ERROR_COLOR);
		String group = null;
		for (CommandRunner.Input in : ordered(entry)) {
			String g = DialogFields.group(entry.name(), in.key());
			if (!g.equals(group)) {
				gd.setInsets(10, 0, 0);
				gd.addMessage(g, HEADING);
				group = g;
			}
			Class<?> t = in.type();
			String label = DialogFields.label(entry.name(), in.key());
			String value = values.containsKey(in.key()) ? values.get(in.key()) : in.defaultText();
			// the key is GenericDialog's label (what the recorder writes and a macro is read by);
			// the words are only what the screen shows
			if (in.choices().isEmpty() && (t == boolean.class || t == Boolean.class)) {
				gd.addCheckbox(in.key(), Boolean.parseBoolean(value));
				((Checkbox) gd.getCheckboxes().lastElement()).setLabel(label);
				continue;
			}
			if (!in.choices().isEmpty()) {
				String[] choices = in.choices().toArray(new String[0]);
				gd.addChoice(in.key(), choices, in.choices().contains(value) ? value : choices[0]);
			}
			else if (t == File.class || DialogFields.isFile(in.key())) {
				if (in.annotation().style().contains("directory")) gd.addDirectoryField(in.key(), value, PATH_COLUMNS);
				else gd.addFileField(in.key(), value, PATH_COLUMNS);
			}
			else if (t == String.class) {
				// the augmentation string in full (its default is about 70 characters)
				int columns = in.key().equals("augment") ? Math.min(80, Math.max(PATH_COLUMNS, value.length() + 2)) : 20;
				gd.addStringField(in.key(), value, columns);
			}
			else {
				boolean whole = t == int.class || t == Integer.class || t == long.class || t == Long.class;
				double v = Tools.parseDouble(value); // NaN when empty or not a number
				gd.addNumericField(in.key(), v, whole ? 0 : decimals(v), 10, null);
			}
			gd.getLabel().setText(label);
		}
		gd.addHelp(helpHtml(entry, CommandRunner.inputs(entry.commandClass())));
		return gd;
	}

	/** Every field of a closed (OK'ed) dialog as text, by key, in the order {@link #build} added them. */
	static Map<String, String> read(Commands.Entry entry, GenericDialog gd) {
		Map<String, String> typed = new LinkedHashMap<>();
		for (CommandRunner.Input in : ordered(entry)) {
			Class<?> t = in.type();
			String value;
			if (!in.choices().isEmpty()) value = gd.getNextChoice();
			else if (t == boolean.class || t == Boolean.class) value = String.valueOf(gd.getNextBoolean());
			else if (t == File.class || t == String.class) value = gd.getNextString();
			else {
				double v = gd.getNextNumber();
				boolean whole = t == int.class || t == Integer.class || t == long.class || t == Long.class;
				value = Double.isNaN(v) ? "not a number" : whole ? String.valueOf(Math.round(v)) : String.valueOf(v);
			}
			typed.put(in.key(), value);
		}
		return typed;
	}

	static final int PATH_COLUMNS = 45;
	static final Color ERROR_COLOR = new Color(0xc0, 0x10, 0x10);
	private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 13);

	/** Breaks a sentence into lines of at most {@code width} characters, at spaces. */
	static String wrap(String text, int width) {
		StringBuilder sb = new StringBuilder();
		int line = 0;
		for (String word : text.split(" ")) {
			if (line > 0 && line + 1 + word.length() > width) {
				sb.append('\n');
				line = 0;
			}
			else if (line > 0) {
				sb.append(' ');
				line++;
			}
			sb.append(word);
			line += word.length();
		}
		return sb.toString();
	}

	/** The Help button's page: what each field (macro key) means, with its default. */
	static String helpHtml(Commands.Entry entry, java.util.List<CommandRunner.Input> inputs) {
		StringBuilder sb = new StringBuilder("<html><h3>").append(escape(entry.menuLabel().replace("...", "")))
			.append("</h3><p>").append(escape(entry.description())).append("</p><table>");
		for (CommandRunner.Input in : inputs) {
			sb.append("<tr><td><b>").append(in.key()).append("</b></td><td>").append(escape(in.description()));
			if (!in.choices().isEmpty()) sb.append(" (").append(escape(String.join(", ", in.choices()))).append(")");
			else if (!in.mustGive() && !in.defaultText().isEmpty()) sb.append(" (default ").append(escape(in.defaultText()))
				.append(")");
			sb.append("</td></tr>");
		}
		sb.append("</table><p>Macro: <tt>run(\"").append(escape(entry.menuLabel())).append("\", \"key=value ...\");</tt>")
			.append(" Command line: <tt>java -jar Steel_Defects.jar ").append(entry.name()).append(" key=value ...</tt></p></html>");
		return sb.toString();
	}

	private static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static int decimals(double v) {
		for (int d = 0; d < 6; d++)
			if (Math.abs(v * Math.pow(10, d) - Math.rint(v * Math.pow(10, d))) < 1e-9) return Math.max(d, 1);
		return 6;
	}
}
