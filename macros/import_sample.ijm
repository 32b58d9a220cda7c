// Import the bundled SYNTHETIC sample data with coloured defect overlays, as Fiji's recorder
// writes it, and save a flattened picture of an image with its overlay.
// Run from the repository root:
//   ImageJ-linux64 -batch macros/import_sample.ijm "sample-data,/tmp/steel"
// Argument: "DATA_FOLDER,OUTPUT_FOLDER" (defaults: sample-data and a temporary folder).
args = split(getArgument(), ",");
data = "sample-data";
out = getDirectory("temp") + "steel-defects";
if (args.length > 0 && args[0] != "") data = args[0];
if (args.length > 1) out = args[1];
File.makeDirectory(out);

run("Import Severstal Data...", "csv=[" + data + "/train.csv] images=[" + data + "/train_images] table=[" + out + "/table.csv] limit=0");
print("images in the table: " + nResults);

// go to the first image with a defect of class 3 and keep a picture of it with its overlay
for (i = 0; i < nResults; i++) {
	if (getResult("defect_3", i) == 1) {
		setSlice(i + 1);
		print("showing " + getResultString("image_id", i) + " (slice " + (i + 1) + ")");
		break;
	}
}
print("overlay elements: " + Overlay.size);
// a copy of this slice alone (Flatten on the whole stack would ask to process every image)
run("Duplicate...", "title=overlay_preview");
run("Flatten");
saveAs("PNG", out + "/import_overlay.png");
print("saved " + out + "/import_overlay.png");
