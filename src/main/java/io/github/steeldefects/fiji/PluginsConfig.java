package io.github.steeldefects.fiji;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.steeldefects.commands.Commands;

/**
 * Writes {@code plugins.config}, ImageJ 1's menu entries, from the command registry: the build
 * runs {@link #main} after compiling (see pom.xml), so the jar's menu always lists exactly the
 * commands there are, each running {@link SteelDefectsPlugin} with its name.
 */
public final class PluginsConfig {

	private PluginsConfig() {}

	/** The file's text. */
	public static String text() {
		StringBuilder sb = new StringBuilder();
		sb.append("# Steel Defects for Fiji: menu entries (ImageJ 1 style), written at build time from the commands'\n")
			.append("# @Plugin annotations. Every entry runs the SciJava command of the same name through\n")
			.append("# ").append(SteelDefectsPlugin.class.getName()).append("; macro keys are the command's option names.\n");
		for (Commands.Entry e : Commands.available())
			sb.append("Plugins>Steel Defects, \"").append(e.menuLabel()).append("\", ").append(SteelDefectsPlugin.class.getName())
				.append("(\"").append(e.name()).append("\")\n");
		return sb.toString();
	}

	/** Writes the file named by the first argument. */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) throw new IllegalArgumentException("usage: PluginsConfig OUTPUT_FILE");
		Path out = Path.of(args[0]);
		if (out.getParent() != null) Files.createDirectories(out.getParent());
		Files.writeString(out, text(), StandardCharsets.UTF_8);
	}
}
