package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import io.github.steeldefects.io.Csv;
import io.github.steeldefects.split.DatasetSplit;
import io.github.steeldefects.split.SeverstalTables;

class SplitPresenterTest {

	@TempDir
	Path dir;

	@Test
	void resultsTableHoldsCountsAndDefectRatios() throws IOException {
		Csv table = Csv.read(SeverstalTables.write(dir.resolve("t.csv"), Map.of("0", 60, "1", 30, "3", 10)));
		DatasetSplit.Summary s = DatasetSplit.split(table, new DatasetSplit.Options()).summary();
		ResultsTable rt = SplitPresenter.table(s);
		assertEquals(6, rt.size()); // 3 strata, all, defect, defect ratio
		assertEquals("0", rt.getStringValue("stratum", 0));
		assertEquals(s.counts().get("0")[0], (int) rt.getValue("train", 0));
		assertEquals("all", rt.getStringValue("stratum", 3));
		assertEquals(100, (int) rt.getValue("total", 3));
		assertEquals("defect ratio", rt.getStringValue("stratum", 5));
		assertEquals(s.defectRatio(2), rt.getValue("test", 5), 1e-9);
		ImagePlus plot = SplitPresenter.plot(s).getImagePlus();
		assertNotNull(plot);
		assertTrue(plot.getWidth() > 100);
	}

	@Test
	void emptyTableOptionSplitsTheOpenResultsTable() throws IOException {
		Csv table = Csv.read(SeverstalTables.write(dir.resolve("t.csv"), Map.of("0", 40, "3", 20)));
		ResultsTable rt = ResultsTable.getResultsTable();
		rt.reset();
		for (String[] row : table.rows()) {
			rt.incrementCounter();
			for (int c = 0; c < row.length; c++) {
				String h = table.header().get(c);
				if (h.startsWith("defect") || h.equals("total_defects")) rt.addValue(h, Double.parseDouble(row[c]));
				else rt.addValue(h, row[c]);
			}
		}
		Path out = dir.resolve("split");
		String summary = MacroBridge.run("split", "out=" + out + " seed=3");
		assertTrue(summary.contains("60 images"), summary);
		Csv train = Csv.read(out.resolve("x_train.csv"));
		assertEquals(table.header().size(), train.header().size());
		String defect = train.get(0, "defect");
		assertTrue(defect.equals("0") || defect.equals("1"), defect);
		// the presenter replaced the Results table with the summary
		assertEquals("defect ratio", ResultsTable.getResultsTable().getStringValue("stratum",
			ResultsTable.getResultsTable().size() - 1));
		assertTrue(Files.exists(out.resolve("x_test.csv")));
	}

	@Test
	void rowLabelsServeAsImageIds() {
		ResultsTable rt = ResultsTable.getResultsTable();
		rt.reset();
		for (int i = 0; i < 3; i++) {
			rt.incrementCounter();
			rt.setLabel("img" + i + ".jpg", i);
			rt.addValue("defect", i % 2);
			rt.addValue("score", 0.25 * i);
		}
		Csv t = new Ij1Hooks().resultsTable();
		assertEquals(java.util.List.of("image_id", "defect", "score"), t.header());
		assertEquals("img2.jpg", t.get(2, "image_id"));
		assertEquals("1", t.get(1, "defect"));
		assertEquals("0.5", t.get(2, "score"));
		rt.reset();
		assertEquals(null, new Ij1Hooks().resultsTable());
	}
}
