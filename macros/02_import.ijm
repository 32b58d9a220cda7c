// Plugins > Steel Defects > Import Severstal Data...
// Opens the images as a virtual stack with coloured defect overlays, fills the Results table with
// the per-image table and writes it as CSV (table=). limit=0 takes every image.
run("Import Severstal Data...", "csv=/tmp/steel/synthetic/train.csv images=/tmp/steel/synthetic/train_images table=/tmp/steel/table.csv limit=0");
