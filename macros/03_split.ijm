// Plugins > Steel Defects > Split Dataset...
// Stratified train / validation / test split as scikit-learn's train_test_split counts it:
// test off the whole table, then val off the rest. Writes x_train.csv, x_val.csv, x_test.csv.
// A small set (the 40 images of 01_generate.ijm) is stratified on defect / no defect; on the
// Severstal data use the notebook's stratify=stratify (the class combination), test=0.10 val=0.20.
run("Split Dataset...", "table=/tmp/steel/table.csv out=/tmp/steel/split test=0.20 val=0.25 seed=0 stratify=defect rare=merge");
