package org.movierec.ann;

import org.movierec.math.Kernels;
import org.movierec.rec.TopK;

/** Exact inner products for the graph's candidates, then the best k of them (ties to the lower item). */
final class Rerank {
    private Rerank() {
    }

    static int topK(float[] query, float[] vectors, int dim, int[] candidates, int count, int k, int[] outItems,
                    float[] outScores) {
        // Scores on a compact buffer indexed by candidate position; TopK picks positions.
        float[] scores = new float[count];
        for (int c = 0; c < count; c++) {
            scores[c] = Kernels.dotSerial(query, 0, vectors, candidates[c] * dim, dim);
        }
        int[] pos = new int[Math.min(k, count)];
        float[] sel = new float[pos.length];
        if (pos.length == 0) {
            return 0;
        }
        int n = new TopK(pos.length).select(scores, pos, sel);
        for (int j = 0; j < n; j++) {
            outItems[j] = candidates[pos[j]];
            if (outScores != null) {
                outScores[j] = sel[j];
            }
        }
        // Equal scores: TopK ordered by candidate position; restore "lower item first".
        for (int j = 1; j < n; j++) {
            int item = outItems[j];
            float s = outScores != null ? outScores[j] : scores[pos[j]];
            int i = j - 1;
            while (i >= 0 && (outScores != null ? outScores[i] : scores[pos[i]]) == s && outItems[i] > item) {
                outItems[i + 1] = outItems[i];
                i--;
            }
            outItems[i + 1] = item;
        }
        return n;
    }
}
