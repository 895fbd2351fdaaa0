package org.movierec.rec;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.util.Parallel;

/**
 * Scores (from a user of the model or from a fold-in of a few ratings), minus an exclusion set,
 * minus the items a filter rejects (genre, year, ...), then top-K selection: the one code path used
 * by the CLI, the evaluator and the server.
 *
 * <p>The exclusion set of a user of the model is what they rated in {@code seen} (the training
 * data) plus any extra items the caller names; a fold-in excludes the items it was given. A filter
 * is an {@link IntPredicate} over dense item indices that returns true for items that may be
 * recommended; {@code null} means no filter. Exclusions and rejections are marked with
 * {@link Float#NEGATIVE_INFINITY}, which {@link TopK} never selects.
 *
 * <p>Thread-safe when the scorer is (every {@link ItemScorer} must be); the methods that take
 * buffers allocate nothing per call.
 */
public final class Recommender {
    private final ItemScorer scorer;
    private final FoldIn foldIn;
    private final Interactions seen;

    /**
     * @param scorer the model
     * @param seen   interactions whose items are excluded per user (the training data), or null
     *               to exclude nothing
     */
    public Recommender(ItemScorer scorer, Interactions seen) {
        this(scorer, scorer instanceof FoldIn f ? f : null, seen);
    }

    private Recommender(ItemScorer scorer, FoldIn foldIn, Interactions seen) {
        if (scorer == null) {
            throw new IllegalArgumentException("scorer must not be null");
        }
        this.scorer = scorer;
        this.foldIn = foldIn;
        this.seen = seen;
    }

    /**
     * A recommender for any model that can rank: its own {@link ItemScorer}, or its rating
     * predictions for every item ({@link #scorer}); fold-in when the model supports it.
     *
     * @param model    a trained model
     * @param numItems the number of items to score (the training dataset's {@code numItems()})
     * @param seen     interactions whose items are excluded per user (the training data), or null
     * @return the recommender
     * @throws IllegalArgumentException naming the algorithm when the model can do neither
     */
    public static Recommender of(Model model, int numItems, Interactions seen) {
        return new Recommender(scorer(model, numItems), model instanceof FoldIn f ? f : null, seen);
    }

    /**
     * This recommender, or, when the model cannot fold in a new user itself, one that does it with
     * {@code fallback} (usually a {@link NeighbourFoldIn} over the training data).
     *
     * @param fallback the fold-in to use when the model has none; null changes nothing
     * @return a recommender that supports fold-in when either does
     */
    public Recommender withFallbackFoldIn(FoldIn fallback) {
        return foldIn != null || fallback == null ? this : new Recommender(scorer, fallback, seen);
    }

    /**
     * How lists for new users are made: {@code "fold-in"} (the model places the user itself),
     * {@code "neighbours"} (the model's lists of similar training users, {@link NeighbourFoldIn}), or
     * null (not supported).
     *
     * @return the strategy's name, or null
     */
    public String foldInStrategy() {
        return foldIn == null ? null : foldIn instanceof NeighbourFoldIn ? "neighbours" : "fold-in";
    }

    /**
     * The model as an item scorer: its own, or (for models that only predict ratings) an adapter
     * that scores every item by its predicted rating.
     *
     * @param model    a trained model
     * @param numItems the number of items to score
     * @return the model itself, or an adapter over its predictions (thread-safe either way)
     * @throws IllegalArgumentException naming the algorithm when the model can do neither
     */
    public static ItemScorer scorer(Model model, int numItems) {
        if (model instanceof ItemScorer s) {
            return s;
        }
        if (model instanceof RatingPredictor rp) {
            return new PredictorScorer(rp, numItems);
        }
        throw new IllegalArgumentException("algorithm '" + model.provenance().algorithm()
                + "' cannot score movies (it neither ranks items nor predicts ratings)");
    }

    /** Scores every item by its predicted rating, for models that only predict ratings. */
    private record PredictorScorer(RatingPredictor rp, int numItems) implements ItemScorer {
        @Override
        public void scoreAll(int user, float[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = rp.predict(user, i);
            }
        }

        @Override
        public boolean scoresAreRatings() {
            return true;
        }
    }

