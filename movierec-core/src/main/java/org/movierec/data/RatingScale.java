package org.movierec.data;

/**
 * The range of explicit ratings a dataset allows: ML-100k/1M use whole stars 1..5, ML-10M and the
 * CSV datasets half stars 0.5..5.
 *
 * @param min  the lowest rating
 * @param max  the highest rating
 * @param step the granularity (1 or 0.5): valid ratings are {@code min + k * step}
 */
public record RatingScale(float min, float max, float step) {
    /** Whole stars 1..5 (ML-100k, ML-1M). */
    public static final RatingScale WHOLE_STARS = new RatingScale(1f, 5f, 1f);
    /** Half stars 0.5..5 (ML-10M and the CSV releases). */
    public static final RatingScale HALF_STARS = new RatingScale(0.5f, 5f, 0.5f);

    /**
     * Checks the scale.
     *
     * @param min  the lowest rating
     * @param max  the highest rating, above {@code min}
     * @param step the granularity, above 0
     * @throws IllegalArgumentException when {@code min >= max}, {@code step <= 0} or a value is NaN
     */
    public RatingScale {
        if (!(min < max) || !(step > 0)) {
            throw new IllegalArgumentException("bad rating scale [" + min + ", " + max + "] step " + step);
        }
    }

    /**
     * Whether a rating read from a file is allowed: inside {@code [min, max]} and on the grid (within
     * 1e-4 of a step).
     *
     * @param r a rating
     * @return true when {@code r} lies in the range and on the grid
     */
    public boolean isValid(float r) {
        if (!(r >= min && r <= max)) {
            return false;
        }
        double k = (r - min) / step;
        return Math.abs(k - Math.rint(k)) < 1e-4;
    }

    /**
     * The lowest rating that is not a dislike: the middle of the scale, {@code (min + max) / 2} (3 on
     * 1..5, 2.75 on 0.5..5). A rating below it is a <em>dislike</em> (1 and 2 stars on ML-100k; 0.5 to
     * 2.5 on half stars), and movierec's one rule for dislikes (docs/ARCHITECTURE.md, "Dislikes") is
     * that they never count as positive evidence: implicit-feedback models leave them out of their
     * positives in training and fold-in, and models that can express it use them as negative evidence.
     *
     * @return the threshold, {@code (min + max) / 2}, on this scale's units
     */
    public float dislikeBelow() {
        return (min + max) / 2f;
    }

    /**
     * Whether a rating is a dislike.
     *
     * @param r a rating on this scale
     * @return true when {@code r} is below {@link #dislikeBelow()}; false for NaN
     */
    public boolean isDislike(float r) {
        return r < dislikeBelow();
    }

    /**
     * Clips a prediction into the range (not onto the grid), as the evaluator does before measuring errors.
     *
     * @param r a predicted rating, any finite value
     * @return {@code r} limited to {@code [min, max]}
     */
    public float clip(double r) {
        return (float) Math.max(min, Math.min(max, r));
    }
}
