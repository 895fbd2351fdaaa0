package org.movierec.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.rec.CandidateIndex;
import org.movierec.rec.ExactIndex;

class HnswIndexTest {
    private static final int N = 5000;
    private static final int K = 32;
    private static final int Q = 200;
    private static float[] items;
    private static float[][] queries;
    private static CandidateIndex hnsw;

    @BeforeAll
    static void build() {
        items = SyntheticFactors.items(N, K, 7);
        queries = SyntheticFactors.queries(Q, K, 8);
        hnsw = CandidateIndex.build(CandidateIndex.Choice.HNSW, items, N, K + 1);
    }

    @Test
    void providerIsFoundThroughServiceLoader() {
        assertThat(hnsw.kind()).isEqualTo("hnsw");
        assertThat(hnsw.exact()).isFalse();
        assertThat(hnsw.size()).isEqualTo(N);
        assertThat(CandidateIndex.provider("hnsw")).isInstanceOf(HnswProvider.class);
    }

    @Test
    void recallAtTenAgainstBruteForceIsAtLeast098() {
        ExactIndex exact = new ExactIndex(items, N, K + 1);
        int[] truth = new int[10];
        int[] got = new int[10];
        float[] exactScores = new float[10];
        float[] gotScores = new float[10];
        long hits = 0;
        for (float[] q : queries) {
            exact.search(q, 10, null, truth, exactScores);
            int m = hnsw.search(q, 10, null, got, gotScores);
            assertThat(m).isEqualTo(10);
            hits += AnnBenchmark.overlap(truth, got, m);
            // Returned scores are exact inner products, best first.
            for (int j = 1; j < m; j++) {
                assertThat(gotScores[j]).isLessThanOrEqualTo(gotScores[j - 1]);
            }
        }
        double recall = hits / (10.0 * Q);
        assertThat(recall).as("recall@10 vs brute force").isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void concurrentSearchesGiveTheSingleThreadedAnswers() throws Exception {
        int[][] single = new int[Q][10];
        for (int u = 0; u < Q; u++) {
            hnsw.search(queries[u], 10, null, single[u], null);
        }
        int[][] parallel = new int[Q][10];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t;
                fs.add(pool.submit(() -> {
                    for (int rep = 0; rep < 3; rep++) {
                        for (int u = from; u < Q; u += 4) {
                            hnsw.search(queries[u], 10, null, parallel[u], null);
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(parallel).isDeepEqualTo(single);
    }

    @Test
    void filterIsHonoured() {
        int[] got = new int[10];
        for (int u = 0; u < 20; u++) {
            int m = hnsw.search(queries[u], 10, i -> i % 2 == 0, got, null);
            assertThat(m).isEqualTo(10);
            for (int j = 0; j < m; j++) {
                assertThat(got[j] % 2).isZero();
            }
        }
    }

    @Test
    void exactMetricsRefuseIt() {
        assertThatThrownBy(() -> hnsw.requireExact("evaluate"))
                .isInstanceOf(CandidateIndex.ApproximateIndexException.class)
                .hasMessageContaining("'hnsw'");
    }

    @Test
    void autoPicksHnswAboveTheThresholdAndExactBelow() {
        String old = System.getProperty("movierec.ann.threshold");
        try {
            System.setProperty("movierec.ann.threshold", "1000");
            assertThat(CandidateIndex.build(CandidateIndex.Choice.AUTO,
                    java.util.Arrays.copyOf(items, 999 * (K + 1)), 999, K + 1).kind())
                    .isEqualTo("exact");
            assertThat(CandidateIndex.build(CandidateIndex.Choice.AUTO,
                    java.util.Arrays.copyOf(items, 1000 * (K + 1)), 1000, K + 1).kind())
                    .isEqualTo("hnsw");
        } finally {
            if (old == null) {
                System.clearProperty("movierec.ann.threshold");
            } else {
                System.setProperty("movierec.ann.threshold", old);
            }
        }
    }
}
