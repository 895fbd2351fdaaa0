package org.movierec.rec;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.movierec.data.Interactions;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;

/**
 * Fold-in for models that cannot place a new user themselves (the neural rating models, FM, the
 * blend): the new user borrows the model's own scores of the training users who rated the same
 * movies the same way. Similarity is the cosine of the two users' ratings centred on the training
 * mean, over the movies both rated, shrunk by {@code overlap / (overlap + SHRINK)}; the
 * {@code neighbours} most similar users with a positive similarity give a similarity-weighted
 * average of their score rows. Dislikes count: two users who both gave a movie 1 star agree, so a
 * new user who rates Star Wars low gets the lists of users who also did (centred ratings below zero
 * multiply to a positive agreement), never those of its fans. With no co-rater at all (movies
 * nobody else rated) the rows of the {@code neighbours} most active users stand in.
 *
 * <p>Implicit data (every rating the same value) is not centred: the similarity is then the cosine
 * of the two users' binary rows. Cost per call: one pass over the raters of each rated movie, then
 * {@code neighbours} score rows, which are kept once computed when all of them fit in
 * {@link #ROW_CACHE_BYTES} (ML-100k: 6.3 MB), else computed each time.
 *
 * <p>Thread-safe; the item-major copy of the training data (8 bytes per rating) is built on first use.
 */
public final class NeighbourFoldIn implements FoldIn {
    /** Default number of neighbours. */
    public static final int DEFAULT_NEIGHBOURS = 30;
    /** Co-rated movies at which the similarity keeps half its weight. */
    static final float SHRINK = 2f;
    /** Score rows are cached when {@code numUsers * numItems * 4} bytes fit in this. */
    static final long ROW_CACHE_BYTES = 64L << 20;

    private final ItemScorer scorer;
    private final Interactions train;
    private final int neighbours;
    private final float centre;
    private final AtomicReferenceArray<float[]> rows;
    private volatile ItemMajor byItem;

    /** The training ratings by movie: {@code users[start[i] .. start[i+1])} rated movie {@code i}. */
    private record ItemMajor(int[] start, int[] users, float[] values, int[] activeUsers) {
    }

