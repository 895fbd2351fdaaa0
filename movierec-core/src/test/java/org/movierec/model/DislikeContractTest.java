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
 * Empire 1 star and never rated Return of the Jedi; it must not be in their top 10.
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
