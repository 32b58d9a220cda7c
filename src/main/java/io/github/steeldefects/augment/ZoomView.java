package io.github.steeldefects.augment;

import java.util.function.BiConsumer;

import net.imglib2.Cursor;
import net.imglib2.Interval;
import net.imglib2.Localizable;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.position.FunctionRandomAccessible;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Util;
import net.imglib2.view.Views;

/**
 * A 2D zoom about a centre as a view: pixel (x, y) samples the source at
 * {@code ((x - cx) / scale + cx, (y - cy) / scale + cy)}, bilinear or nearest neighbour (rounding
 * as ImgLib2's {@code NearestNeighborInterpolator}). What {@code RealViews.affine} over
 * {@code Views.interpolate} does with a scaling, without the imglib2-realtransform dependency: the
 * source coordinates and weights of every column and row are worked out once. The view works out
 * each pixel alone; a whole region is read with {@link #sample}.
 * Defined from one image size before the image to one after it in each direction, which every
 * shift (at most half the image) stays in.
 */
final class ZoomView<T extends NativeType<T> & RealType<T>> extends FunctionRandomAccessible<T> {

	private final RandomAccessibleInterval<T> source;
	private final boolean linear;
	private final Axis xs, ys;

	/**
	 * Zooms a zero-min 2D {@code source}, continued past its border with the edge pixel (as
	 * {@code Views.extendBorder}) by clamping the source coordinates.
	 */
	ZoomView(RandomAccessibleInterval<T> source, boolean linear, double scale) {
		this(source, linear, new Axis(scale, source.dimension(0), linear), new Axis(scale, source.dimension(1), linear));
	}

	private ZoomView(RandomAccessibleInterval<T> source, boolean linear, Axis xs, Axis ys) {
		super(2, () -> pixel(source, linear, xs, ys), source.getType()::createVariable);
		this.source = source;
		this.linear = linear;
		this.xs = xs;
		this.ys = ys;
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

	/** One pixel of the zoom at a time, through one RandomAccess of the source (the view's function). */
	private static <T extends RealType<T>> BiConsumer<Localizable, T> pixel(RandomAccessibleInterval<T> source,
		boolean linear, Axis xs, Axis ys)
	{
		RandomAccess<T> in = source.randomAccess(source);
		return (p, value) -> {
			int i = xs.slot(p.getLongPosition(0)), j = ys.slot(p.getLongPosition(1));
			in.setPosition(xs.index[i], 0);
			in.setPosition(ys.index[j], 1);
			if (!linear) {
				value.set(in.get());
				return;
			}
			double a = in.get().getRealDouble();
			in.setPosition(xs.next[i], 0);
			double b = in.get().getRealDouble();
			in.setPosition(ys.next[j], 1);
			double d = in.get().getRealDouble();
			in.setPosition(xs.index[i], 0);
			double c = in.get().getRealDouble();
			value.setReal(bilinear(a, b, c, d, xs.weight[i], ys.weight[j]));
		};
	}

	/** a, b: the upper neighbours, c, d: the lower ones, fx, fy: the weights of b and d and of the lower row. */
	private static double bilinear(double a, double b, double c, double d, double fx, double fy) {
		return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
	}

	/**
	 * The zoom over {@code block}, sampled once into a new image of the source's type and placed at
	 * the block's position: pixel for pixel what the view gives there, at the cost of a plain loop
	 * (a bilinear zoom reads each source row once into doubles).
	 */
	RandomAccessibleInterval<T> sample(Interval block) {
		Img<T> img = new ArrayImgFactory<>(getType()).create(block);
		Cursor<T> to = img.cursor();
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
			for (int x = 0; x < w; x++) {
				int i = col[x], x0 = (int) xs.index[i], x1 = (int) xs.next[i];
				to.next().setReal(bilinear(r0[x0], r0[x1], r1[x0], r1[x1], xs.weight[i], ys.weight[j]));
			}
		}
		return Views.translate(img, block.minAsLongArray());
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
}
