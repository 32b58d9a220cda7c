// The whole Severstal pipeline on a dataset in the Severstal layout (by default the bundled
// SYNTHETIC sample-data): import -> split -> train -> classify -> evaluate, then the F1 table is
// in the Results table and in OUTPUT_FOLDER/f1.csv.
//
// Fiji desktop or ImageJ -batch (menus present): each step is run("...") as the recorder writes it.
// Headless JVM (no menus): the same steps through the macro bridge, with the same options
// (the bridge needs the plugin jar on the class path, as Fiji's launcher puts it).
//   ImageJ-linux64 -batch macros/severstal_pipeline.ijm "sample-data,/tmp/steel-pipeline"
// Argument: "DATA_FOLDER,OUTPUT_FOLDER"; both default as below. Existing results are kept: give
// a new OUTPUT_FOLDER (or add overwrite to the options) to run again.
args = split(getArgument(), ",");
data = "sample-data";
out = getDirectory("temp") + "steel-pipeline";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];
File.makeDirectory(out);
images = data + "/train_images";
// a headless JVM (Fiji --headless, java -Djava.awt.headless=true) has no menus
menus = (getInfo("java.awt.headless") != "true");

step("Import Severstal Data...", "import", "csv=[" + data + "/train.csv] images=[" + images + "] table=[" + out + "/table.csv]");
step("Split Dataset...", "split", "table=[" + out + "/table.csv] out=[" + out + "/split] test=0.10 val=0.20 seed=0 stratify=stratify rare=merge");
step("Train Classifier...", "train", "train=[" + out + "/split/x_train.csv] val=[" + out + "/split/x_val.csv] images=[" + images + "] out=[" + out + "/model] weights=none size=128x256 epochs=40 augment=[hflip vflip brightness=0.1 contrast=0.1] variants=1 seed=0");
step("Classify...", "classify", "model=[" + out + "/model] images=[" + images + "] list=[" + out + "/split/x_test.csv] out=[" + out + "/predictions_test.csv]");
step("Evaluate Classifier...", "evaluate", "model=[" + out + "/model] images=[" + images + "] train=[" + out + "/split/x_train.csv] val=[" + out + "/split/x_val.csv] test=[" + out + "/split/x_test.csv] out=[" + out + "/f1.csv]");

// the F1 table, one row per split
for (i = 0; i < nResults; i++)
	print("F1 " + getResultString("split", i) + ": " + d2s(getResult("f1", i), 4) + " (images " + getResult("images", i) + ")");
print("pipeline done: " + out);

function step(label, command, options) {
	print("== " + label);
	if (menus) run(label, options);
	else call("io.github.steeldefects.fiji.MacroBridge.run", command, options);
}
