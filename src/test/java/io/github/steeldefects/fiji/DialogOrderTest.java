package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.steeldefects.commands.CommandRunner;
import io.github.steeldefects.commands.Commands;

/** Every dialog shows each option once, in words, in an order ImageJ's macro recorder accepts. */
class DialogOrderTest {

	@Test
	void everyOptionOnceAndNoKeyRecordedAfterALongerKeyEndingWithIt() {
		for (Commands.Entry e : Commands.available()) {
			List<CommandRunner.Input> ordered = SteelDefectsPlugin.ordered(e);
			assertEquals(CommandRunner.inputs(e.commandClass()).size(), ordered.size(), e.name());
			Set<String> keys = new HashSet<>();
			for (int i = 0; i < ordered.size(); i++) {
				String key = ordered.get(i).key();
				assertTrue(keys.add(key), e.name() + " shows " + key + " twice");
				// the recorder looks for "key=" in what it recorded so far: "out=" inside "dropout=" is a false duplicate
				for (int j = 0; j < i; j++) assertFalse((ordered.get(j).key() + "=").endsWith(key + "="), e.name() + ": " +
					key + " recorded after " + ordered.get(j).key());
				assertTrue(DialogFields.words(e.name(), key) != null, e.name() + "." + key
					+ " has no words in DialogFields: the dialog would show the bare key");
				String label = DialogFields.label(e.name(), key);
				assertTrue(label.endsWith("[" + key + "]") && label.length() > key.length() + 3, e.name() + "." + key +
					" is labelled in words: " + label);
			}
		}
	}

	@Test
	void trainShowsTheLearningRateInWordsAndKeepsTheKey() {
		assertEquals("Learning rate [lr]", DialogFields.label("train", "lr"));
		assertEquals("Training list (x_train.csv) [train]", DialogFields.label("train", "train"));
	}
}
