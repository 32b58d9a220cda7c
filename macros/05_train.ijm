// Plugins > Steel Defects > Train Classifier...
// Transfer training of an Xception defect / no-defect classifier (frozen base, cached features).
// weights= the Keras file xception_weights_tf_dim_ordering_tf_kernels_notop.h5, or none.
run("Train Classifier...", "train=/tmp/steel/split/x_train.csv val=/tmp/steel/split/x_val.csv images=/tmp/steel/synthetic/train_images out=/tmp/steel/model weights=none size=128x256 outputs=1 epochs=30 batch=32 lr=0.001 dropout=0.2 augment=[hflip vflip brightness=0.1] variants=1 balance=0 weighting=none patience=5 finetune=0 device=auto seed=0");
