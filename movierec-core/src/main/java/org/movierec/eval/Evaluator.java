package org.movierec.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.model.TimedRatingPredictor;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import org.movierec.split.Fold;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Scores a trained model on a fold's test part.
 *
 * <p><b>Rating metrics</b> ({@link RatingErrors}: {@code rmse, mae, mape, mae_norm, mape_norm}) for
 * models that are {@link RatingPredictor}s, over every test rating; predictions are clipped to the
 * dataset's rating scale unless {@link Config#clip()} is false.
 *
 * <p><b>Ranking metrics at K</b> ({@link RankingMetrics}: {@code precision, recall, ndcg, map, mrr,
 * hit_rate, coverage}) for models that are {@link ItemScorer}s. A user's history is their training
 * ratings plus, when the fold has one, their validation ratings; the candidates are all movies
 * outside the history, ranked through {@link Recommender} (the CLI's path). The relevant movies are
 * the user's test movies rated at least {@link Config#relevance()}. Users with test ratings but no
 * relevant one are skipped and counted ({@code ranking_users_skipped}). On implicit feedback
 * ({@link Dataset#isImplicit()}) every test interaction is relevant and there are no rating metrics.
 *
 * <p><b>Beyond-accuracy metrics at K</b> ({@link BeyondAccuracy}: {@code novelty, diversity, arp}) of
 * the same users' lists, with popularity counted on the training part; {@code coverage} is the
 * catalogue coverage of those lists. {@code diversity} needs genres.
 *
 * <p><b>Per user</b> ({@link Result#perUser()}): every metric above that has a value per user.
 *
 * <p><b>Top-K accuracy</b> ({@link TopKAccuracy}): for every test pair, both over the whole
 * catalogue and over the candidates. Each user is then scored twice, once through a
 * {@link Recommender} without exclusions and once through the one with the history excluded, so that
 * both lists come from the same code path as recommendations; an empty
 * {@link Config#topKAccuracyKs()} skips the second scoring.
 *
 * <p>Work is parallel over users ({@link Parallel}); every per-user result is kept in an array
 * indexed by user and summed in user order, so the metrics are bit-identical whatever the number of
 * threads or their timing. An evaluator is immutable and may be used from several threads.
 */
public final class Evaluator {
    /**
     * @param k              cut-off of the ranking metrics
     * @param relevance      a test rating at least this makes the movie relevant
     * @param clip           clip predictions to the rating scale before the rating metrics
     * @param topKAccuracyKs cut-offs of the top-K accuracy (empty to skip it)
     */
    public record Config(int k, float relevance, boolean clip, int[] topKAccuracyKs) {
        /** K = 10, relevant from 4 stars, clipped predictions, top-K accuracy at 1, 5, 10, 50 and 100. */
        public static final Config DEFAULTS = new Config(10, 4f, true, new int[] {1, 5, 10, 50, 100});

        /**
         * Checks the values; the cut-offs are copied.
         *
         * @param k              cut-off of the ranking metrics, at least 1
         * @param relevance      a test rating at least this makes the movie relevant (stars, not NaN)
         * @param clip           clip predictions to the rating scale before the rating metrics
         * @param topKAccuracyKs cut-offs of the top-K accuracy, each at least 1 (empty to skip it)
         * @throws IllegalArgumentException naming the value out of range
         */
        public Config {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            if (Float.isNaN(relevance)) {
                throw new IllegalArgumentException("relevance threshold must be a number");
            }
            topKAccuracyKs = topKAccuracyKs.clone();
            for (int x : topKAccuracyKs) {
                if (x < 1) {
                    throw new IllegalArgumentException("top-K accuracy cut-offs must be >= 1, got "
                            + Arrays.toString(topKAccuracyKs));
                }
            }
        }

        /**
         * The top-K accuracy cut-offs.
         *
         * @return a copy of the cut-offs
         */
        @Override
        public int[] topKAccuracyKs() {
            return topKAccuracyKs.clone();
        }

        /**
         * This config with another ranking cut-off.
         *
         * @param newK the cut-off, at least 1
         * @return a new config
         */
        public Config withK(int newK) {
            return new Config(newK, relevance, clip, topKAccuracyKs);
        }

        /**
         * This config with another relevance threshold.
         *
         * @param r the lowest relevant test rating, in stars
         * @return a new config
         */
        public Config withRelevance(float r) {
            return new Config(k, r, clip, topKAccuracyKs);
        }

        /**
         * This config with clipping on or off.
         *
         * @param c whether predictions are clipped to the scale before the rating metrics
         * @return a new config
         */
        public Config withClip(boolean c) {
            return new Config(k, relevance, c, topKAccuracyKs);
        }

        /**
         * This config with other top-K accuracy cut-offs.
         *
         * @param ks the cut-offs, each at least 1; none to skip top-K accuracy
         * @return a new config
         */
        public Config withTopKAccuracyKs(int... ks) {
            return new Config(k, relevance, clip, ks);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && c.k == k && Float.compare(c.relevance, relevance) == 0 && c.clip == clip
                    && Arrays.equals(c.topKAccuracyKs, topKAccuracyKs);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * k + Float.hashCode(relevance)) + Boolean.hashCode(clip))
                    + Arrays.hashCode(topKAccuracyKs);
        }

        @Override
        public String toString() {
            return "Config[k=" + k + ", relevance=" + relevance + ", clip=" + clip + ", topKAccuracyKs="
                    + Arrays.toString(topKAccuracyKs) + "]";
        }
    }

    /**
     * Metrics by lower-case name (in a stable order: rating, ranking, top-K accuracy; absent when the
     * model lacks the capability or nothing was measurable) and counts of what was measured.
     *
     * @param metrics metric name to value, such as {@code rmse} or {@code ndcg@10}
     * @param counts  count name to value, such as {@code test_ratings} or {@code ranking_users}
     * @param perUser every per-user metric value of the test users ({@link PerUser#EMPTY} when none)
     */
    public record Result(Map<String, Double> metrics, Map<String, Long> counts, PerUser perUser) {
        /**
         * A result; both maps are copied and become unmodifiable, keeping their order.
         *
         * @param metrics metric name to value, such as {@code rmse} or {@code ndcg@10}
         * @param counts  count name to value, such as {@code test_ratings} or {@code ranking_users}
         * @param perUser the per-user values ({@link PerUser#EMPTY} when null)
         */
        public Result {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            perUser = perUser == null ? PerUser.EMPTY : perUser;
        }

        /**
         * A result without per-user values ({@link PerUser#EMPTY}).
         *
         * @param metrics metric name to value, such as {@code rmse} or {@code ndcg@10}
         * @param counts  count name to value, such as {@code test_ratings} or {@code ranking_users}
         */
        public Result(Map<String, Double> metrics, Map<String, Long> counts) {
            this(metrics, counts, PerUser.EMPTY);
        }

        /**
         * The same result with only the metrics (and per-user columns) whose names {@code keep} accepts.
         *
         * @param keep accepts a metric name such as {@code rmse} or {@code ndcg@10}
         * @return a new result with the accepted metrics in their order, and all the counts
         */
        public Result select(java.util.function.Predicate<String> keep) {
            Map<String, Double> m = new LinkedHashMap<>();
            metrics.forEach((k, v) -> {
                if (keep.test(k)) {
                    m.put(k, v);
                }
            });
            return new Result(m, counts, perUser.select(keep));
        }
    }

    /**
     * Every metric that has a value per user, for each test user: the rating metrics over the user's
     * test ratings ({@code rmse}, {@code mae}, ...: the user's own RMSE, MAE) and the ranking and
     * beyond-accuracy metrics of the user's list ({@code ndcg@10}, {@code novelty@10}, ...). Rows are
     * the users with test ratings in index order; a value is NaN where the user has none (no relevant
     * test movie for ranking metrics, a list of one movie for diversity). Catalogue coverage and top-K
     * accuracy are properties of all users together and have no per-user value. Read-only.
     */
    public static final class PerUser {
        /** No users, no metrics. */
        public static final PerUser EMPTY = new PerUser(new int[0], new LinkedHashMap<>());

        private final int[] users;
        private final List<String> names;
        private final double[][] values;

        /** @param columns per metric name, one value per user of {@code users} (taken, not copied) */
        PerUser(int[] users, LinkedHashMap<String, double[]> columns) {
            this.users = users;
            this.names = List.copyOf(columns.keySet());
            this.values = new double[names.size()][];
            int m = 0;
            for (double[] c : columns.values()) {
                if (c.length != users.length) {
                    throw new IllegalArgumentException("a per-user column has " + c.length + " values for "
                            + users.length + " users");
                }
                values[m++] = c;
            }
        }

        /**
         * Number of users (rows).
         *
         * @return the number of test users, 0 for {@link #EMPTY}
         */
        public int size() {
            return users.length;
        }

        /**
         * The dense user index of a row.
         *
         * @param row a row in {@code 0..size()-1}
         * @return the user's dense index in the dataset (rows are in increasing user order)
         * @throws ArrayIndexOutOfBoundsException when {@code row} is out of range
         */
        public int user(int row) {
            return users[row];
        }

        /**
         * The metric names (columns), in the order of {@link Result#metrics()}.
         *
         * @return an unmodifiable list of names such as {@code rmse} or {@code ndcg@10}
         */
        public List<String> names() {
            return names;
        }

        /**
         * The value of one metric for one row.
         *
         * @param name a metric name, such as {@code ndcg@10}
         * @param row  a row in {@code 0..size()-1}
         * @return the user's value, or NaN when the metric is not a column or the user has no value for it
         * @throws ArrayIndexOutOfBoundsException when {@code name} is a column and {@code row} is out of range
         */
        public double value(String name, int row) {
            int m = names.indexOf(name);
            return m < 0 ? Double.NaN : values[m][row];
        }

        /**
         * The row of a user.
         *
         * @param user a dense user index
         * @return the user's row in {@code 0..size()-1}, or -1 when the user has no test ratings
         */
        public int rowOf(int user) {
            int row = Arrays.binarySearch(users, user);
            return row >= 0 ? row : -1;
        }

        /**
         * The same users with only the metrics whose names {@code keep} accepts.
         *
         * @param keep accepts a metric name such as {@code rmse} or {@code ndcg@10}
         * @return a new per-user table sharing this one's value columns (they are never changed)
         */
        public PerUser select(java.util.function.Predicate<String> keep) {
            LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
            for (int m = 0; m < names.size(); m++) {
                if (keep.test(names.get(m))) {
                    cols.put(names.get(m), values[m]);
                }
            }
            return new PerUser(users, cols);
        }

        /**
         * Same users, metric names and values (bit for bit, NaN equal to NaN).
         *
         * @param o any object
         * @return true when {@code o} is a {@code PerUser} with the same users, names and values
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof PerUser p && Arrays.equals(p.users, users) && p.names.equals(names)
                    && Arrays.deepEquals(p.values, values);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(users) + names.hashCode()) + Arrays.deepHashCode(values);
        }

        @Override
        public String toString() {
            return "PerUser[" + users.length + " users x " + names + "]";
        }
    }

    private final Config config;

    /**
     * An evaluator with the given settings.
     *
     * @param config cut-offs, relevance threshold and clipping
     */
    public Evaluator(Config config) {
        this.config = config;
    }

    /** An evaluator with {@link Config#DEFAULTS}. */
    public Evaluator() {
        this(Config.DEFAULTS);
    }

    /**
     * The settings.
     *
     * @return the config
     */
    public Config config() {
        return config;
    }

    /**
     * Scores a model on a fold's test part (see the class comment for the metrics).
     *
     * @param model    a model trained on {@code fold.train()}
     * @param fold     the fold; its validation ratings, if any, count as history
     * @param progress receives one step per test user ({@link ProgressListener#NONE} for none)
     * @return the metrics by name ({@code rmse}, {@code mae}, {@code ndcg@10}, ...) and what was counted
     */
    public Result evaluate(Model model, Fold fold, ProgressListener progress) {
        return evaluate(model, fold.train(), fold.validation(), fold.test(), progress);
    }

    /**
     * Scores a model on a test part (see the class comment for the metrics).
     *
     * @param model      a model trained on {@code train}
     * @param train      the training part (the users' history)
     * @param validation may be null; when given, its ratings count as history (excluded from candidates)
     * @param test       the ratings scored; same id space as {@code train}
     * @param progress   receives one step per test user ({@link ProgressListener#NONE} for none)
     * @return the metrics by name and what was counted; a metric the model cannot produce is absent
     */
    public Result evaluate(Model model, Dataset train, Dataset validation, Dataset test, ProgressListener progress) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Interactions t = test.interactions();
        counts.put("test_ratings", (long) t.size());
        int[] testUsers = usersWithRatings(t);
        LinkedHashMap<String, double[]> perUser = new LinkedHashMap<>();
        if (model instanceof RatingPredictor rp && !test.isImplicit()) { // implicit feedback has no rating to predict
            RatingErrors[] byUser = ratingErrorsByUser(rp, t, test.ratingScale(), config.clip());
            RatingErrors.Result r = sum(byUser, test.ratingScale()).result();
            counts.put("rating_predictions", r.n());
            if (r.n() > 0) {
                metrics.put("rmse", r.rmse());
                metrics.put("mae", r.mae());
                if (!Double.isNaN(r.mape())) {
                    metrics.put("mape", r.mape());
                }
                metrics.put("mae_norm", r.maeNorm());
                metrics.put("mape_norm", r.mapeNorm());
                for (String name : metrics.keySet()) {
                    double[] c = new double[testUsers.length];
                    for (int row = 0; row < c.length; row++) {
                        RatingErrors.Result e = byUser[testUsers[row]].result();
                        c[row] = switch (name) {
                            case "rmse" -> e.rmse();
                            case "mae" -> e.mae();
                            case "mape" -> e.mape();
                            case "mae_norm" -> e.maeNorm();
                            default -> e.mapeNorm();
                        };
                    }
                    perUser.put(name, c);
                }
            }
        }
        if (model instanceof ItemScorer scorer) {
            ranking(scorer, history(train, validation), t, test.isImplicit(), BeyondAccuracy.of(train), testUsers,
                    metrics, counts, perUser, progress);
        }
        return new Result(metrics, counts, new PerUser(testUsers, perUser));
    }

    /**
     * RMSE, MAE, MAPE of (optionally clipped) predictions over every rating of {@code test}, in parallel
     * and summed in user order (deterministic).
     *
     * @param rp    the model
     * @param test  the ratings to predict
     * @param scale the scale to clip to and to normalise by
     * @param clip  whether to clip predictions to the scale first
     * @return the errors
     */
    public static RatingErrors.Result ratingErrors(RatingPredictor rp, Interactions test, RatingScale scale,
                                                   boolean clip) {
        return sum(ratingErrorsByUser(rp, test, scale, clip), scale).result();
    }

    /** Each user's errors (null for users without test ratings), computed in parallel over users. */
    private static RatingErrors[] ratingErrorsByUser(RatingPredictor rp, Interactions test, RatingScale scale,
                                                     boolean clip) {
        int nu = test.numUsers();
        RatingErrors[] perUser = new RatingErrors[nu];
        TimedRatingPredictor timed = rp instanceof TimedRatingPredictor t ? t : null;
        Parallel.forRange(nu, (chunk, from, to) -> {
            for (int u = from; u < to; u++) {
                int start = test.userStart(u);
                int end = test.userEnd(u);
                if (start == end) {
                    continue;
                }
                RatingErrors e = new RatingErrors(scale);
                for (int p = start; p < end; p++) {
                    // A time-aware model sees when the test rating was given.
                    float pred = timed != null ? timed.predict(u, test.item(p), test.timestamp(p))
                            : rp.predict(u, test.item(p));
                    e.add(clip ? scale.clip(pred) : pred, test.rating(p));
                }
                perUser[u] = e;
            }
        });
        return perUser;
    }

    /** The users' errors merged in user order (so the sums do not depend on threads). */
    private static RatingErrors sum(RatingErrors[] perUser, RatingScale scale) {
        RatingErrors all = new RatingErrors(scale);
        for (RatingErrors e : perUser) {
            if (e != null) {
                all.merge(e);
            }
        }
        return all;
    }

    /** Training ratings plus validation ratings (when there are any): what a user is known to have rated. */
    static Interactions history(Dataset train, Dataset validation) {
        Interactions tr = train.interactions();
        if (validation == null || validation.interactions().size() == 0) {
            return tr;
        }
        Interactions va = validation.interactions();
        Interactions.Builder b = new Interactions.Builder(tr.numUsers(), tr.numItems(), tr.size() + va.size());
        for (Interactions in : new Interactions[] {tr, va}) {
            for (int p = 0; p < in.size(); p++) {
                b.add(in.user(p), in.item(p), in.rating(p), in.timestamp(p));
            }
        }
        return b.build(true);
    }

    /** Test users scored together per {@link ItemScorer#scoreBlock} call in {@link #ranking}. */
    private static final int SCORE_BLOCK = 32;

    private void ranking(ItemScorer scorer, Interactions history, Interactions test, boolean implicit,
                         BeyondAccuracy beyond,
                         int[] testUsers, Map<String, Double> metrics, Map<String, Long> counts,
                         LinkedHashMap<String, double[]> perUser, ProgressListener progress) {
        int nu = test.numUsers();
        int ni = scorer.numItems();
        if (ni != test.numItems()) {
            throw new IllegalArgumentException("the model scores " + ni + " movies but the test data has "
                    + test.numItems() + "; was it trained on another dataset?");
        }
        int k = config.k();
        int[] accKs = config.topKAccuracyKs();
        boolean withAccuracy = accKs.length > 0;
        int listLen = k;
        if (withAccuracy) {
            listLen = Math.max(k, new TopKAccuracy(accKs).maxK());
        }
        final int len = listLen;
        final int nr = RankingMetrics.NAMES.length;
        Recommender unseen = new Recommender(scorer, history);
        int chunks = Parallel.chunks(testUsers.length);
        double[][] values = new double[nu][];
        int[][] lists = new int[nu][];
        boolean[] skipped = new boolean[nu];
        TopKAccuracy[] accByChunk = new TopKAccuracy[chunks];
        // Implicit feedback: every held-out interaction is relevant (its value is a count, not a grade).
        float relevance = implicit ? Float.NEGATIVE_INFINITY : config.relevance();
        progress.start("evaluate", testUsers.length);
        Parallel.forRange(testUsers.length, (chunk, from, to) -> {
            float[][] bufs = new float[Math.min(SCORE_BLOCK, to - from)][ni];
            TopK top = new TopK(len);
            int[] items = new int[len];
            int[] itemsAll = new int[len];
            boolean[] relevant = new boolean[ni];
            int[] posUnseen = new int[ni];
            int[] posAll = new int[ni];
            Arrays.fill(posUnseen, -1);
            Arrays.fill(posAll, -1);
            TopKAccuracy acc = withAccuracy ? new TopKAccuracy(accKs) : null;
            int[][] blockItems = new int[bufs.length][len];
            int[] blockCounts = new int[bufs.length];
            int[][] blockItemsAll = acc == null ? null : new int[bufs.length][len];
            int[] blockCountsAll = acc == null ? null : new int[bufs.length];
            boolean listed = false;
            for (int j = from, blockStart = from, blockEnd = from; j < to; j++) {
                if (j == blockEnd) {
                    // Users with consecutive indices are scored together (one batched product for
                    // factor models); each row is bit for bit what scoring the user alone gives. Only the
                    // lists are needed (of unseen movies, and over every movie for top-k accuracy), so a
                    // scorer that can find them without scoring every movie in full (ItemScorer.topBlock)
                    // gives them instead.
                    blockStart = j;
                    blockEnd = j + 1;
                    while (blockEnd < to && blockEnd - j < bufs.length
                            && testUsers[blockEnd] == testUsers[blockEnd - 1] + 1) {
                        blockEnd++;
                    }
                    int u0 = testUsers[j];
                    int u1 = testUsers[blockEnd - 1] + 1;
                    listed = scorer.topBlock(u0, u1, history, len, blockItems, null, blockCounts)
                            && (acc == null || scorer.topBlock(u0, u1, null, len, blockItemsAll, null, blockCountsAll));
                    if (!listed) {
                        scorer.scoreBlock(u0, u1, bufs);
                    }
                }
                int u = testUsers[j];
                int start = test.userStart(u);
                int end = test.userEnd(u);
                int nAll = 0;
                int n;
                if (listed) {
                    n = blockCounts[j - blockStart];
                    System.arraycopy(blockItems[j - blockStart], 0, items, 0, n);
                    if (acc != null) {
                        nAll = blockCountsAll[j - blockStart];
                        System.arraycopy(blockItemsAll[j - blockStart], 0, itemsAll, 0, nAll);
                    }
                } else {
                    float[] buf = bufs[j - blockStart];
                    // The list over every movie (top-k accuracy) comes from the same scores, before the
                    // user's rated movies are masked for the list of unseen ones.
                    nAll = acc == null ? 0 : top.select(buf, itemsAll, null);
                    n = unseen.rankScored(u, buf, top, items, null);
                }
                int numRelevant = 0;
                for (int p = start; p < end; p++) {
                    if (test.rating(p) >= relevance) {
                        relevant[test.item(p)] = true;
                        numRelevant++;
                    }
                }
                if (numRelevant == 0) {
                    skipped[u] = true;
                } else {
                    int m = Math.min(n, k);
                    double[] v = new double[nr + BeyondAccuracy.NAMES.length];
                    RankingMetrics.userValues(items, m, relevant, numRelevant, k, v);
                    beyond.userValues(items, m, v, nr);
                    values[u] = v;
                    lists[u] = Arrays.copyOf(items, m);
                }
                for (int p = start; p < end; p++) {
                    relevant[test.item(p)] = false;
                }
                if (acc != null) {
                    for (int q = 0; q < n; q++) {
                        posUnseen[items[q]] = q;
                    }
                    for (int q = 0; q < nAll; q++) {
                        posAll[itemsAll[q]] = q;
                    }
                    for (int p = start; p < end; p++) {
                        acc.addPair(posAll[test.item(p)], posUnseen[test.item(p)]);
                    }
                    for (int q = 0; q < n; q++) {
                        posUnseen[items[q]] = -1;
                    }
                    for (int q = 0; q < nAll; q++) {
                        posAll[itemsAll[q]] = -1;
                    }
                }
            }
            accByChunk[chunk] = acc;
            synchronized (progress) {
                progress.advance(to - from);
            }
        });
        progress.done();

        RankingMetrics.Accumulator ra = new RankingMetrics.Accumulator(k, ni);
        int nb = BeyondAccuracy.NAMES.length;
        double[] beyondSums = new double[nb];
        long[] beyondUsers = new long[nb];
        for (int u = 0; u < nu; u++) {
            if (values[u] != null) {
                ra.add(values[u], lists[u], lists[u].length);
                for (int b = 0; b < nb; b++) {
                    double x = values[u][nr + b];
                    if (!Double.isNaN(x)) {
                        beyondSums[b] += x;
                        beyondUsers[b]++;
                    }
                }
            } else if (skipped[u]) {
                ra.skip();
            }
        }
        RankingMetrics.Result r = ra.result();
        counts.put("ranking_users", r.users());
        counts.put("ranking_users_skipped", r.skipped());
        if (r.users() > 0) {
            metrics.put("precision@" + k, r.precision());
            metrics.put("recall@" + k, r.recall());
            metrics.put("ndcg@" + k, r.ndcg());
            metrics.put("map@" + k, r.map());
            metrics.put("mrr@" + k, r.mrr());
            metrics.put("hit_rate@" + k, r.hitRate());
            metrics.put("coverage@" + k, r.coverage());
            for (int b = 0; b < nb; b++) {
                if (beyondUsers[b] > 0) {
                    metrics.put(BeyondAccuracy.NAMES[b] + "@" + k, beyondSums[b] / beyondUsers[b]);
                }
            }
            // Per user: the six ranking metrics, then the beyond-accuracy ones that have a mean.
            for (int m = 0; m < nr + nb; m++) {
                if (m >= nr && beyondUsers[m - nr] == 0) {
                    continue;
                }
                String name = (m < nr ? RankingMetrics.NAMES[m] : BeyondAccuracy.NAMES[m - nr]) + "@" + k;
                double[] c = new double[testUsers.length];
                for (int row = 0; row < c.length; row++) {
                    double[] v = values[testUsers[row]];
                    c[row] = v == null ? Double.NaN : v[m];
                }
                perUser.put(name, c);
            }
        }
        if (withAccuracy) {
            TopKAccuracy acc = new TopKAccuracy(accKs);
            for (TopKAccuracy a : accByChunk) {
                if (a != null) {
                    acc.merge(a);
                }
            }
            counts.put("topk_pairs", acc.pairs());
            if (acc.pairs() > 0) {
                for (int j = 0; j < accKs.length; j++) {
                    metrics.put("topk_accuracy@" + accKs[j], acc.accuracy(j));
                }
                for (int j = 0; j < accKs.length; j++) {
                    metrics.put("topk_accuracy_unseen@" + accKs[j], acc.accuracyUnseen(j));
                }
            }
        }
    }

    private static int[] usersWithRatings(Interactions in) {
        int n = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) > 0) {
                n++;
            }
        }
        int[] out = new int[n];
        n = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) > 0) {
                out[n++] = u;
            }
        }
        return out;
    }
}
