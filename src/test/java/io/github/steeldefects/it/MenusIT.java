package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The plugin installed into a plain ImageJ 1.54 folder adds its menu entries. */
class MenusIT {

	@OnDesktop
	void everyCommandHasAMenuEntryInImageJ() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("menus").withDisplay()) {
			Path macro = ij.root.resolve("list-commands.ijm");
			StringBuilder m = ImageJFolder.menuListingMacro();
			Files.write(macro, m.toString().getBytes(StandardCharsets.UTF_8));
			ImageJFolder.Result r = ij.runBatch(macro, null, 120);
			ImageJFolder.assertEveryMenuEntry(r);
			assertEquals(0, r.exitCode, r.output);
		}
	}
}
