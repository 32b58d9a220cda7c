package io.github.steeldefects.commands;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.steeldefects.InputException;
import io.github.steeldefects.io.AtomicFiles;
import io.github.steeldefects.io.Csv;
import io.github.steeldefects.split.DatasetSplit;

/**
 * Plugins > Steel Defects > Split Dataset...: the per-image table -> x_train.csv, x_val.csv,
 * x_test.csv, stratified as the reference notebook does (scikit-learn's counts).
 */
@Plugin(type = Command.class, headless = true, name = "split", label = "Split Dataset...", priority = 70,
	description = "Stratified train / validation / test split of the per-image table.")
public class SplitCommand extends SteelCommand {

	@Parameter(label = "table", description = "the per-image table CSV (in Fiji, empty: the open Results table)",
		persist = false, required = false, style = "open")
	private File table;

	@Parameter(label = "out", description = "folder for x_train.csv, x_val.csv and x_test.csv", persist = false,
		style = "directory")
	private File out;

	@Parameter(label = "test", description = "fraction of all images for the test split", persist = false)
	private double test = 0.10;

	@Parameter(label = "val", description = "fraction of the images left after the test split for validation",
		persist = false)
	private double val = 0.20;

	@Parameter(label = "seed", description = "random seed: the same seed gives the same files", persist = false)
	private long seed = 0;

	@Parameter(label = "stratify", description = "column whose values keep their proportions in every split, or none",
		persist = false)
	private String stratify = "stratify";

	@Parameter(label = "rare", description = "strata too small to split: error, or merge them into one",
		persist = false, choices = { "error", "merge" })
	private String rare = "error";

	@Parameter(label = "overwrite", description = "replace existing x_train.csv, x_val.csv, x_test.csv",
		persist = false)
	private boolean overwrite = false;

	private DatasetSplit.Summary summary;

	@Override
	protected void execute() throws IOException {
		String column = stratify == null || stratify.isBlank() || stratify.trim().equalsIgnoreCase(DatasetSplit.NO_STRATA)
			? DatasetSplit.NO_STRATA : stratify.trim();
		DatasetSplit.checkFractions(test, val);
		Path folder = out.toPath();
		AtomicFiles.checkWritable(DatasetSplit.outputs(folder), overwrite);
		// without table=, the Results table Fiji has open, through the Fiji face (commands never touch ImageJ)
		Csv rows = table != null ? Csv.read(table.toPath()) : FijiHooks.current().resultsTable();
		if (rows == null) throw new InputException("The split command needs table=... (the per-image table CSV); " +
			"no table was given and no Results table is open.");
		DatasetSplit.Result result = DatasetSplit.split(rows, new DatasetSplit.Options().test(test).val(val).seed(seed)
			.stratify(column).mergeRare("merge".equals(rare)));
		result.write(folder, overwrite);
		summary = result.summary();
		setSummary("Split " + rows.size() + " images into " + summary.totals()[0] + " train / " + summary.totals()[1] +
			" val / " + summary.totals()[2] + " test (seed " + seed + ", stratify " + column + ") in " + folder + "\n" +
			summary.toString().trim());
	}

	/** The counts per stratum and split, once the command ran. */
	public DatasetSplit.Summary splitSummary() {
		return summary;
	}
}
