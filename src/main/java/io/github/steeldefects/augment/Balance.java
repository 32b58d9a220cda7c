package io.github.steeldefects.augment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.steeldefects.InputException;
import io.github.steeldefects.SeededRandom;

/**
 * Class balance by oversampling: adds augmented copies of the class that is short of the target
 * ratio, so that positives : all = {@code target} afterwards (rounded to whole images). Each copy
 * is a new augmentation variant of its image (1, 2, ...; the original is variant 0), so that the
 * copies differ and a feature cache can key on (image id, variant).
 */
public final class Balance {

	private Balance() {}

	/** One image of the training list: its id and whether it has a defect. */
	public record Item(String imageId, boolean positive) {}

	/**
	 * One sample of the balanced list: an image and the augmentation variant to show.
	 *
	 * @param variant 0: the image as it is; k &gt; 0: its k-th augmented copy
	 */
	public record Sample(String imageId, boolean positive, int variant) {

		@Override
		public String toString() {
			return imageId + "#" + variant + (positive ? "+" : "-");
		}
	}

	/**
	 * Every item once (variant 0), in input order, followed by the added copies (variants 1, 2, ...).
	 * Copies are spread evenly: each image of the short class gets {@code extra / count} copies and
	 * a seeded random choice of them one more. Nothing is added when the ratio is already reached.
	 *
	 * @param target positives : all after oversampling, in (0, 1); 0 turns balancing off
	 */
	public static List<Sample> oversample(List<Item> items, double target, long seed) {
		if (!(target >= 0 && target < 1)) throw new InputException("balance=" + target +
			" is not a ratio in [0, 1); give the share of defect images wanted after oversampling, e.g. balance=0.5, or 0 for none.");
		List<Sample> out = new ArrayList<>();
		List<Integer> positives = new ArrayList<>(), negatives = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			Item it = items.get(i);
			out.add(new Sample(it.imageId, it.positive, 0));
			(it.positive ? positives : negatives).add(i);
		}
		if (target == 0 || items.isEmpty()) return Collections.unmodifiableList(out);
		long p = positives.size(), n = negatives.size();
		List<Integer> shortClass;
		long extra;
		if (p < target * (p + n)) {
			if (p == 0) throw new InputException("balance=" + target +
				" needs defect images to copy, but the list has none; use balance=0.");
			extra = Math.round(target * n / (1 - target)) - p;
			shortClass = positives;
		}
		else {
			if (n == 0) return Collections.unmodifiableList(out); // only positives: no negatives to copy, and the ratio is above target anyway
			extra = Math.round((1 - target) * p / target) - n;
			shortClass = negatives;
		}
		if (extra <= 0) return Collections.unmodifiableList(out);
		int k = shortClass.size();
		int[] copies = new int[k];
		long each = extra / k;
		int rest = (int) (extra % k);
		if (each > Integer.MAX_VALUE / 2) throw new InputException("balance=" + target + " would need " + extra +
			" copies of " + k + " images; choose a ratio nearer the data's own.");
		for (int j = 0; j < k; j++) copies[j] = (int) each;
		int[] order = new int[k];
		for (int j = 0; j < k; j++) order[j] = j;
		new SeededRandom(seed).shuffle(order);
		for (int j = 0; j < rest; j++) copies[order[j]]++;
		for (int j = 0; j < k; j++) {
			Item it = items.get(shortClass.get(j));
			for (int v = 1; v <= copies[j]; v++) out.add(new Sample(it.imageId, it.positive, v));
		}
		return Collections.unmodifiableList(out);
	}
}
