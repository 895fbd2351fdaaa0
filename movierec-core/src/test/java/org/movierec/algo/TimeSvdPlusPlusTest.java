package org.movierec.algo;

import org.movierec.model.AlgorithmRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;

class TimeSvdPlusPlusTest extends LatentModelContract {
    private static final long T0 = 1_000_000_000L;
    private static final long DAY = 86_400L;
    private static final int DAYS = 500;

    /** The defaults with SVD++'s small-data schedule (see {@link SvdPlusPlusTest#trainer}). */
    @Override
    protected Trainer<?> trainer(long seed) {
        return new TimeSvdPlusPlus(smallData(TimeSvdPlusPlus.Config.DEFAULTS.bins(),
                TimeSvdPlusPlus.Config.DEFAULTS.regBin(), seed));
    }

    private static TimeSvdPlusPlus.Config smallData(int bins, float regBin, long seed) {
        TimeSvdPlusPlus.Config d = TimeSvdPlusPlus.Config.DEFAULTS;
        return new TimeSvdPlusPlus.Config(d.factors(), 100, 0.01f, 0.98f, d.regBias(), d.regFactor(),
                d.regImplicit(), bins, regBin, d.beta(), d.lrAlpha(), d.regAlpha(), d.initStd(), seed);
    }

    @Override
    protected Trainer<?> smallTrainer(long seed) {
        return new TimeSvdPlusPlus(new TimeSvdPlusPlus.Config(4, 200, 0.02f, 1f, 0.01f, 0.01f, 0.01f, 3, 0.1f, 0.4f,
                1e-4f, 1f, 0.1f, seed));
    }

