package org.movierec.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.eval.Evaluator;
import org.movierec.eval.RatingErrors;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.RatingPredictor;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * The issue's accuracy targets on the real ML-100k, each model with its default (report) config,
 * tuned on validation carved from train only. These fail if a model regresses. Skipped when ML-100k
 * is absent, except under CI ({@code CI=true}), where missing data fails.
 */
class RealMl100kTest {
    private static Dataset data;
    private static Path dir;

    @BeforeAll
    static void load() throws Exception {
        dir = Fixtures.ml100k();
        if (dir == null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + Fixtures.NO_ML100K);
        }
        Assumptions.assumeTrue(dir != null, Fixtures.NO_ML100K);
        data = DatasetReader.read(dir);
    }

    static RatingErrors.Result fitAndTest(String algo, Fold fold) {
        return fitAndTest(algo, Map.of(), fold);
    }

    static RatingErrors.Result fitAndTest(String algo, Map<String, String> params, Fold fold) {
        Model m = AlgorithmRegistry.create(algo, params).fit(fold.train(), fold.validation(), ProgressListener.NONE);
        return Evaluator.ratingErrors((RatingPredictor) m, fold.test().interactions(), data.ratingScale(), true);
    }

    static Fold fold(String spec) throws Exception {
        return Splits.parse(spec, dir, 42).folds(data).get(0);
    }

    private static Model ncfU1;
    private static Fold u1;

    /** ncf with its default (report 001) config on u1.base, trained once for the tests that use it. */
    static synchronized Model ncfU1() throws Exception {
        if (ncfU1 == null) {
            u1 = fold("u1");
            ncfU1 = AlgorithmRegistry.create("ncf", Map.of()).fit(u1.train(), u1.validation(), ProgressListener.NONE);
        }
        return ncfU1;
    }

    @Test
    void ncfOnU1MeetsReport001Target() throws Exception {
        Model m = ncfU1();
        RatingErrors.Result r = Evaluator.ratingErrors((RatingPredictor) m, u1.test().interactions(),
                data.ratingScale(), true);
        System.out.printf("ncf u1: RMSE %.4f MAE %.4f%n", r.rmse(), r.mae());
        assertThat(r.rmse()).isLessThanOrEqualTo(0.93);
        assertThat(r.mae()).isLessThanOrEqualTo(0.74);
    }

    /**
     * ncf cannot place a new user itself; the server and {@code recommend --rate} fold one in through
     * the model's lists of similar training users ({@link org.movierec.rec.NeighbourFoldIn}). Rating
     * Star Wars (50) and The Empire Strikes Back (172) low keeps Return of the Jedi (181), Raiders
     * (174) and Men in Black (257) out of the top 10, and pushes Jedi below where liking the two puts
     * it (printed 2026-11-30: Jedi 111th after two likes, 375th after two dislikes).
     */
    @Test
    void ncfFoldsInNewUsersThroughNeighboursAndDislikesPushTheFranchiseDown() throws Exception {
        Model m = ncfU1();
        Dataset train = u1.train();
        org.movierec.rec.Recommender rec = org.movierec.rec.Recommender.of(m, train.numItems(), train.interactions());
        assertThat(rec.supportsFoldIn()).isFalse();
        rec = rec.withFallbackFoldIn(org.movierec.rec.NeighbourFoldIn.unlessModelFoldsIn(rec, train.interactions()));
        assertThat(rec.foldInStrategy()).isEqualTo("neighbours");
        int liked = rankAfter(rec, train, new int[] {50, 172}, new float[] {5, 5}, 181);
        int disliked = rankAfter(rec, train, new int[] {50, 172}, new float[] {1, 2}, 181);
        System.out.printf("ncf neighbour fold-in: Jedi %d after liking Star Wars and Empire, %d after disliking%n",
                liked, disliked);
        assertThat(disliked).isGreaterThan(10).isGreaterThan(liked);
        for (int other : new int[] {174, 257}) {
            assertThat(rankAfter(rec, train, new int[] {50, 172, 181}, new float[] {1, 1, 1}, other))
                    .as("rank of movie %d after the franchise rated 1", other).isGreaterThan(10);
        }
    }

    /**
     * The dislike contract (issue 11, core's {@code DislikeContractTest}) for the other report models,
     * trained with their default configs on u1.base: through the neighbour fold-in, rating Star Wars
     * and Empire low keeps Return of the Jedi out of the top 10, alone and beside five liked costume
     * dramas (where, except for content-tower, it also ranks no better than with the likes alone, and
     * lower than after liking the two), and the franchise rated 1 keeps
     * Raiders and Men in Black out; user 608, who rated Star Wars and
     * Empire 1 star in u1.base and never rated Jedi, is not recommended it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dcn", "wide-deep", "content-tower"})
    void dislikesKeepTheFranchiseOutOfTheTopTen(String algo) throws Exception {
        Fold f = fold("u1");
        Dataset train = f.train();
        Model m = AlgorithmRegistry.create(algo, Map.of()).fit(train, f.validation(), ProgressListener.NONE);
        org.movierec.rec.Recommender rec = org.movierec.rec.Recommender.of(m, train.numItems(), train.interactions());
        rec = rec.withFallbackFoldIn(org.movierec.rec.NeighbourFoldIn.unlessModelFoldsIn(rec, train.interactions()));
        int liked = rankAfter(rec, train, new int[] {50, 172}, new float[] {5, 5}, 181);
        int disliked = rankAfter(rec, train, new int[] {50, 172}, new float[] {1, 2}, 181);
        System.out.printf("%s fold-in (%s): Jedi %d after liking Star Wars and Empire, %d after disliking%n", algo,
                rec.foldInStrategy(), liked, disliked);
        assertThat(disliked).as("%s: Jedi's rank after disliking", algo).isGreaterThan(10);
        // As core's contract: beside five liked costume dramas, two dislikes rank Jedi no better than the
        // likes alone (both lists leave out Star Wars and Empire, so they rank the same candidates).
        int[] likes = {275, 283, 86, 83, 694};
        float[] likeRatings = {5, 5, 5, 4, 5};
        int likesOnly = rankAfter(rec, train, likes, likeRatings, 181, 50, 172);
        int withDislikes = rankAfter(rec, train, new int[] {275, 283, 86, 83, 694, 50, 172},
                new float[] {5, 5, 5, 4, 5, 1, 1}, 181);
        System.out.printf("%s: Jedi %d with five likes, %d with five likes and two dislikes%n", algo, likesOnly,
                withDislikes);
        assertThat(withDislikes).as("%s: Jedi with likes and dislikes (likes alone: %d)", algo, likesOnly)
                .isGreaterThan(10);
        // Known limit, measured 2026-12-01: content-tower's scores hardly tie the franchise (liking Star
        // Wars and Empire puts Jedi only 116th), and the two dislikes change which training users are
        // the new user's neighbours, whose rows rank Jedi 103rd instead of 158th (87th alone instead of
        // 116th after two likes): out of the top 10, but higher. dcn and wide-deep rank it lower.
        if (!algo.equals("content-tower")) {
            assertThat(withDislikes).as("%s: Jedi with likes and dislikes vs likes alone", algo)
                    .isGreaterThanOrEqualTo(likesOnly);
            assertThat(disliked).as("%s: Jedi after disliking vs after liking", algo).isGreaterThan(liked);
        }
        for (int other : new int[] {174, 257}) {
            assertThat(rankAfter(rec, train, new int[] {50, 172, 181}, new float[] {1, 1, 1}, other))
                    .as("%s: rank of movie %d after the franchise rated 1", algo, other).isGreaterThan(10);
        }

        int u = train.users().ids().indexOf(608);
        var in = train.interactions();
        java.util.Map<Integer, Float> rated = new java.util.HashMap<>();
        for (int p = in.userStart(u); p < in.userEnd(u); p++) {
            rated.put(train.movies().ids().externalId(in.item(p)), in.rating(p));
        }
        assertThat(rated).as("user 608 in u1.base").containsEntry(50, 1f).containsEntry(172, 1f).doesNotContainKey(181);
        float[] s = new float[train.numItems()];
        rec.scorer().scoreAll(u, s);
        for (int p = in.userStart(u); p < in.userEnd(u); p++) {
            s[in.item(p)] = Float.NEGATIVE_INFINITY;
        }
        int jedi = train.movies().ids().indexOf(181);
        int rank = 1;
        for (int i = 0; i < s.length; i++) {
            if (i != jedi && (s[i] > s[jedi] || (s[i] == s[jedi] && i < jedi))) {
                rank++;
            }
        }
        System.out.printf("%s: Jedi's rank for user 608: %d%n", algo, rank);
        assertThat(rank).as("%s: Jedi's rank for user 608", algo).isGreaterThan(10);
    }

    /**
     * 1-based rank of movie id {@code target} among the unrated movies after rating {@code ids}, the
     * movie ids {@code alsoLeftOut} left out of the candidates too.
     */
    static int rankAfter(org.movierec.rec.Recommender rec, Dataset train, int[] ids, float[] ratings, int target,
                         int... alsoLeftOut) {
        int[] items = new int[ids.length];
        for (int k = 0; k < ids.length; k++) {
            items[k] = train.movies().ids().indexOf(ids[k]);
        }
        float[] s = new float[train.numItems()];
        rec.scoreFoldIn(items, ratings, s);
        for (int i : items) {
            s[i] = Float.NEGATIVE_INFINITY;
        }
        for (int id : alsoLeftOut) {
            s[train.movies().ids().indexOf(id)] = Float.NEGATIVE_INFINITY;
        }
        int t = train.movies().ids().indexOf(target);
        int r = 1;
        for (int i = 0; i < s.length; i++) {
            if (i != t && (s[i] > s[t] || (s[i] == s[t] && i < t))) {
                r++;
            }
        }
        return r;
    }

    @Test
    void ncfOnRandom8020MeetsReport001Target() throws Exception {
        RatingErrors.Result r = fitAndTest("ncf", fold("random:0.8"));
        System.out.printf("ncf random:0.8: RMSE %.4f MAE %.4f%n", r.rmse(), r.mae());
        assertThat(r.rmse()).isLessThanOrEqualTo(0.93);
        assertThat(r.mae()).isLessThanOrEqualTo(0.74);
    }

    @Test
    void dcnOnRandom8020MeetsReport002Target() throws Exception {
        // The config experiments/report-002.yaml's sweep chose on validation (learningRate 1e-3 of
        // 5e-4/1e-3/2e-3, emaDecay 0.9995 of 0/0.999/0.9995): measured 0.9169 / 0.7199 on 2026-12-02. With the
        // report's defaults alone (no weight average) it measured 0.9205, above the issue's 0.92.
        RatingErrors.Result r = fitAndTest("dcn", Map.of("emaDecay", "0.9995"), fold("random:0.8"));
        System.out.printf("dcn emaDecay=0.9995 random:0.8: RMSE %.4f MAE %.4f%n", r.rmse(), r.mae());
        assertThat(r.rmse()).isLessThanOrEqualTo(0.92);
    }

    @Test
    void wideDeepOnRandom8020BeatsReport003Mse() throws Exception {
        RatingErrors.Result r = fitAndTest("wide-deep", fold("random:0.8"));
        System.out.printf("wide-deep random:0.8: MSE %.4f RMSE %.4f%n", r.rmse() * r.rmse(), r.rmse());
        assertThat(r.rmse() * r.rmse()).isLessThan(1.21);
    }

    @Test
    void wideDeepWithIdsOnRandom8020MeetsTheIssuesRmse() throws Exception {
        // The config experiments/report-003.yaml's sweep chose on validation (withIds false/true x emaDecay
        // 0/0.9995/0.9998 x embeddingDim 8/16): measured MSE 0.8521, RMSE 0.9231 on 2026-12-02 (with ids
        // alone 0.9329; without the embeddingDim choice the sweep chose emaDecay 0.9998 and reached 0.93004).
        RatingErrors.Result r = fitAndTest("wide-deep", Map.of("withIds", "true", "emaDecay", "0.9995",
                "embeddingDim", "16"), fold("random:0.8"));
        System.out.printf("wide-deep withIds=true emaDecay=0.9995 embeddingDim=16 random:0.8: RMSE %.5f MAE %.4f%n",
                r.rmse(), r.mae());
        assertThat(r.rmse()).isLessThanOrEqualTo(0.93);
    }

    @Test
    void contentTowerOnTemporalLeaveOneOutBeatsReport000() throws Exception {
        RatingErrors.Result r = fitAndTest("content-tower", fold("temporal-loo"));
        System.out.printf("content-tower temporal-loo: MAE[0.5,1] %.4f MAPE[0.5,1] %.2f%% RMSE %.4f MAE %.4f%n",
                r.maeNorm(), r.mapeNorm(), r.rmse(), r.mae());
        assertThat(r.maeNorm()).isLessThan(0.133);
        assertThat(r.mapeNorm()).isLessThan(19.3);
    }

    @Test
    void contentTowerScoresColdMoviesBetterThanTheGlobalMean() {
        Fold cold = new ColdMovieSplit(0.1, 42).folds(data).get(0);
        RatingErrors.Result r = fitAndTest("content-tower", cold);
        Model bias = new BiasBaseline().fit(cold.train(), null, ProgressListener.NONE);
        RatingErrors.Result b = Evaluator.ratingErrors((RatingPredictor) bias, cold.test().interactions(),
                data.ratingScale(), true);
        Model mean = new org.movierec.algo.GlobalMean().fit(cold.train(), null, ProgressListener.NONE);
        RatingErrors.Result g = Evaluator.ratingErrors((RatingPredictor) mean, cold.test().interactions(),
                data.ratingScale(), true);
        System.out.printf("cold movies: content-tower RMSE %.4f, bias RMSE %.4f, global mean RMSE %.4f%n", r.rmse(),
                b.rmse(), g.rmse());
        assertThat(r.rmse()).isLessThan(g.rmse());
    }
}
