// Plugins > Steel Defects > Split Dataset...
// Stratified train / validation / test split as scikit-learn's train_test_split counts it:
// test off the whole table, then val off the rest. Writes x_train.csv, x_val.csv, x_test.csv.
run("Split Dataset...", "table=/tmp/steel/table.csv out=/tmp/steel/split test=0.10 val=0.20 seed=0 stratify=stratify rare=merge");