    /**
     * The one rule for scores shown to people (the CLI's tables and CSV, the server's JSON): when the
     * scorer's scores are predicted ratings ({@link ItemScorer#scoresAreRatings}) the first {@code n}
     * of {@code scores} are clipped in place to {@code scale}, as the evaluator clips predictions for
     * RMSE; other scores are left alone. Lists are ranked by the unclipped scores, so two movies both
     * predicted above the top of the scale keep the model's order while both show the maximum.
     *
     * @param scorer the scorer that produced the scores
     * @param scale  the training data's rating scale
     * @param scores the scores to show; the first {@code n} are changed in place
     * @param n      how many scores to clip, in {@code 0..scores.length}
     * @throws ArrayIndexOutOfBoundsException when {@code n} exceeds {@code scores.length} (for rating scores)
     */
    public static void clipShown(ItemScorer scorer, RatingScale scale, float[] scores, int n) {
        clipShown(scorer, scale, scores, 0, n);
    }

    /**
     * {@link #clipShown(ItemScorer, RatingScale, float[], int)} over {@code scores[from, from + n)}.
     *
     * @param scorer the scorer that produced the scores
     * @param scale  the training data's rating scale
     * @param scores the scores to show; {@code scores[from, from + n)} are changed in place
     * @param from   the first score to clip, at least 0
     * @param n      how many scores to clip, with {@code from + n <= scores.length}
     * @throws ArrayIndexOutOfBoundsException when the range exceeds {@code scores} (for rating scores)
     */
    public static void clipShown(ItemScorer scorer, RatingScale scale, float[] scores, int from, int n) {
        if (!scorer.scoresAreRatings()) {
            return;
        }
        for (int q = from; q < from + n; q++) {
            scores[q] = scale.clip(scores[q]);
        }
    }

    /**
     * {@link #clipShown(ItemScorer, RatingScale, float[], int)} for this recommender's scorer.
     *
     * @param scale  the training data's rating scale
     * @param scores the scores to show; the first {@code n} are changed in place
     * @param n      how many scores to clip, in {@code 0..scores.length}
     * @throws ArrayIndexOutOfBoundsException when {@code n} exceeds {@code scores.length} (for rating scores)
     */
    public void clipShown(RatingScale scale, float[] scores, int n) {
        clipShown(scorer, scale, scores, n);
    }

    /**
     * {@link #clipShown(ItemScorer, RatingScale, float[], int)} applied to a copy of a ranked list's scores.
     *
     * @param scale  the training data's rating scale
     * @param ranked a list this recommender ranked; not changed
     * @return a new list with the same items in the same order and the scores as shown
     */
    public Ranked clipShown(RatingScale scale, Ranked ranked) {
        float[] s = ranked.scores().clone();
        clipShown(scorer, scale, s, s.length);
        return new Ranked(ranked.items(), s);
    }

    /**
     * The scorer behind this recommender.
     *
     * @return the model or its predictor adapter
     */
    public ItemScorer scorer() {
        return scorer;
    }

    /**
     * The number of items scored.
     *
     * @return the length of every score buffer
     */
    public int numItems() {
        return scorer.numItems();
    }

    /**
     * Whether lists for new users from a few ratings ({@link #rankFoldIn}) are supported.
     *
     * @return true when the model implements {@link FoldIn}
     */
    public boolean supportsFoldIn() {
        return foldIn != null;
    }

    /**
     * A ranked list: items best first with their scores.
     *
     * @param items  dense item indices, best first
     * @param scores their scores in the model's units (predicted stars for rating models, otherwise an
     *               arbitrary scale where only the order means something)
     */
    public record Ranked(int[] items, float[] scores) {
        /**
         * The list's length.
         *
         * @return the number of items (at most the k asked for)
         */
        public int size() {
            return items.length;
        }
    }

    /**
     * Top {@code k} unseen items for one user (allocates its buffers; use {@link #rank} in loops).
     *
     * @param user a dense user index of the model's training data
     * @param k    the list's length, at least 1
     * @return the items, best first; shorter than k when fewer are eligible
     * @throws IllegalArgumentException when {@code k <= 0}
     */
    public Ranked recommend(int user, int k) {
        return recommend(user, k, null, null);
    }