    /**
     * @param scorer     the model's scores for its training users
     * @param train      the model's training interactions (its users and ratings)
     * @param neighbours how many similar users to average, at least 1
     * @throws IllegalArgumentException when {@code neighbours < 1}
     */
    public NeighbourFoldIn(ItemScorer scorer, Interactions train, int neighbours) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1, got " + neighbours);
        }
        this.scorer = scorer;
        this.train = train;
        this.neighbours = neighbours;
        float[] r = train.ratingsArray();
        double sum = 0;
        boolean varies = false;
        for (int p = 0; p < train.size(); p++) {
            sum += r[p];
            varies |= r[p] != r[0];
        }
        this.centre = varies ? (float) (sum / train.size()) : 0f;
        long bytes = (long) train.numUsers() * scorer.numItems() * Float.BYTES;
        this.rows = bytes <= ROW_CACHE_BYTES ? new AtomicReferenceArray<>(train.numUsers()) : null;
    }

    /**
     * The neighbour fold-in a recommender needs: null when its model folds in itself or there is no
     * training data, else one over {@code train} with {@link #DEFAULT_NEIGHBOURS} (the server and
     * {@code recommend --rate} use this one rule).
     *
     * @param rec   the model's recommender
     * @param train the model's training interactions
     * @return the fallback for {@link Recommender#withFallbackFoldIn}, or null
     */
    public static NeighbourFoldIn unlessModelFoldsIn(Recommender rec, Interactions train) {
        return rec.supportsFoldIn() || train.size() == 0 ? null
                : new NeighbourFoldIn(rec.scorer(), train, DEFAULT_NEIGHBOURS);
    }

    private ItemMajor byItem() {
        ItemMajor m = byItem;
        if (m == null) {
            synchronized (this) {
                m = byItem;
                if (m == null) {
                    byItem = m = build();
                }
            }
        }
        return m;
    }

    private ItemMajor build() {
        int ni = train.numItems();
        int[] start = new int[ni + 1];
        int[] items = train.itemsArray();
        float[] ratings = train.ratingsArray();
        for (int p = 0; p < train.size(); p++) {
            start[items[p] + 1]++;
        }
        for (int i = 0; i < ni; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, ni);
        int[] users = new int[train.size()];
        float[] values = new float[train.size()];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int p = train.userStart(u); p < train.userEnd(u); p++) {
                int at = fill[items[p]]++;
                users[at] = u;
                values[at] = ratings[p] - centre;
            }
        }
        float[] activity = new float[train.numUsers()];
        for (int u = 0; u < activity.length; u++) {
            activity[u] = train.userCount(u);
        }
        int[] active = new int[Math.min(neighbours, activity.length)];
        int n = new TopK(Math.max(1, active.length)).select(activity, active, null);
        return new ItemMajor(start, users, values, java.util.Arrays.copyOf(active, n));
    }

    /** The users whose score rows stand for the new user, with their weights, most similar first. */
    Neighbours neighbours(int[] items, float[] ratings) {
        ItemMajor m = byItem();
        int nu = train.numUsers();
        float[] dot = new float[nu];
        float[] norm = new float[nu];
        int[] overlap = new int[nu];
        double self = 0;
        for (int k = 0; k < items.length; k++) {
            int i = items[k];
            if (i < 0 || i >= train.numItems()) {
                continue;
            }
            float a = ratings[k] - centre;
            self += (double) a * a;
            for (int p = m.start[i]; p < m.start[i + 1]; p++) {
                int v = m.users[p];
                float b = m.values[p];
                dot[v] += a * b;
                norm[v] += b * b;
                overlap[v]++;
            }
        }
        float[] sim = new float[nu];
        java.util.Arrays.fill(sim, Float.NEGATIVE_INFINITY);
        boolean any = false;
        for (int v = 0; v < nu; v++) {
            if (overlap[v] > 0 && dot[v] > 0 && self > 0) {
                sim[v] = (float) (dot[v] / (Math.sqrt(self) * Math.sqrt(norm[v]))) * overlap[v] / (overlap[v] + SHRINK);
                any = true;
            }
        }
        if (!any) {
            float[] w = new float[m.activeUsers.length];
            java.util.Arrays.fill(w, 1f);
            return new Neighbours(m.activeUsers.clone(), w);
        }
        int[] who = new int[Math.min(neighbours, nu)];
        float[] w = new float[who.length];
        int n = new TopK(who.length).select(sim, who, w);
        return new Neighbours(java.util.Arrays.copyOf(who, n), java.util.Arrays.copyOf(w, n));
    }

    /** Neighbours and their weights, best first. */
    record Neighbours(int[] users, float[] weights) {
    }

    @Override
    public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
        if (items.length != ratings.length) {
            throw new IllegalArgumentException(items.length + " items but " + ratings.length + " ratings");
        }
        Neighbours nb = neighbours(items, ratings);
        java.util.Arrays.fill(out, 0f);
        double total = 0;
        float[] buf = rows == null ? new float[out.length] : null;
        for (int k = 0; k < nb.users().length; k++) {
            float[] row = row(nb.users()[k], buf);
            float w = nb.weights()[k];
            for (int i = 0; i < out.length; i++) {
                out[i] += w * row[i];
            }
            total += w;
        }
        float inv = (float) (1 / total);
        for (int i = 0; i < out.length; i++) {
            out[i] *= inv;
        }
    }

    private float[] row(int user, float[] buf) {
        if (rows == null) {
            scorer.scoreAll(user, buf);
            return buf;
        }
        float[] r = rows.get(user);
        if (r == null) {
            r = new float[scorer.numItems()];
            scorer.scoreAll(user, r);
            rows.compareAndSet(user, null, r);
        }
        return r;
    }
}
