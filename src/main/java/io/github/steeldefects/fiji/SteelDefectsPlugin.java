package io.github.steeldefects.fiji;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.IJ;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.commands.SteelCommand;

/**
 * The ImageJ 1 face of every command: {@code plugins.config} maps each menu entry under
 * {@code Plugins > Steel Defects} to this class with the command name as argument. It shows a
 * dialog whose field labels are the option keys, so that the macro recorder writes
 * {@code run("Split Dataset...", "table=... test=0.10 ...")} and a macro replays it without a
 * dialog. The work itself is the SciJava command's.
 */
public class SteelDefectsPlugin implements PlugIn {

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
		Map<String, String> options = GraphicsEnvironment.isHeadless()
			? io.github.steeldefects.commands.Options.parse(Macro.getOptions())
			: ask(entry);
		if (options == null) return; // canceled
		Ij1.runAndShow(entry.name, options);
	}

	/** Shows the command's dialog (or reads the macro's options through it); null when canceled. */
	static Map<String, String> ask(Commands.Entry entry) {
		GenericDialog gd = new GenericDialog("Steel Defects: " + entry.menuLabel.replace("...", ""));
		gd.addMessage(entry.description);
		java.util.List<CommandRunner.Input> inputs = CommandRunner.inputs(entry.commandClass());
		for (CommandRunner.Input in : inputs) {
			Class<?> t = in.type();
			if (!in.choices().isEmpty()) {
				String[] choices = in.choices().toArray(new String[0]);
				gd.addChoice(in.key, choices, in.defaultValue == null ? choices[0] : in.defaultText());
			}
			else if (t == boolean.class || t == Boolean.class) gd.addCheckbox(in.key, Boolean.TRUE.equals(in.defaultValue));
			else if (t == File.class) {
				if (in.isDirectory()) gd.addDirectoryField(in.key, in.defaultText());
				else gd.addFileField(in.key, in.defaultText());
			}
			else if (t == String.class) gd.addStringField(in.key, in.defaultText(), 30);
			else {
				boolean whole = t == int.class || t == Integer.class || t == long.class || t == Long.class;
				double v = in.defaultValue == null ? 0 : ((Number) in.defaultValue).doubleValue();
				gd.addNumericField(in.key, v, whole ? 0 : decimals(v));
			}
		}
		gd.addHelp(helpHtml(entry, inputs));
		gd.showDialog();
		if (gd.wasCanceled()) return null;
		Map<String, String> options = new LinkedHashMap<>();
		for (CommandRunner.Input in : inputs) {
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
			if (value.isEmpty() && !in.mustGive()) continue; // keep the command's default
			options.put(in.key, value);
		}
		return options;
	}

	/** The Help button's page: what each field (macro key) means, with its default. */
	static String helpHtml(Commands.Entry entry, java.util.List<CommandRunner.Input> inputs) {
		StringBuilder sb = new StringBuilder("<html><h3>").append(escape(entry.menuLabel.replace("...", "")))
			.append("</h3><p>").append(escape(entry.description)).append("</p><table>");
		for (CommandRunner.Input in : inputs) {
			sb.append("<tr><td><b>").append(in.key).append("</b></td><td>").append(escape(in.description()));
			if (!in.choices().isEmpty()) sb.append(" (").append(escape(String.join(", ", in.choices()))).append(")");
			else if (!in.mustGive() && !in.defaultText().isEmpty()) sb.append(" (default ").append(escape(in.defaultText()))
				.append(")");
			sb.append("</td></tr>");
		}
		sb.append("</table><p>Macro: <tt>run(\"").append(escape(entry.menuLabel)).append("\", \"key=value ...\");</tt>")
			.append(" Command line: <tt>java -jar Steel_Defects.jar ").append(entry.name).append(" key=value ...</tt></p></html>");
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

	/** For code that wants the finished command (tests, scripts). */
	public static SteelCommand runCommand(String name, String options) {
		return Ij1.runAndShow(name, io.github.steeldefects.commands.Options.parse(options));
	}

	static void log(String message) {
		IJ.log(message);
	}
}
