package org.movierec.neural;

import org.movierec.neural.engine.Embedding;
import org.movierec.neural.feature.Features;

/**
 * The categorical fields the embedding models use, each embedded into its own column range of the
 * batch matrix: user id, movie id, age bucket, gender, occupation, zip prefix, release decade and
 * genres (a mean bag). Unknown codes embed as zeros.
 */
final class Fields {
    /** The field names, in column order. */
    static final String[] ALL = {"user", "movie", "age", "gender", "occupation", "zip", "decade", "genres"};

    private final Features f;
    private final Embedding[] emb;
    private final boolean[] on;
    private final int[] offset;
    private final int width;
    private int[][] codes = new int[ALL.length][0];
    private int[] bagOff = new int[1];
    private int[] bagIdx = new int[0];
    private float[] bagW = new float[0];
    private int n;

    /** @param use which of {@link #ALL} to embed */
    Fields(Features f, boolean[] use, int dim, double initStd, java.util.SplittableRandom rng) {
        this.f = f;
        this.on = use.clone();
        int[] rows = {f.numUsers(), f.numMovies(), Features.AGE_BUCKETS, 2, f.numOccupations(), Features.ZIP_BUCKETS,
            Features.YEAR_BUCKETS, f.numGenres()};
        emb = new Embedding[ALL.length];
        offset = new int[ALL.length];
        int w = 0;
        for (int k = 0; k < ALL.length; k++) {
            if (on[k]) {
                emb[k] = new Embedding(ALL[k], rows[k], dim, initStd, rng);
                offset[k] = w;
                w += dim;
            }
        }
        width = w;
    }

    int width() {
        return width;
    }

    boolean on(int field) {
        return on[field];
    }

    int offset(int field) {
        return offset[field];
    }

    Embedding embedding(int field) {
        return emb[field];
    }

    java.util.List<org.movierec.neural.engine.Param> params() {
        java.util.List<org.movierec.neural.engine.Param> out = new java.util.ArrayList<>();
        for (Embedding e : emb) {
            if (e != null) {
                out.add(e.table());
            }
        }
        return out;
    }

    /** Writes the batch's field embeddings into {@code x[i*ld + off + offset(field) ..]}. */
    void forward(int[] users, int[] items, int n, float[] x, int ld, int off) {
        this.n = n;
        for (int k = 0; k < ALL.length; k++) {
            if (codes[k].length < n) {
                codes[k] = new int[Math.max(n, 16)];
            }
        }
        if (bagOff.length < n + 1) {
            bagOff = new int[n + 1];
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            int u = users[i];
            int m = items[i];
            codes[0][i] = u;
            codes[1][i] = m;
            codes[2][i] = f.ageBucket(u);
            codes[3][i] = f.gender(u);
            codes[4][i] = f.occupation(u);
            codes[5][i] = f.zipPrefix(u);
            codes[6][i] = f.yearBucket(m);
            total += f.genreEnd(m) - f.genreStart(m);
        }
        if (bagIdx.length < total) {
            bagIdx = new int[total];
            bagW = new float[total];
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            bagOff[i] = k;
            int m = items[i];
            for (int g = f.genreStart(m); g < f.genreEnd(m); g++) {
                bagIdx[k] = f.genreAt(g);
                bagW[k++] = f.genreWeightAt(g);
            }
        }
        bagOff[n] = k;
        for (int fi = 0; fi < ALL.length - 1; fi++) {
            if (on[fi]) {
                emb[fi].gather(codes[fi], n, x, ld, off + offset[fi]);
            }
        }
        int gi = ALL.length - 1;
        if (on[gi]) {
            emb[gi].gatherBag(bagOff, bagIdx, bagW, n, x, ld, off + offset[gi]);
        }
    }

    /** Scatters {@code dx}'s field columns back into the embeddings of the last forward batch. */
    void backward(float[] dx, int ld, int off) {
        for (int fi = 0; fi < ALL.length - 1; fi++) {
            if (on[fi]) {
                emb[fi].scatter(codes[fi], n, dx, ld, off + offset[fi]);
            }
        }
        int gi = ALL.length - 1;
        if (on[gi]) {
            emb[gi].scatterBag(bagOff, bagIdx, bagW, n, dx, ld, off + offset[gi]);
        }
    }
}
