// Plugins > Steel Defects > Classify...
// Defect / no defect with a probability for each image of a list (or a folder, or the open stack
// when images= is empty); writes image_id,probability,prediction (and truth,correct if known).
run("Classify...", "model=/tmp/steel/model images=/tmp/steel/synthetic/train_images list=/tmp/steel/split/x_test.csv out=/tmp/steel/predictions_test.csv device=auto");
