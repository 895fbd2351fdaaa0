package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.movierec.data.Interactions;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.Provenance;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;

/**
 * {@link ProjectedBounds}: the lists a factor model gives through {@code topBlock} are those of
 * scoring every item, item for item and bit for bit, with exclusions, ties, biases and either
 * summation order; and pruning is used only where it pays.
 */
class ProjectedBoundsTest {
    private static final Provenance PR = Provenance.untrained("t", null, 0);

    /**
     * {@code rows x k} factors: {@code strong} planted directions with falling weights plus noise of
     * size {@code noise} in every direction (the shape trained factors have).
     */
    static float[] factors(Random r, int rows, int k, int strong, double noise, double[][] directions) {
        float[] out = new float[rows * k];
        for (int i = 0; i < rows; i++) {
            for (int s = 0; s < strong; s++) {
                double w = r.nextGaussian() / (1 + s);
                for (int f = 0; f < k; f++) {
                    out[i * k + f] += (float) (w * directions[s][f]);
                }
            }
            for (int f = 0; f < k; f++) {
                out[i * k + f] += (float) (noise * r.nextGaussian());
            }
        }
        return out;
    }

    static double[][] directions(Random r, int strong, int k) {
        double[][] d = new double[strong][k];
        for (double[] row : d) {
            for (int f = 0; f < k; f++) {
                row[f] = r.nextGaussian();
            }
        }
        return d;
    }

