package io.github.steeldefects.model;

/**
 * A plain-Java forward pass of Keras Xception, written from the Keras layer definitions and
 * TensorFlow's padding rules, independent of the TensorFlow graph: the reference that catches
 * padding, stride, ReLU placement and batch norm mistakes. One image, HWC, double accumulation.
 */
final class NaiveXception {

	/** A feature map: h x w x c, row-major HWC. */
	record Map3(int h, int w, int c, float[] v) {
		float at(int y, int x, int ch) {
			return v[(y * w + x) * c + ch];
		}
	}

	private final XceptionWeights weights;

	NaiveXception(XceptionWeights weights) {
		this.weights = weights;
	}

	/** Pooled features of one preprocessed image. */
	float[] forward(Map3 x) {
		x = relu(bn("block1_conv1_bn", conv("block1_conv1", x, 3, 2, false)));
		x = relu(bn("block1_conv2_bn", conv("block1_conv2", x, 3, 1, false)));

		Map3 residual = bn("block2_residual_bn", conv("block2_residual", x, 1, 2, true));
		x = bn("block2_sepconv1_bn", sep("block2_sepconv1", x));
		x = bn("block2_sepconv2_bn", sep("block2_sepconv2", relu(x)));
		x = add(maxPoolSame(x), residual);

		for (int b : new int[] { 3, 4 }) {
			residual = bn("block" + b + "_residual_bn", conv("block" + b + "_residual", x, 1, 2, true));
			x = bn("block" + b + "_sepconv1_bn", sep("block" + b + "_sepconv1", relu(x)));
			x = bn("block" + b + "_sepconv2_bn", sep("block" + b + "_sepconv2", relu(x)));
			x = add(maxPoolSame(x), residual);
		}
		for (int b = 5; b <= 12; b++) {
			residual = x;
			for (int s = 1; s <= 3; s++) {
				x = bn("block" + b + "_sepconv" + s + "_bn", sep("block" + b + "_sepconv" + s, relu(x)));
			}
			x = add(x, residual);
		}
		residual = bn("block13_residual_bn", conv("block13_residual", x, 1, 2, true));
		x = bn("block13_sepconv1_bn", sep("block13_sepconv1", relu(x)));
		x = bn("block13_sepconv2_bn", sep("block13_sepconv2", relu(x)));
		x = add(maxPoolSame(x), residual);

		x = relu(bn("block14_sepconv1_bn", sep("block14_sepconv1", x)));
		x = relu(bn("block14_sepconv2_bn", sep("block14_sepconv2", x)));

		float[] pooled = new float[x.c()];
		for (int ch = 0; ch < x.c(); ch++) {
			double s = 0;
			for (int i = 0; i < x.h() * x.w(); i++) s += x.v()[i * x.c() + ch];
			pooled[ch] = (float) (s / (x.h() * x.w()));
		}
		return pooled;
	}

	/** TensorFlow 'same': out = ceil(n / s); total pad max((out - 1) * s + k - n, 0), smaller half before. */
	static int samePadBefore(int n, int k, int s) {
		int out = (n + s - 1) / s;
		return Math.max((out - 1) * s + k - n, 0) / 2;
	}

	static int outSize(int n, int k, int s, boolean same) {
		return same ? (n + s - 1) / s : (n - k) / s + 1;
	}

	/** Convolution, HWIO kernel, no bias; zero padding. */
	Map3 conv(String layer, Map3 x, int k, int s, boolean same) {
		float[] kernel = weights.get(layer + "/kernel");
		int cout = kernel.length / (k * k * x.c());
		int oh = outSize(x.h(), k, s, same), ow = outSize(x.w(), k, s, same);
		int pt = same ? samePadBefore(x.h(), k, s) : 0, pl = same ? samePadBefore(x.w(), k, s) : 0;
		float[] out = new float[oh * ow * cout];
		double[] acc = new double[cout];
		for (int oy = 0; oy < oh; oy++) {
			for (int ox = 0; ox < ow; ox++) {
				java.util.Arrays.fill(acc, 0);
				for (int ky = 0; ky < k; ky++) {
					int iy = oy * s + ky - pt;
					if (iy < 0 || iy >= x.h()) continue;
					for (int kx = 0; kx < k; kx++) {
						int ix = ox * s + kx - pl;
						if (ix < 0 || ix >= x.w()) continue;
						for (int ci = 0; ci < x.c(); ci++) {
							double v = x.at(iy, ix, ci);
							int base = ((ky * k + kx) * x.c() + ci) * cout;
							for (int co = 0; co < cout; co++) acc[co] += v * kernel[base + co];
						}
					}
				}
				for (int co = 0; co < cout; co++) out[(oy * ow + ox) * cout + co] = (float) acc[co];
			}
		}
		return new Map3(oh, ow, cout, out);
	}