    /**
     * Ratings with planted time drift: {@code 3.5 + b_u + b_i + p_u.q_i + drift}, where every movie's
     * bias moves linearly by {@code s_i * 0.8 * (2 t/T - 1)} stars over the 500-day period ({@code s_i}
     * = +1 or -1 at random) and every user's by {@code g_u * 0.5 * (2 t/T - 1)}, {@code g_u ~ N(0,1)};
     * noise N(0, 0.3^2), rounded to whole stars. 300 users rate 50 random movies of 120 at uniform times.
     * Returns train and test (a seeded random 80/20 cut, so test times interleave with training times).
     */
    static Dataset[] drifting() {
        SplittableRandom rnd = new SplittableRandom(2024);
        int nu = 300;
        int ni = 120;
        int k = 3;
        double[] bu = new double[nu];
        double[] gu = new double[nu];
        double[][] p = new double[nu][k];
        double[] bi = new double[ni];
        double[] si = new double[ni];
        double[][] q = new double[ni][k];
        for (int u = 0; u < nu; u++) {
            bu[u] = rnd.nextGaussian() * 0.3;
            gu[u] = rnd.nextGaussian();
            for (int f = 0; f < k; f++) {
                p[u][f] = rnd.nextGaussian() * 0.6;
            }
        }
        for (int i = 0; i < ni; i++) {
            bi[i] = rnd.nextGaussian() * 0.4;
            si[i] = rnd.nextBoolean() ? 1 : -1;
            for (int f = 0; f < k; f++) {
                q[i][f] = rnd.nextGaussian() * 0.6;
            }
        }
        Interactions.Builder all = new Interactions.Builder(nu, ni, nu * 50);
        int[] perm = LatentMath.identity(ni);
        for (int u = 0; u < nu; u++) {
            LatentMath.shuffle(perm, rnd);
            for (int x = 0; x < 50; x++) {
                int i = perm[x];
                long t = T0 + (long) (rnd.nextDouble() * DAYS * DAY);
                double phase = 2.0 * (t - T0) / (DAYS * DAY) - 1;
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += p[u][f] * q[i][f];
                }
                double r = 3.5 + bu[u] + bi[i] + dot + si[i] * 0.8 * phase + gu[u] * 0.5 * phase
                        + rnd.nextGaussian() * 0.3;
                all.add(u, i, RatingScale.WHOLE_STARS.clip(Math.rint(r)), t);
            }
        }
        Interactions in = all.build(false);
        int[] tr = new int[in.size()];
        int[] te = new int[in.size()];
        int nt = 0;
        int ns = 0;
        for (int pos = 0; pos < in.size(); pos++) {
            if (rnd.nextDouble() < 0.2) {
                te[ns++] = pos;
            } else {
                tr[nt++] = pos;
            }
        }
        Dataset d = new Dataset("drift", Users.withoutDemographics(IdIndex.sequential(nu)),
                Movies.idsOnly(IdIndex.sequential(ni)), in, RatingScale.WHOLE_STARS);
        return new Dataset[] {d.withInteractions("drift-train", in.select(Arrays.copyOf(tr, nt))),
            d.withInteractions("drift-test", in.select(Arrays.copyOf(te, ns)))};
    }

    @Test
    void beatsTimeBlindModelsOnPlantedDrift() {
        Dataset[] tt = drifting();
        // Ten bins (50 days each) with light shrinkage: the planted drift is strong and every
        // movie-bin holds about 16 training ratings.
        Trainer<?> timed = new TimeSvdPlusPlus(smallData(10, 0.5f, 1));
        double rmseTime = MfHarness.rmse((RatingPredictor) LatentChecks.fit(timed, tt[0]), tt[1]);
        double rmseMf = MfHarness.rmse((RatingPredictor) LatentChecks.fit(new BiasedMF(), tt[0]), tt[1]);
        double rmseSvdpp = MfHarness.rmse((RatingPredictor) LatentChecks.fit(
                new SvdPlusPlus(SvdPlusPlusTest.smallDataConfig(1)), tt[0]), tt[1]);
        // Measured (seeds 1 / 42): timeSVD++ about 0.54, BiasedMF 0.72, SVD++ 0.73, bias baseline 0.91.
        assertThat(rmseTime).as("timeSVD++ %.4f vs BiasedMF %.4f", rmseTime, rmseMf).isLessThan(rmseMf - 0.1);
        assertThat(rmseTime).as("timeSVD++ %.4f vs SVD++ %.4f", rmseTime, rmseSvdpp).isLessThan(rmseSvdpp - 0.1);
    }

    @Test
    void recoversTheSignOfThePlantedItemDrift() {
        // Movies whose bias rises over time must have a higher last-bin than first-bin offset, and vice versa.
        Dataset[] tt = drifting();
        TimeSvdPlusPlus.Model m = (TimeSvdPlusPlus.Model) LatentChecks.fit(new TimeSvdPlusPlus(smallData(10, 0.5f, 4)),
                tt[0]);
        SplittableRandom rnd = new SplittableRandom(2024);
        // Replay the generator's draws up to the drift signs.
        for (int u = 0; u < 300; u++) {
            rnd.nextGaussian();
            rnd.nextGaussian();
            for (int f = 0; f < 3; f++) {
                rnd.nextGaussian();
            }
        }
        int agree = 0;
        for (int i = 0; i < 120; i++) {
            rnd.nextGaussian();
            boolean rising = rnd.nextBoolean();
            for (int f = 0; f < 3; f++) {
                rnd.nextGaussian();
            }
            float change = m.binBias(i, T0 + DAYS * DAY) - m.binBias(i, T0);
            if ((change > 0) == rising) {
                agree++;
            }
        }
        assertThat(agree).as("movies whose fitted drift has the planted sign").isGreaterThanOrEqualTo(114);
    }

    @Test
    void timestampsOutsideTheTrainingPeriodAreClamped() {
        Dataset train = drifting()[0];
        TimeSvdPlusPlus.Model m = (TimeSvdPlusPlus.Model) LatentChecks.fit(trainer(2), train);
        long[] ts = train.interactions().timestampsArray();
        long lo = Arrays.stream(ts).min().orElseThrow();
        long hi = Arrays.stream(ts).max().orElseThrow();
        Interactions in = train.interactions();
        for (int u = 0; u < 20; u++) {
            long last = ts[in.userEnd(u) - 1];
            for (int i = 0; i < 10; i++) {
                assertThat(m.predict(u, i, hi + 400 * DAY)).isEqualTo(m.predict(u, i, hi));
                assertThat(m.predict(u, i, lo - 400 * DAY)).isEqualTo(m.predict(u, i, lo));
                assertThat(m.predict(u, i)).isEqualTo(m.predict(u, i, last));
            }
        }
    }

    @Test
    void rejectsBadConfig() {
        assertThatThrownBy(() -> AlgorithmRegistry.create("timesvdpp", Map.of("bins", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins=0");
    }

    @Test
    void realMovieLensU1() throws Exception {
        // Measured with the defaults (seed 42): 0.9116; the bound leaves 0.004 for other JVMs' rounding.
        assertMl100kU1Below(new TimeSvdPlusPlus(), 0.916);
    }
}
