package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.commands.Commands;

/** The plugin installed into a plain ImageJ 1.54 folder adds its menu entries. */
class MenusIT {

	@Test
	void everyCommandHasAMenuEntryInImageJ() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("menus")) {
			ij.startDisplay();
			Path macro = ij.root.resolve("list-commands.ijm");
			StringBuilder m = new StringBuilder("List.setCommands;\n");
			for (Commands.Entry e : Commands.available())
				m.append("print(\"menu: ").append(e.menuLabel).append(" -> \" + List.get(\"").append(e.menuLabel)
					.append("\"));\n");
			Files.write(macro, m.toString().getBytes(StandardCharsets.UTF_8));
			ImageJFolder.Result r = ij.runBatch(macro, null, 120);
			assertTrue(r.finished, "ImageJ did not finish: " + r.output);
			for (Commands.Entry e : Commands.available())
				assertTrue(r.output.contains("menu: " + e.menuLabel + " -> io.github.steeldefects.fiji.SteelDefectsPlugin(\"" +
					e.name + "\")"), "no menu entry for " + e.menuLabel + " in:\n" + r.output);
			assertEquals(0, r.exitCode, r.output);
		}
	}
}
