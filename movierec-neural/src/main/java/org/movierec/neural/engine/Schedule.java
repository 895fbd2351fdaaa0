package org.movierec.neural.engine;

/**
 * Learning rate per optimizer step ({@code step} counts from 0):
 * <ul>
 * <li>{@code CONSTANT}: {@code base};</li>
 * <li>{@code STEP}: {@code base * gamma^floor(step / stepSize)};</li>
 * <li>{@code COSINE}: {@code min + (base - min) (1 + cos(pi min(step, total) / total)) / 2};</li>
 * </ul>
 * and, for any kind, a linear warm-up over the first {@code warmupSteps} steps:
 * the rate is multiplied by {@code (step + 1) / warmupSteps} there.
 */
public record Schedule(Kind kind, float base, int warmupSteps, int stepSize, float gamma, int totalSteps, float min) {
    /** The schedule's shape. */
    public enum Kind { CONSTANT, STEP, COSINE }

    public Schedule {
        if (!(base > 0) || Float.isInfinite(base)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + base);
        }
        if (warmupSteps < 0 || (kind == Kind.STEP && (stepSize < 1 || !(gamma > 0)))
                || (kind == Kind.COSINE && totalSteps < 1) || min < 0) {
            throw new IllegalArgumentException("invalid schedule " + kind + ": warmupSteps=" + warmupSteps
                    + " (>= 0), stepSize=" + stepSize + " (>= 1 for STEP), gamma=" + gamma + " (> 0 for STEP), totalSteps="
                    + totalSteps + " (>= 1 for COSINE), min=" + min + " (>= 0)");
        }
    }

    public static Schedule constant(float lr) {
        return new Schedule(Kind.CONSTANT, lr, 0, 1, 1f, 1, 0f);
    }

    public float at(long step) {
        double lr = switch (kind) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(gamma, step / stepSize);
            case COSINE -> min + (base - min) * (1 + Math.cos(Math.PI * Math.min(step, totalSteps) / totalSteps)) / 2;
        };
        if (step < warmupSteps) {
            lr *= (step + 1.0) / warmupSteps;
        }
        return (float) lr;
    }
}
