package io.github.steeldefects.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.gui.TextRoi;

import io.github.steeldefects.classify.ClassifiedImage;
import io.github.steeldefects.data.Truth;
import io.github.steeldefects.data.DefectTable;

/**
 * Import, then classify the open stack: the imported virtual stack redraws each slice's defect
 * overlay when the slice changes, and the classify labels must survive that.
 */
class ClassifyLabelsOnImportedStackTest {

	@Test
	void labelsStayOnEverySliceBesideTheDefectOverlay() {
		DefectTable table = DefectTable.load(Paths.get("sample-data/train.csv"), Paths.get("sample-data/train_images"), null);
		ImagePlus imp = ImportPresenter.openStack(table, 4);
		List<ClassifiedImage> rows = new ArrayList<>();
		for (int s = 1; s <= 4; s++)
			rows.add(new ClassifiedImage(table.rows().get(s - 1).imageId(), new float[] { s * 0.2f },
				new boolean[] { s * 0.2f >= 0.5f }, Truth.UNKNOWN));
		ClassifyPresenter.label(imp, rows, null);
		for (int s : new int[] { 2, 1, 4, 3 }) {
			imp.setSlice(s);
			imp.setOverlay(((DefectStack) imp.getStack()).overlay(s)); // what ImageJ does on a slice change
			List<String> texts = new ArrayList<>();
			int defectRois = 0;
			for (Roi r : imp.getOverlay().toArray()) {
				if (r instanceof TextRoi) texts.add(((TextRoi) r).getText().trim());
				else defectRois++;
			}
			assertEquals(List.of(String.format(java.util.Locale.ROOT, "%s %.2f", s * 0.2f >= 0.5f ? "DEFECT" : "ok", s * 0.2f)),
				texts, "slice " + s);
			assertEquals(table.rows().get(s - 1).defect() == 1, defectRois > 0, "slice " + s + " keeps its defect overlay");
		}
		assertTrue(imp.getStackSize() == 4);
	}
}
