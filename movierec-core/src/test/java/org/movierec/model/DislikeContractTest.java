package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.io.DatasetReader;
import org.movierec.model.AlgorithmProvider.Capability;
import org.movierec.rec.Recommender;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * The dislike contract, over every registered algorithm with its default configuration, trained on
 * all of the real ML-100k: a dislike (a rating below the middle of the scale, 1 or 2 stars; see
 * {@link org.movierec.data.RatingScale#dislikeBelow}) never raises the movies that go with it.
 * The franchise is Star Wars (ML-100k ids 50), The Empire Strikes Back (172) and Return of the
 * Jedi (181); issue 11 found EASE recommending Return of the Jedi first to {@code --rate 50=1,172=2}.
 *
 * <p>Fold-in (the server's new users, {@code recommend --rate}): rating two of the films low keeps the
 * third out of the top 10, alone and beside five liked costume dramas, where it must also rank no
 * better than with the likes alone; rating all three 1 star keeps Raiders of the Lost Ark (174) and
 * Men in Black (257) out of the top 10. A control shows each model does tie the films together:
 * rating the two 5 stars puts the third in its top 100.
 *
 * <p>Users of the model ({@code recommend --user}): ML-100k users 316 and 608 rated Star Wars and
 * Empire 1 star and never rated Return of the Jedi; it must not be in their top 10. Over all ten users
 * who disliked two of the films and never rated the third, the third stays out of every top 10 but
 * for the counted limits of four models ({@link #KNOWN_MISSES}).
 */
class DislikeContractTest {
    static final int STAR_WARS = 50;
    static final int EMPIRE = 172;
    static final int JEDI = 181;
    static final int RAIDERS = 174;
    static final int MEN_IN_BLACK = 257;
    /** Sense and Sensibility, Emma, The Remains of the Day, Much Ado About Nothing, Persuasion. */
    static final int[] LIKED = {275, 283, 86, 83, 694};
    static final float[] LIKED_RATINGS = {5, 5, 5, 4, 5};
    /** The ML-100k users who rated Star Wars and Empire 1 star and Return of the Jedi not at all. */
    static final int[] DISLIKERS = {316, 608};

    static Dataset data;
    static final Map<String, Model> MODELS = new ConcurrentHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        Path dir = Fixtures.requireMl100k();
        data = DatasetReader.read(dir);
    }

    static Stream<String> algorithms() {
        return AlgorithmRegistry.names().stream();
    }

    static Model model(String name) {
        return MODELS.computeIfAbsent(name, n -> Training.fit(AlgorithmRegistry.create(n), data, null, "all",
                ProgressListener.NONE));
    }

    static int movie(int id) {
        return data.movies().ids().indexOf(id);
    }

    static int[] movies(int... ids) {
        int[] out = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            out[k] = movie(ids[k]);
        }
        return out;
    }

    /** 1-based rank of {@code target} among the unrated movies, ties to the lower index (as {@code TopK}). */
    static int rank(float[] scores, int target) {
        int r = 1;
        for (int i = 0; i < scores.length; i++) {
            if (i != target && (scores[i] > scores[target] || (scores[i] == scores[target] && i < target))) {
                r++;
            }
        }
        return r;
    }

    /** Rank of {@code targetId} in a fold-in of {@code ids}, among the movies neither rated nor in {@code alsoExclude}. */
    static int foldInRank(Recommender rec, int[] ids, float[] ratings, int targetId, int... alsoExclude) {
        int[] items = movies(ids);
        float[] buf = new float[rec.numItems()];
        rec.scoreFoldIn(items, ratings, buf);
        for (int i : concat(items, movies(alsoExclude))) {
            buf[i] = Float.NEGATIVE_INFINITY;
        }
        return rank(buf, movie(targetId));
    }

    static int[] concat(int[] a, int... b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static float[] concat(float[] a, float... b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void foldInDislikesNeverRaiseTheFranchise(String name) {
        Assumptions.assumeTrue(AlgorithmRegistry.get(name).capabilities().contains(Capability.FOLD_IN),
                name + " cannot fold in a new user");
        Recommender rec = Recommender.of(model(name), data.numItems(), data.interactions());
        assertThat(rec.supportsFoldIn()).as("%s declares FOLD_IN", name).isTrue();

        int control = foldInRank(rec, new int[] {STAR_WARS, EMPIRE}, new float[] {5, 5}, JEDI);
        assertThat(control).as("%s control: Jedi's rank after liking Star Wars and Empire", name).isLessThanOrEqualTo(100);

        int alone = foldInRank(rec, new int[] {STAR_WARS, EMPIRE}, new float[] {1, 2}, JEDI);
        assertThat(alone).as("%s: Jedi's rank after --rate 50=1,172=2", name).isGreaterThan(10);

        // Both lists rank the same candidates: the likes-only list also leaves out Star Wars and Empire.
        int likedOnly = foldInRank(rec, LIKED, LIKED_RATINGS, JEDI, STAR_WARS, EMPIRE);
        int withDislikes = foldInRank(rec, concat(LIKED, STAR_WARS, EMPIRE), concat(LIKED_RATINGS, 1, 1), JEDI);
        assertThat(withDislikes).as("%s: Jedi's rank with five likes and two dislikes (likes alone: %d)", name,
                likedOnly).isGreaterThan(10).isGreaterThanOrEqualTo(likedOnly);

        int[] all = {STAR_WARS, EMPIRE, JEDI};
        float[] ones = {1, 1, 1};
        assertThat(foldInRank(rec, all, ones, RAIDERS)).as("%s: Raiders after the franchise rated 1", name)
                .isGreaterThan(10);
        assertThat(foldInRank(rec, all, ones, MEN_IN_BLACK)).as("%s: Men in Black after the franchise rated 1", name)
                .isGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void aUserWhoDislikedTheFranchiseIsNotRecommendedIt(String name) {
        Model m = model(name);
        Recommender rec = Recommender.of(m, data.numItems(), data.interactions());
        IdIndex users = data.users().ids();
        float[] a = new float[data.numItems()];
        float[] b = new float[data.numItems()];
        rec.scorer().scoreAll(users.indexOf(DISLIKERS[0]), a);
        rec.scorer().scoreAll(users.indexOf(DISLIKERS[1]), b);
        Assumptions.assumeFalse(constantDifference(a, b),
                name + " ranks every user alike (users 316 and 608 get scores that differ by a constant)");
        // Known limit, measured: BPR trains on positives only and samples dislikes as negatives like any
        // unrated movie; also ranking them below the unrated ones (graded BPR) lowered u1 NDCG@10 from
        // 0.4167 to 0.27-0.39, so it is not done, and users 316 and 608 get Jedi at ranks 8 and 9.
        // Its fold-in does grade them (the test above).
        Assumptions.assumeFalse(name.equals("bpr"), "bpr: dislikes in training are plain negatives (known limit, "
                + "see Bpr's class comment); Jedi ranks 8 and 9 for users 316 and 608");
        int jedi = movie(JEDI);
        for (int id : DISLIKERS) {
            int u = users.indexOf(id);
            float[] buf = new float[data.numItems()];
            rec.scorer().scoreAll(u, buf);
            var in = data.interactions();
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                buf[in.item(p)] = Float.NEGATIVE_INFINITY;
            }
            assertThat(buf[jedi]).as("user %d has not rated Jedi", id).isNotEqualTo(Float.NEGATIVE_INFINITY);
            assertThat(rank(buf, jedi)).as("%s: Jedi's rank for user %d, who rated Star Wars and Empire 1", name, id)
                    .isGreaterThan(10);
        }
    }

    /**
     * The limits measured on 2026-12-02 (docs/ARCHITECTURE.md, Dislikes): how many of the users who
     * disliked two of the films and never rated the third get the third in their top 10. Any other
     * personalized model gives it to none of them; a model may do better than its count, never worse.
     */
    static final Map<String, Integer> KNOWN_MISSES = Map.of("bpr", 7, "ease", 2, "ials", 2, "user-knn", 1);

    /**
     * Every ML-100k user who rated two of the three films below the dislike threshold and never rated
     * the third: the third stays out of their top 10 (within the counted limits above).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void everyUserWhoDislikedTwoFilmsIsNotRecommendedTheThird(String name) {
        int[] films = movies(STAR_WARS, EMPIRE, JEDI);
        var in = data.interactions();
        float below = data.dislikeBelow();
        java.util.List<int[]> cases = new java.util.ArrayList<>(); // {user index, the unrated film's index}
        for (int u = 0; u < data.numUsers(); u++) {
            int disliked = 0;
            int unrated = -1;
            for (int f : films) {
                float r = Float.NaN;
                for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                    if (in.item(p) == f) {
                        r = in.rating(p);
                    }
                }
                if (r != r) {
                    unrated = f;
                } else if (r < below) {
                    disliked++;
                }
            }
            if (disliked == 2 && unrated >= 0) {
                cases.add(new int[] {u, unrated});
            }
        }
        assertThat(cases).as("ML-100k's users who disliked two of the films and never rated the third").hasSize(10);
        Model m = model(name);
        Recommender rec = Recommender.of(m, data.numItems(), data.interactions());
        float[] a = new float[data.numItems()];
        float[] b = new float[data.numItems()];
        rec.scorer().scoreAll(cases.get(0)[0], a);
        rec.scorer().scoreAll(cases.get(1)[0], b);
        Assumptions.assumeFalse(constantDifference(a, b), name + " ranks every user alike");
        StringBuilder ranks = new StringBuilder();
        int misses = 0;
        for (int[] c : cases) {
            float[] buf = new float[data.numItems()];
            rec.scorer().scoreAll(c[0], buf);
            for (int p = in.userStart(c[0]); p < in.userEnd(c[0]); p++) {
                buf[in.item(p)] = Float.NEGATIVE_INFINITY;
            }
            int rank = rank(buf, c[1]);
            ranks.append(data.users().ids().externalId(c[0])).append(':').append(rank).append(' ');
            if (rank <= 10) {
                misses++;
            }
        }
        assertThat(misses).as("%s: users given the third film in their top 10 (user:rank %s)", name, ranks)
                .isLessThanOrEqualTo(KNOWN_MISSES.getOrDefault(name, 0));
    }

    static boolean constantDifference(float[] a, float[] b) {
        double d = (double) a[0] - b[0];
        for (int i = 1; i < a.length; i++) {
            if (Math.abs(((double) a[i] - b[i]) - d) > 1e-4) {
                return false;
            }
        }
        return true;
    }
}
