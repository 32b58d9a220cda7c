package io.github.steeldefects.augment;

import net.imglib2.Interval;
import net.imglib2.Point;
import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessible;
import net.imglib2.RealRandomAccess;
import net.imglib2.RealRandomAccessible;

/**
 * A 2D zoom about a centre as a view: pixel (x, y) reads the interpolated source at
 * {@code ((x - cx) / scale + cx, (y - cy) / scale + cy)}. What {@code RealViews.affine} does with a
 * scaling, without the imglib2-realtransform dependency for this one case.
 */
final class ZoomView<T> implements RandomAccessible<T> {

	private final RealRandomAccessible<T> source;
	private final double scale, cx, cy;

	ZoomView(RealRandomAccessible<T> source, double scale, double cx, double cy) {
		if (source.numDimensions() != 2) throw new IllegalArgumentException("a zoom is 2D");
		this.source = source;
		this.scale = scale;
		this.cx = cx;
		this.cy = cy;
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

		private final RealRandomAccess<T> at = source.realRandomAccess();

		Access() {
			super(2);
		}

		@Override
		public T get() {
			at.setPosition((position[0] - cx) / scale + cx, 0);
			at.setPosition((position[1] - cy) / scale + cy, 1);
			return at.get();
		}

		@Override
		public Access copy() {
			Access a = new Access();
			a.setPosition(this);
			return a;
		}
	}
}
