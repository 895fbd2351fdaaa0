package org.movierec.ann;

/**
 * Graph parameters: {@code m} neighbours per node, {@code beamWidth} candidates while building,
 * {@code ef} candidates while searching (the graph returns the best {@code max(k, ef)} by the
 * transformed cosine, which are then re-scored by the exact inner product and cut to k).
 * Defaults can be changed with {@code -Dmovierec.ann.m}, {@code -Dmovierec.ann.beam},
 * {@code -Dmovierec.ann.ef}.
 */
public record HnswSettings(int m, int beamWidth, int ef) {
    public HnswSettings {
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("movierec.ann.m must be in 2..512, got " + m);
        }
        if (beamWidth < 1 || beamWidth > 10_000) {
            throw new IllegalArgumentException("movierec.ann.beam must be in 1..10000, got " + beamWidth);
        }
        if (ef < 1 || ef > 10_000) {
            throw new IllegalArgumentException("movierec.ann.ef must be in 1..10000, got " + ef);
        }
    }

    public static HnswSettings fromSystemProperties() {
        return forSize(0);
    }

    /**
     * Defaults for a catalogue of {@code n} items: {@code ef} 200 up to 150,000 items and 400 above
     * (measured on isotropic synthetic factors, BENCHMARKS.md: ef 200 gave recall@10 0.990 at
     * 59,000 items but 0.976 at 200,000, where ef 400 gave 0.993). System properties override.
     */
    public static HnswSettings forSize(int n) {
        return new HnswSettings(Integer.getInteger("movierec.ann.m", 16), Integer.getInteger("movierec.ann.beam", 100),
                Integer.getInteger("movierec.ann.ef", n > 150_000 ? 400 : 200));
    }
}