    /**
     * Top {@code k} items for one user of the model, excluding what they rated in {@code seen} and
     * {@code alsoExclude} (may be null), keeping only items {@code filter} accepts (null: all).
     *
     * @param user        a dense user index of the model's training data
     * @param k           the list's length, at least 1
     * @param alsoExclude further dense item indices to leave out, or null
     * @param filter      which items may be recommended ({@link ItemFilters}), or null for all
     * @return the items, best first; shorter than k when fewer are eligible
     * @throws IllegalArgumentException when {@code k <= 0}
     */
    public Ranked recommend(int user, int k, int[] alsoExclude, IntPredicate filter) {
        float[] buf = new float[scorer.numItems()];
        TopK top = new TopK(k);
        int[] items = new int[k];
        float[] scores = new float[k];
        int n = rank(user, buf, alsoExclude, filter, top, items, scores);
        return new Ranked(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    }

    /**
     * Top {@code k} items for a user who is not in the model (or whose ratings changed), from their
     * ratings by fold-in; the rated items and {@code alsoExclude} are excluded.
     *
     * @param items       dense item indices the user rated
     * @param ratings     their ratings, parallel to {@code items}, on the training data's scale
     * @param k           the list's length, at least 1
     * @param alsoExclude further dense item indices to leave out, or null
     * @param filter      which items may be recommended, or null for all
     * @return the items, best first
     * @throws IllegalStateException when the model does not support fold-in
     */
    public Ranked recommendFoldIn(int[] items, float[] ratings, int k, int[] alsoExclude, IntPredicate filter) {
        float[] buf = new float[scorer.numItems()];
        TopK top = new TopK(k);
        int[] out = new int[k];
        float[] scores = new float[k];
        int n = rankFoldIn(items, ratings, buf, alsoExclude, filter, top, out, scores);
        return new Ranked(Arrays.copyOf(out, n), Arrays.copyOf(scores, n));
    }

    /**
     * Top {@code k} unseen items for every user in {@code users}, in parallel; row {@code j} of the
     * result belongs to {@code users[j]} (shorter than k when fewer items are eligible).
     *
     * @param users dense user indices of the model's training data
     * @param k     the lists' length, at least 1
     * @return one list of dense item indices per user, best first
     */
    public int[][] recommendAll(int[] users, int k) {
        int[][] out = new int[users.length][];
        Parallel.forRange(users.length, (chunk, from, to) -> {
            float[] buf = new float[scorer.numItems()];
            TopK top = new TopK(k);
            int[] items = new int[k];
            for (int j = from; j < to; j++) {
                int n = rank(users[j], buf, top, items, null);
                out[j] = Arrays.copyOf(items, n);
            }
        });
        return out;
    }

    /**
     * Scores into {@code buf}, masks seen items, selects; allocates nothing.
     *
     * @param user      a dense user index of the model's training data
     * @param buf       scratch buffer of {@link #numItems()} floats, overwritten
     * @param top       the selector (its k is the list's length); one per thread
     * @param outItems  receives the items, best first; length at least {@code top.k()}
     * @param outScores receives their scores, or null
     * @return the count selected
     */
    public int rank(int user, float[] buf, TopK top, int[] outItems, float[] outScores) {
        return rank(user, buf, null, null, top, outItems, outScores);
    }

    /**
     * Scores one user of the model into {@code buf}, masks what they rated in {@code seen}, then
     * {@link #select}s; allocates nothing.
     *
     * @param user        a dense user index of the model's training data
     * @param buf         scratch buffer of {@link #numItems()} floats, overwritten
     * @param alsoExclude further dense item indices to leave out, or null
     * @param filter      which items may be recommended, or null for all
     * @param top         the selector (its k is the list's length); one per thread
     * @param outItems    receives the items, best first; length at least {@code top.k()}
     * @param outScores   receives their scores, or null
     * @return the count selected
     */
    public int rank(int user, float[] buf, int[] alsoExclude, IntPredicate filter, TopK top, int[] outItems,
                    float[] outScores) {
        scorer.scoreAll(user, buf);
        maskSeen(user, buf);
        return select(buf, alsoExclude, filter, top, outItems, outScores);
    }

    /**
     * {@link #rank} for the users {@code from .. to-1} at once, scored together by
     * {@link ItemScorer#scoreBlock} (one batched product for factor models): user {@code from + r}'s
     * list goes to {@code outItems[r]} (and {@code outScores[r]} when not null), its length to
     * {@code counts[r]}. The lists are those {@code rank} gives, item for item. A scorer that can find
     * them without scoring every item in full ({@link ItemScorer#topBlock}: factor models over many
     * items) does so.
     *
     * @param from      the first user (dense index)
     * @param to        one past the last user
     * @param bufs      at least {@code to - from} score rows of {@link #numItems()} floats (overwritten)
     * @param top       the selection buffer; its {@code k} is the list length
     * @param outItems  per user, receives the items, best first
     * @param outScores per user, receives their scores; null when not wanted
     * @param counts    per user, receives the list's length (less than {@code k} when fewer items are eligible)
     */
    public void rankBlock(int from, int to, float[][] bufs, TopK top, int[][] outItems, float[][] outScores,
                          int[] counts) {
        if (scorer.topBlock(from, to, seen, top.k(), outItems, outScores, counts)) {
            return;
        }
        scorer.scoreBlock(from, to, bufs);
        for (int u = from; u < to; u++) {
            int r = u - from;
            counts[r] = rankScored(u, bufs[r], top, outItems[r], outScores == null ? null : outScores[r]);
        }
    }

    /**
     * {@link #rank} for scores already in {@code buf} (from {@link ItemScorer#scoreAll} or a row of
     * {@link ItemScorer#scoreBlock} for this user): masks what the user rated, then {@link #select}s.
     *
     * @param user      a dense user index of the model's training data
     * @param buf       the user's scores, one per item; overwritten with the masks
     * @param top       the selector (its k is the list's length)
     * @param outItems  receives the items, best first; length at least {@code top.k()}
     * @param outScores receives their scores, or null
     * @return the count selected
     */
    public int rankScored(int user, float[] buf, TopK top, int[] outItems, float[] outScores) {
        maskSeen(user, buf);
        return select(buf, null, null, top, outItems, outScores);
    }

    private void maskSeen(int user, float[] buf) {
        if (seen != null && user < seen.numUsers()) {
            int[] items = seen.itemsArray();
            for (int p = seen.userStart(user), end = seen.userEnd(user); p < end; p++) {
                buf[items[p]] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Scores a new user's ratings by fold-in into {@code buf}, masks the rated items, then
     * {@link #select}s.
     *
     * @param items       dense item indices the user rated
     * @param ratings     their ratings, parallel to {@code items}
     * @param buf         scratch buffer of {@link #numItems()} floats, overwritten
     * @param alsoExclude further dense item indices to leave out, or null
     * @param filter      which items may be recommended, or null for all
     * @param top         the selector (its k is the list's length); one per thread
     * @param outItems    receives the items, best first; length at least {@code top.k()}
     * @param outScores   receives their scores, or null
     * @return the count selected
     * @throws IllegalStateException when the model does not support fold-in
     */
    public int rankFoldIn(int[] items, float[] ratings, float[] buf, int[] alsoExclude, IntPredicate filter,
                          TopK top, int[] outItems, float[] outScores) {
        scoreFoldIn(items, ratings, buf);
        for (int i : items) {
            buf[i] = Float.NEGATIVE_INFINITY;
        }
        return select(buf, alsoExclude, filter, top, outItems, outScores);
    }

    /**
     * Fold-in scores for a new user's ratings (nothing masked).
     *
     * @param items   dense item indices the user rated
     * @param ratings their ratings, parallel to {@code items}
     * @param buf     receives {@link #numItems()} scores
     * @throws IllegalStateException when the model does not support fold-in
     */
    public void scoreFoldIn(int[] items, float[] ratings, float[] buf) {
        if (foldIn == null) {
            throw new IllegalStateException("this model does not support fold-in (lists for new users from ratings)");
        }
        foldIn.scoreFoldIn(items, ratings, buf);
    }

    /**
     * The selection step every list goes through: masks {@code exclude} (may be null) and the items
     * {@code filter} rejects (null: none) in {@code scores}, which it overwrites, then writes the
     * top items, best first, into {@code outItems} (and {@code outScores} when not null). Ties go
     * to the lower index.
     *
     * @param scores    one score per item; overwritten with the masks
     * @param exclude   dense item indices to leave out (out-of-range ones are ignored), or null
     * @param filter    which items may be selected, or null for all
     * @param top       the selector
     * @param outItems  receives the items, best first
     * @param outScores receives their scores, or null
     * @return the count selected (at most {@code top.k()})
     */
    public static int select(float[] scores, int[] exclude, IntPredicate filter, TopK top, int[] outItems,
                             float[] outScores) {
        if (exclude != null) {
            for (int i : exclude) {
                if (i >= 0 && i < scores.length) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        if (filter != null) {
            for (int i = 0; i < scores.length; i++) {
                if (!filter.test(i)) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return top.select(scores, outItems, outScores);
    }
}
