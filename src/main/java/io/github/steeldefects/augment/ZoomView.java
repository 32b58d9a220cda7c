package io.github.steeldefects.augment;

import net.imglib2.Cursor;
import net.imglib2.Interval;
import net.imglib2.Point;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * A 2D zoom about a centre as a view: pixel (x, y) samples the source at
 * {@code ((x - cx) / scale + cx, (y - cy) / scale + cy)}, bilinear or nearest neighbour (rounding
 * as ImgLib2's {@code NearestNeighborInterpolator}). What {@code RealViews.affine} over
 * {@code Views.interpolate} does with a scaling, without the imglib2-realtransform dependency: the
 * source coordinates and weights of every column and row are worked out once. A whole region is
 * read with {@link #sample}; the view's own access, which works out each pixel alone, is for
 * single pixels.
 * Defined from one image size before the image to one after it in each direction, which every
 * shift (at most half the image) stays in.
 */
final class ZoomView<T extends NativeType<T> & RealType<T>> implements RandomAccessible<T> {

	private final RandomAccessibleInterval<T> source;
	private final boolean linear;
	private final Axis xs, ys;

	/**
	 * Zooms a zero-min {@code source}, continued past its border with the edge pixel (as
	 * {@code Views.extendBorder}) by clamping the source coordinates.
	 */
	ZoomView(RandomAccessibleInterval<T> source, boolean linear, double scale) {
		if (source.numDimensions() != 2) throw new IllegalArgumentException("a zoom is 2D");
		this.source = source;
		this.linear = linear;
		this.xs = new Axis(scale, source.dimension(0), linear);
		this.ys = new Axis(scale, source.dimension(1), linear);
	}

	/**
	 * Per position from -size to 2 size - 1: the source index (floor for bilinear, nearest otherwise)
	 * and the next one, both clamped into the source, and the weight of the next one.
	 */
	private static final class Axis {

		final long lo;
		final long[] index, next;
		final double[] weight;

		Axis(double scale, long size, boolean linear) {
			double centre = (size - 1) / 2.0;
			lo = -size;
			int n = (int) Math.min(3 * size, Integer.MAX_VALUE);
			index = new long[n];
			next = new long[n];
			weight = new double[n];
			for (int i = 0; i < n; i++) {
				double s = (lo + i - centre) / scale + centre;
				long k = linear ? (long) Math.floor(s) : Util.roundToLong(s);
				index[i] = Math.min(Math.max(k, 0), size - 1);
				next[i] = Math.min(Math.max(k + 1, 0), size - 1);
				weight[i] = s - Math.floor(s);
			}
		}

		int slot(long p) {
			long i = p - lo;
			if (i < 0 || i >= index.length) throw new IndexOutOfBoundsException("the zoom is read at " + p +
				", beyond the image by more than its size");
			return (int) i;
		}
	}

	/**
	 * The zoom over {@code block}, sampled once into a new image of the source's type and placed at
	 * the block's position: pixel for pixel what the view's own access gives there, at the cost of a
	 * plain loop (the access works out every pixel alone, through one RandomAccess of the source
	 * per read). A bilinear zoom reads each source row once into doubles.
	 */
	RandomAccessibleInterval<T> sample(Interval block) {
		Img<T> out = new ArrayImgFactory<>(getType()).create(block);
		Cursor<T> to = out.cursor();
		RandomAccess<T> in = source.randomAccess(source);
		int w = (int) block.dimension(0);
		int[] col = new int[w];
		for (int x = 0; x < w; x++) col[x] = xs.slot(block.min(0) + x);
		Rows rows = new Rows(in, (int) source.dimension(0));
		for (long y = block.min(1); y <= block.max(1); y++) {
			int j = ys.slot(y);
			if (!linear) {
				in.setPosition(ys.index[j], 1);
				for (int x = 0; x < w; x++) {
					in.setPosition(xs.index[col[x]], 0);
					to.next().set(in.get());
				}
				continue;
			}
			double[] r0 = rows.get(ys.index[j]), r1 = rows.get(ys.next[j]);
			double fy = ys.weight[j];
			for (int x = 0; x < w; x++) {
				int i = col[x];
				int x0 = (int) xs.index[i], x1 = (int) xs.next[i];
				double fx = xs.weight[i];
				to.next().setReal((1 - fy) * ((1 - fx) * r0[x0] + fx * r0[x1]) + fy * ((1 - fx) * r1[x0] + fx * r1[x1]));
			}
		}
		return Views.translate(out, block.minAsLongArray());
	}

	/** The two source rows read last, as doubles: a bilinear row reads two neighbouring ones. */
	private static final class Rows {

		private final RandomAccess<? extends RealType<?>> in;
		private final double[][] rows;
		private final long[] keys = { Long.MIN_VALUE, Long.MIN_VALUE };
		private int recent;

		Rows(RandomAccess<? extends RealType<?>> in, int width) {
			this.in = in;
			this.rows = new double[2][width];
		}

		/** Row y, read into the slot not used last unless one holds it already. */
		double[] get(long y) {
			if (keys[recent] != y) recent ^= 1;
			if (keys[recent] != y) {
				double[] row = rows[recent];
				in.setPosition(0, 0);
				in.setPosition(y, 1);
				for (int x = 0; x < row.length; x++, in.fwd(0)) row[x] = in.get().getRealDouble();
				keys[recent] = y;
			}
			return rows[recent];
		}
	}

	@Override
	public int numDimensions() {
		return 2;
	}

	@Override
	public RandomAccess<T> randomAccess() {
		return new Access();
	}

	@Override
	public RandomAccess<T> randomAccess(Interval interval) {
		return new Access();
	}

	@Override
	public T getType() {
		return source.getType();
	}

	private final class Access extends Point implements RandomAccess<T> {

		private final RandomAccess<T> in = source.randomAccess(source);
		private final T value = source.getType().createVariable();

		Access() {
			super(2);
		}

		@Override
		public T get() {
			int i = xs.slot(position[0]), j = ys.slot(position[1]);
			long x0 = xs.index[i], y0 = ys.index[j];
			in.setPosition(x0, 0);
			in.setPosition(y0, 1);
			if (!linear) {
				value.set(in.get());
				return value;
			}
			double fx = xs.weight[i], fy = ys.weight[j];
			long x1 = xs.next[i], y1 = ys.next[j];
			double a = in.get().getRealDouble();
			in.setPosition(x1, 0);
			double b = in.get().getRealDouble();
			in.setPosition(y1, 1);
			double d = in.get().getRealDouble();
			in.setPosition(x0, 0);
			double c = in.get().getRealDouble();
			value.setReal((1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d));
			return value;
		}

		@Override
		public Access copy() {
			Access a = new Access();
			a.setPosition(this);
			return a;
		}
	}
}
