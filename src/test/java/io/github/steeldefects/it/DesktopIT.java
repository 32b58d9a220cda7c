package io.github.steeldefects.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.List;

/**
 * The desktop side under Xvfb, in a real ImageJ window: {@code fiji.DesktopChecks} OKs the menu
 * commands' dialogs as a user would and runs macros beside them. It checks values remembered
 * between interactive runs and ignored by macros, the dialog reopened after an error with the
 * typed values, the training plot (one window, F1 on 0..1, loss on its own axis), a classify label
 * whose probability reads differently from the threshold, the status line and progress bar
 * cleared after success and failure, and the pipeline's Results table; it saves a screenshot of
 * every dialog and plot in {@code target/it/desktop/out/shots} (where docs/ took its pictures).
 */
class DesktopIT {

	@OnDesktop
	void aUserAtTheDesktop() throws Exception {
		try (ImageJFolder ij = ImageJFolder.create("desktop").withDisplay()) {
			ImageJFolder.Result r = ij.runJava("io.github.steeldefects.fiji.DesktopChecks", ImageJFolder.TARGET.resolve(
				"test-classes").toString(), List.of(ij.root.resolve("out").toString(), Paths.get("sample-data")
					.toAbsolutePath().toString()), "desktop.log", 540);
			assertTrue(r.finished, "the desktop checks did not finish:\n" + r.output);
			for (String line : r.output.split("\n"))
				if (line.startsWith("PASS ") || line.startsWith("FAIL ")) System.out.println("[desktop] " + line);
			assertTrue(!r.output.contains("\nFAIL "), r.output);
			assertTrue(r.output.contains("DESKTOP CHECKS DONE, 0 failed"), r.output);
			assertEquals(0, r.exitCode, r.output);
		}
	}
}
