package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;

/** Every dialog's Help button explains each of its fields (the macro keys). */
class DialogHelpTest {

	@Test
	void helpNamesEveryKeyWithItsMeaning() {
		for (Commands.Entry e : Commands.available()) {
			var inputs = CommandRunner.inputs(e.commandClass());
			String html = SteelDefectsPlugin.helpHtml(e, inputs);
			for (CommandRunner.Input in : inputs) {
				assertTrue(html.contains("<b>" + in.key() + "</b>"), e.name() + " help lacks " + in.key());
				assertTrue(!in.description().isEmpty(), e.name() + "." + in.key() + " has no description for its help");
			}
			assertTrue(html.contains("java -jar Steel_Defects.jar " + e.name()), html);
		}
	}
}
