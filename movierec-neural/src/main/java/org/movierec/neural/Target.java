package org.movierec.neural;

import org.movierec.data.RatingScale;

/**
 * The affine map from stars to the space a network is trained in: {@code t = scale * r + offset}.
 * Stars for most models; report 000 min-max normalises ratings to {@code [0.5, 1]}.
 */
public record Target(float scale, float offset) {
    public static final Target STARS = new Target(1f, 0f);

    /** Min-max onto [0.5, 1]: {@code t = 0.5 + 0.5 (r - min) / (max - min)}. */
    public static Target halfToOne(RatingScale s) {
        float sc = 0.5f / (s.max() - s.min());
        return new Target(sc, 0.5f - sc * s.min());
    }

    public float toTarget(float stars) {
        return scale * stars + offset;
    }

    public float toStars(float t) {
        return (t - offset) / scale;
    }
}
