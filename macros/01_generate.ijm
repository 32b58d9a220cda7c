// Plugins > Steel Defects > Generate Synthetic Data...
// Writes a SYNTHETIC dataset in the Severstal layout (train_images/*.jpg, train.csv).
// As Fiji's macro recorder writes it; change the folder to yours.
run("Generate Synthetic Data...", "out=/tmp/steel/synthetic images=40 seed=0 format=new width=1600 height=256");