    static FactorModel model(int users, int items, int k, int strong, double noise, boolean biases, Summation order,
                             long seed) {
        Random r = new Random(seed);
        double[][] dirs = directions(r, strong, k);
        float[] p = factors(r, users, k, strong, noise, dirs);
        float[] q = factors(r, items, k, strong, noise, dirs);
        // Ties: items 10..19 repeat item 5 exactly (vector and bias), so their scores are equal.
        for (int i = 10; i < 20; i++) {
            System.arraycopy(q, 5 * k, q, i * k, k);
        }
        float[] ub = null;
        float[] ib = null;
        if (biases) {
            ub = new float[users];
            ib = new float[items];
            for (int u = 0; u < users; u++) {
                ub[u] = (float) (0.3 * r.nextGaussian());
            }
            for (int i = 0; i < items; i++) {
                ib[i] = i >= 10 && i < 20 ? ib[5] : (float) (0.5 * r.nextGaussian());
            }
        }
        FactorModel.Layout layout = biases
                ? FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.MEAN, FactorModel.Field.USER_BIAS,
                        FactorModel.Field.ITEM_BIAS, FactorModel.Field.P, FactorModel.Field.Q)
                : FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.P, FactorModel.Field.Q);
        return FactorModel.of("t", PR, new FactorModel.Parts(k, biases ? 3.5f : 0f, ub, ib, p, q), layout, order,
                FactorModel.RIDGE, biases);
    }

    /**
     * Each user rated a random number of items (0 to 300), in a random order of time (as users rate,
     * not sorted by item); user 1 rated all but 4, so lists run short.
     */
    static Interactions seen(int users, int items, long seed) {
        Random r = new Random(seed);
        java.util.List<Integer> us = new java.util.ArrayList<>();
        java.util.List<Integer> is = new java.util.ArrayList<>();
        for (int u = 0; u < users; u++) {
            java.util.BitSet s = new java.util.BitSet(items);
            if (u == 1) {
                s.set(0, items - 4);
            } else if (u != 0) {
                int count = r.nextInt(300);
                for (int c = 0; c < count; c++) {
                    s.set(r.nextInt(items));
                }
            }
            if (u == 2) { // rated item 5 and one of its copies: the tie is broken among the rest
                s.set(5);
                s.set(11);
            }
            java.util.List<Integer> rated = new java.util.ArrayList<>(s.stream().boxed().toList());
            java.util.Collections.shuffle(rated, r);
            for (int i : rated) {
                us.add(u);
                is.add(i);
            }
        }
        float[] rs = new float[us.size()];
        java.util.Arrays.fill(rs, 4f);
        long[] times = new long[us.size()];
        for (int p = 0; p < times.length; p++) {
            times[p] = p; // increasing within each user: the shuffled order is the order of time
        }
        return Interactions.ofSorted(users, items, us.stream().mapToInt(Integer::intValue).toArray(),
                is.stream().mapToInt(Integer::intValue).toArray(), rs, times);
    }

    /** Every item scored, the rated ones masked, the best k kept: what topBlock must equal. */
    static int reference(FactorModel m, Interactions seen, int u, TopK top, int[] items, float[] scores) {
        float[] buf = new float[m.numItems()];
        m.scoreAll(u, buf);
        for (int p = seen.userStart(u); p < seen.userEnd(u); p++) {
            buf[seen.item(p)] = Float.NEGATIVE_INFINITY;
        }
        return top.select(buf, items, scores);
    }

    static void assertSameListsAsFullScoring(FactorModel m, Interactions seen, int k) {
        int users = m.numUsers();
        int block = 32;
        int[][] items = new int[block][k];
        float[][] scores = new float[block][k];
        int[] counts = new int[block];
        TopK top = new TopK(k);
        int[] refItems = new int[k];
        float[] refScores = new float[k];
        for (int u0 = 0; u0 < users; u0 += block) {
            int u1 = Math.min(users, u0 + block);
            assertThat(m.topBlock(u0, u1, seen, k, items, scores, counts)).isTrue();
            for (int u = u0; u < u1; u++) {
                int n = reference(m, seen, u, top, refItems, refScores);
                int r = u - u0;
                assertThat(counts[r]).as("user %d list length", u).isEqualTo(n);
                for (int j = 0; j < n; j++) {
                    assertThat(items[r][j]).as("user %d rank %d", u, j + 1).isEqualTo(refItems[j]);
                    assertThat(Float.floatToRawIntBits(scores[r][j])).as("user %d rank %d score", u, j + 1)
                            .isEqualTo(Float.floatToRawIntBits(refScores[j]));
                }
            }
        }
    }

    @Test
    void listsEqualFullScoringBitForBitWithBiasesAndWithout() {
        for (Summation order : Summation.values()) {
            for (boolean biases : new boolean[] {true, false}) {
                FactorModel m = model(150, 4000, 32, 6, 0.02, biases, order, 11);
                ProjectedBounds b = ProjectedBounds.build(m);
                assertThat(b).as("%s biases=%s: pruning pays on planted factors", order, biases).isNotNull();
                assertThat(b.dims()).isLessThan(32);
                Interactions seen = seen(150, 4000, 5);
                assertSameListsAsFullScoring(m, seen, 10);
                assertSameListsAsFullScoring(m, seen, 1);
                assertSameListsAsFullScoring(m, seen, 50);
                // Past the longest list the estimate covers, the caller scores every item.
                assertThat(m.topBlock(0, 1, seen, 201, new int[1][201], null, new int[1])).isFalse();
            }
        }
    }

    @Test
    void boundsTurnOffOnceTheListsMadeCostMoreThanScoringEverything() {
        // Every user rated their own 1,500 best movies (as BPR ranks rated movies first): the threshold of
        // the unseen lists falls into the crowded middle, far more candidates than the sample (which
        // cannot see ratings) predicts. The lists stay exact; after the measured users the bounds are off.
        FactorModel m = model(600, 3000, 32, 6, 0.02, false, Summation.LANES, 13);
        java.util.List<Integer> us = new java.util.ArrayList<>();
        java.util.List<Integer> is = new java.util.ArrayList<>();
        float[] buf = new float[3000];
        for (int u = 0; u < 600; u++) {
            m.scoreAll(u, buf);
            Integer[] byScore = new Integer[3000];
            for (int i = 0; i < 3000; i++) {
                byScore[i] = i;
            }
            java.util.Arrays.sort(byScore, (x, y) -> Float.compare(buf[y], buf[x]));
            int[] best = new int[1500];
            for (int j = 0; j < 1500; j++) {
                best[j] = byScore[j];
            }
            java.util.Arrays.sort(best);
            for (int i : best) {
                us.add(u);
                is.add(i);
            }
        }
        float[] rs = new float[us.size()];
        Interactions seen = Interactions.ofSorted(600, 3000, us.stream().mapToInt(Integer::intValue).toArray(),
                is.stream().mapToInt(Integer::intValue).toArray(), rs, new long[rs.length]);
        assertThat(ProjectedBounds.build(m)).isNotNull();
        int[][] items = new int[32][10];
        float[][] scores = new float[32][10];
        int[] counts = new int[32];
        int[] ref = new int[10];
        float[] refScores = new float[10];
        TopK top = new TopK(10);
        int fromBounds = 0;
        for (int u0 = 0; u0 < 600; u0 += 32) {
            int u1 = Math.min(600, u0 + 32);
            if (m.topBlock(u0, u1, seen, 10, items, scores, counts)) {
                fromBounds += u1 - u0;
                for (int u = u0; u < u1; u++) {
                    int n = reference(m, seen, u, top, ref, refScores);
                    assertThat(java.util.Arrays.copyOf(items[u - u0], counts[u - u0])).as("user %d", u)
                            .isEqualTo(java.util.Arrays.copyOf(ref, n));
                }
            }
        }
        assertThat(fromBounds).as("users listed from bounds before they were turned off")
                .isBetween(ProjectedBounds.MEASURED_USERS, ProjectedBounds.MEASURED_USERS + 31);
    }

    @Test
    void tiesGoToTheLowerItemAsInFullScoring() {
        // Items 10..19 repeat item 5; scaled up five times, they are user 0's best (user 0 points at them),
        // and the tie among them goes to the lower index: 5, 10, 11, ... as full scoring gives.
        FactorModel m = model(40, 3000, 32, 6, 0.02, false, Summation.LANES, 3);
        float[] userVec = m.userVec();
        float[] q = m.q;
        for (int i : new int[] {5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19}) {
            for (int f = 0; f < 32; f++) {
                q[i * 32 + f] = 5 * q[i * 32 + f];
            }
        }
        System.arraycopy(q, 5 * 32, userVec, 0, 32);
        Interactions none = Interactions.empty(40, 3000);
        int[][] items = new int[1][12];
        float[][] scores = new float[1][12];
        int[] counts = new int[1];
        assertThat(m.topBlock(0, 1, none, 12, items, scores, counts)).isTrue();
        assertThat(java.util.Arrays.copyOf(items[0], 11)).containsExactly(5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertSameListsAsFullScoring(m, none, 12);
    }

    @Test
    void factorsSpreadOverEveryDirectionAreScoredInFull() {
        // No dominant directions: the sample finds no projection that saves enough, so topBlock declines
        // and Recommender.rankBlock scores every item (same lists).
        FactorModel m = model(64, 3000, 16, 0, 1.0, true, Summation.LANES, 7);
        assertThat(ProjectedBounds.build(m)).isNull();
        int[][] items = new int[2][10];
        float[][] scores = new float[2][10];
        int[] counts = new int[2];
        assertThat(m.topBlock(0, 2, null, 10, items, scores, counts)).isFalse();
        Recommender rec = new Recommender(m, null);
        rec.rankBlock(0, 2, new float[2][3000], new TopK(10), items, scores, counts);
        int[] ref = new int[10];
        reference(m, Interactions.empty(64, 3000), 1, new TopK(10), ref, new float[10]);
        assertThat(items[1]).containsExactly(ref);
    }

    @Test
    void smallCataloguesAndUsersOutsideTheModelAreLeftToTheCaller() {
        assertThat(ProjectedBounds.build(model(20, ProjectedBounds.MIN_ITEMS - 1, 32, 6, 0.02, false,
                Summation.LANES, 1))).isNull();
        FactorModel m = model(20, 3000, 32, 6, 0.02, false, Summation.LANES, 1);
        assertThat(m.topBlock(18, 21, null, 10, new int[3][10], null, new int[3])).isFalse();
    }
}
