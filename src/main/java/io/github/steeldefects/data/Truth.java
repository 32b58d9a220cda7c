package io.github.steeldefects.data;

/**
 * The known labels of one image, as a list CSV gives them.
 *
 * @param defect 1 when the image has a defect, 0 when not, -1 when the list does not say
 * @param classes per class 1..4 (index 0..3) 1 or 0, or null when the list has no
 *          {@code defect_1..defect_4} columns
 */
public record Truth(int defect, int[] classes) {

	/** Nothing known. */
	public static final Truth UNKNOWN = new Truth(-1, null);

	public boolean knowsDefect() {
		return defect >= 0;
	}

	public boolean knowsClasses() {
		return classes != null;
	}
}
