package org.movierec.neural;

import org.movierec.neural.engine.Embedding;
import org.movierec.neural.feature.Features;

/**
 * The categorical fields the embedding models use, each embedded into its own column range of the
 * batch matrix: user id, movie id, age bucket, gender, occupation, zip prefix, release decade,
 * director, genres (a mean bag) and stars (a mean bag of the first billed cast). Unknown codes and
 * empty bags embed as zeros. Director and stars exist only when the features have credits.
 */
final class Fields {
    /** The field names, in column order. */
    static final String[] ALL = {"user", "movie", "age", "gender", "occupation", "zip", "decade", "director", "genres",
        "stars"};
    /** The single-code fields come first; then the two bags. */
    private static final int CODES = 8;
    static final int DIRECTOR = 7;
    static final int GENRES = 8;
    static final int STARS = 9;

    private final Features f;
    private final Embedding[] emb;
    private final boolean[] on;
    private final int[] offset;
    private final int width;
    private int[][] codes = new int[CODES][0];
    private final Bag genreBag = new Bag();
    private final Bag starBag = new Bag();
    private int n;

    /** One batch's bag inputs (CSR over the batch rows), reused from batch to batch. */
    private static final class Bag {
        int[] off = new int[1];
        int[] idx = new int[0];
        float[] w = new float[0];

        /** Fills the batch's bag from the movies' genre bags, or their star bags; {@code total} entries in all. */
        void fill(Features f, int[] items, int n, int total, boolean stars) {
            if (off.length < n + 1) {
                off = new int[n + 1];
            }
            if (idx.length < total) {
                idx = new int[total];
                w = new float[total];
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                off[i] = k;
                int m = items[i];
                int end = stars ? f.starEnd(m) : f.genreEnd(m);
                for (int g = stars ? f.starStart(m) : f.genreStart(m); g < end; g++) {
                    idx[k] = stars ? f.starAt(g) : f.genreAt(g);
                    w[k++] = stars ? f.starWeightAt(g) : f.genreWeightAt(g);
                }
            }
            off[n] = k;
        }
    }

    /**
     * @param use which of {@link #ALL} to embed; director and stars are left out when the features have
     *            none of them
     */
    Fields(Features f, boolean[] use, int dim, double initStd, java.util.SplittableRandom rng) {
        if (use.length != ALL.length) {
            throw new IllegalArgumentException("expected " + ALL.length + " field switches, got " + use.length);
        }
        this.f = f;
        this.on = use.clone();
        on[DIRECTOR] &= f.numDirectors() > 0;
        on[STARS] &= f.numStars() > 0;
        int[] rows = {f.numUsers(), f.numMovies(), Features.AGE_BUCKETS, 2, f.numOccupations(), Features.ZIP_BUCKETS,
            Features.YEAR_BUCKETS, f.numDirectors(), f.numGenres(), f.numStars()};
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
        for (int k = 0; k < CODES; k++) {
            if (codes[k].length < n) {
                codes[k] = new int[Math.max(n, 16)];
            }
        }
        int genres = 0;
        int stars = 0;
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
            codes[7][i] = f.director(m);
            genres += f.genreEnd(m) - f.genreStart(m);
            stars += f.starEnd(m) - f.starStart(m);
        }
        if (on[GENRES]) {
            genreBag.fill(f, items, n, genres, false);
        }
        if (on[STARS]) {
            starBag.fill(f, items, n, stars, true);
        }
        for (int fi = 0; fi < CODES; fi++) {
            if (on[fi]) {
                emb[fi].gather(codes[fi], n, x, ld, off + offset[fi]);
            }
        }
        if (on[GENRES]) {
            emb[GENRES].gatherBag(genreBag.off, genreBag.idx, genreBag.w, n, x, ld, off + offset[GENRES]);
        }
        if (on[STARS]) {
            emb[STARS].gatherBag(starBag.off, starBag.idx, starBag.w, n, x, ld, off + offset[STARS]);
        }
    }

    /** Scatters {@code dx}'s field columns back into the embeddings of the last forward batch. */
    void backward(float[] dx, int ld, int off) {
        for (int fi = 0; fi < CODES; fi++) {
            if (on[fi]) {
                emb[fi].scatter(codes[fi], n, dx, ld, off + offset[fi]);
            }
        }
        if (on[GENRES]) {
            emb[GENRES].scatterBag(genreBag.off, genreBag.idx, genreBag.w, n, dx, ld, off + offset[GENRES]);
        }
        if (on[STARS]) {
            emb[STARS].scatterBag(starBag.off, starBag.idx, starBag.w, n, dx, ld, off + offset[STARS]);
        }
    }
}