	/** Depthwise 3x3 'same' stride 1, then pointwise 1x1; no biases. */
	Map3 sep(String layer, Map3 x) {
		float[] dw = weights.get(layer + "/depthwise_kernel");
		int c = x.c();
		float[] mid = new float[x.h() * x.w() * c];
		int p = samePadBefore(x.h(), 3, 1);
		for (int y = 0; y < x.h(); y++) {
			for (int xx = 0; xx < x.w(); xx++) {
				for (int ch = 0; ch < c; ch++) {
					double acc = 0;
					for (int ky = 0; ky < 3; ky++) {
						int iy = y + ky - p;
						if (iy < 0 || iy >= x.h()) continue;
						for (int kx = 0; kx < 3; kx++) {
							int ix = xx + kx - p;
							if (ix < 0 || ix >= x.w()) continue;
							acc += (double) x.at(iy, ix, ch) * dw[(ky * 3 + kx) * c + ch];
						}
					}
					mid[(y * x.w() + xx) * c + ch] = (float) acc;
				}
			}
		}
		float[] pw = weights.get(layer + "/pointwise_kernel");
		int cout = pw.length / c;
		float[] out = new float[x.h() * x.w() * cout];
		double[] acc = new double[cout];
		for (int i = 0; i < x.h() * x.w(); i++) {
			java.util.Arrays.fill(acc, 0);
			for (int ci = 0; ci < c; ci++) {
				double v = mid[i * c + ci];
				for (int co = 0; co < cout; co++) acc[co] += v * pw[ci * cout + co];
			}
			for (int co = 0; co < cout; co++) out[i * cout + co] = (float) acc[co];
		}
		return new Map3(x.h(), x.w(), cout, out);
	}

	/** Inference batch norm: gamma * (x - mean) / sqrt(var + 1e-3) + beta. */
	Map3 bn(String layer, Map3 x) {
		float[] g = weights.get(layer + "/gamma"), b = weights.get(layer + "/beta");
		float[] m = weights.get(layer + "/moving_mean"), var = weights.get(layer + "/moving_variance");
		float[] out = new float[x.v().length];
		for (int i = 0; i < out.length; i++) {
			int ch = i % x.c();
			out[i] = (float) (g[ch] * (x.v()[i] - m[ch]) / Math.sqrt(var[ch] + 1e-3) + b[ch]);
		}
		return new Map3(x.h(), x.w(), x.c(), out);
	}

	static Map3 relu(Map3 x) {
		float[] out = x.v().clone();
		for (int i = 0; i < out.length; i++) out[i] = Math.max(out[i], 0f);
		return new Map3(x.h(), x.w(), x.c(), out);
	}

	static Map3 add(Map3 a, Map3 b) {
		if (a.h() != b.h() || a.w() != b.w() || a.c() != b.c()) throw new IllegalStateException("shape mismatch");
		float[] out = new float[a.v().length];
		for (int i = 0; i < out.length; i++) out[i] = a.v()[i] + b.v()[i];
		return new Map3(a.h(), a.w(), a.c(), out);
	}

	/** 3x3 stride 2 'same' max pool: padded cells are -inf, i.e. ignored. */
	static Map3 maxPoolSame(Map3 x) {
		int oh = outSize(x.h(), 3, 2, true), ow = outSize(x.w(), 3, 2, true);
		int pt = samePadBefore(x.h(), 3, 2), pl = samePadBefore(x.w(), 3, 2);
		float[] out = new float[oh * ow * x.c()];
		for (int oy = 0; oy < oh; oy++) {
			for (int ox = 0; ox < ow; ox++) {
				for (int ch = 0; ch < x.c(); ch++) {
					float m = Float.NEGATIVE_INFINITY;
					for (int ky = 0; ky < 3; ky++) {
						int iy = oy * 2 + ky - pt;
						if (iy < 0 || iy >= x.h()) continue;
						for (int kx = 0; kx < 3; kx++) {
							int ix = ox * 2 + kx - pl;
							if (ix < 0 || ix >= x.w()) continue;
							m = Math.max(m, x.at(iy, ix, ch));
						}
					}
					out[(oy * ow + ox) * x.c() + ch] = m;
				}
			}
		}
		return new Map3(oh, ow, x.c(), out);
	}
}
