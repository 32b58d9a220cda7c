package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.commands.Commands;
import io.github.steeldefects.commands.FijiHooks;

/** Presenters and the Fiji hooks are found in the plugin index by their types, not by names in strings. */
class PresentersTest {

	@Test
	void everyPresenterShowsARegisteredCommand() {
		Map<Class<?>, Class<?>> presenters = Presenters.presenters();
		Set<String> shown = new TreeSet<>();
		for (Map.Entry<Class<?>, Class<?>> e : presenters.entrySet()) {
			Commands.Entry command = Commands.available().stream().filter(c -> c.commandClass() == e.getKey()).findFirst().orElse(null);
			assertTrue(command != null, e.getValue() + " shows " + e.getKey() + ", which is no registered command");
			shown.add(command.name());
		}
		assertEquals(new TreeSet<>(Set.of("augment", "classify", "evaluate", "generate", "import", "pipeline", "split",
			"train")), shown);
		assertSame(TrainPresenter.class, presenters.get(io.github.steeldefects.commands.TrainCommand.class));
	}

	@Test
	void theFijiFaceRegistersItsHooks() {
		assertSame(Ij1Hooks.class, FijiHooks.current().getClass());
		// no ImageJ window here: commands report to standard output, as on the command line
		assertNull(FijiHooks.current().progress());
	}
}
