// Classify the slices of an open stack with a trained model, label each slice, and evaluate the
// model on a list CSV: the F1 table lands in the Results table.
// Run from the repository root:
//   ImageJ-linux64 -batch macros/classify_open_stack.ijm "MODEL_FOLDER,IMAGES_FOLDER,LIST_CSV,OUTPUT_FOLDER"
args = split(getArgument(), ",");
model = args[0];
images = args[1];
list = args[2];
out = args[3];
File.makeDirectory(out);

// three images as a stack, file names as slice labels
files = getFileList(images);
n = 0;
for (i = 0; i < files.length && n < 3; i++) {
	if (endsWith(files[i], ".jpg")) {
		open(images + "/" + files[i]);
		n++;
	}
}
run("Images to Stack", "use");

// images= empty: the open stack is classified, slice by slice
// heatmaps=: one heatmap TIFF per slice; the heatmaps are drawn over the slices too (showheatmaps)
run("Classify...", "model=[" + model + "] images=[] list=[] out=[" + out + "/stack_predictions.csv] threshold=auto batch=8 device=cpu preprocess=auto overwrite heatmaps=[" + out + "/heatmaps] showheatmaps");
print("classified slices: " + nResults);
for (i = 0; i < nResults; i++)
	print("slice " + (i + 1) + ": " + getResultString("image_id", i) + " probability " + getResult("probability", i) + " prediction " + getResult("prediction", i));
print("overlay elements: " + Overlay.size);
heatmaps = getFileList(out + "/heatmaps");
print("heatmap files: " + heatmaps.length);
setSlice(1);
run("Duplicate...", "title=label_preview");
run("Flatten");
saveAs("PNG", out + "/classify_label.png");

// the F1 table of the model on the list
run("Evaluate Classifier...", "model=[" + model + "] images=[" + images + "] test=[" + list + "] out=[" + out + "/f1.csv] threshold=auto batch=8 device=cpu preprocess=auto overwrite");
print("evaluated: " + getResultString("split", 0) + " images " + getResult("images", 0) + " f1 " + getResult("f1", 0));
