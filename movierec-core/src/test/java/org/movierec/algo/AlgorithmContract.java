package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.rec.Recommender;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * The contract every algorithm passes (see ../shared/STYLE.md): a known answer on a small matrix,
 * determinism for a seed, identical scores after save and load, no already-rated movie in
 * recommendations, finite fallbacks for users and movies without training data, and a learning
 * test on synthetic data with planted structure.
 *
 * <p>Subclasses supply the trainer and say how much better than the baselines the model must be.
 */
public abstract class AlgorithmContract {
    @TempDir
    Path tmp;

    /** A trainer with the given seed (algorithms without randomness may ignore it). */
    protected abstract Trainer<?> trainer(long seed);

    /** A trainer suited to the tiny two-block matrix (defaults may regularize too hard for 20 users). */
    protected Trainer<?> smallTrainer(long seed) {
        return trainer(seed);
    }

    /** Whether the model personalizes (everything but popularity-like models). */
    protected boolean personalized() {
        return true;
    }

    /**
     * How much lower than the bias baseline's the model's test RMSE on the synthetic data must be
     * (in stars); negative values allow being worse. Only used for rating predictors.
     */
    protected double rmseMarginOverBias() {
        return 0.02;
    }

    /**
     * How much higher than popularity's the model's hit rate@10 on the synthetic data must be (an
     * absolute difference in the fraction of test users with a held-out movie in their top 10);
     * only used for models that score items. Negative values allow being worse.
     */
    protected double hitRateMarginOverPopularity() {
        return 0.02;
    }

    /** The synthetic data for the learning test, split into train and test (by a fixed seed). */
    protected static Dataset[] synthetic() {
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(400, 300, 24_000, 6, 0.5, 0.6, 10,
                false, 42));
        Interactions in = d.interactions();
        // Every 5th rating of each user (in time order) goes to test: a deterministic 80/20.
        int[] trainPos = new int[in.size()];
        int[] testPos = new int[in.size()];
        int nt = 0;
        int ns = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            for (int p = in.userStart(u), k = 0; p < in.userEnd(u); p++, k++) {
                if (k % 5 == 4) {
                    testPos[ns++] = p;
                } else {
                    trainPos[nt++] = p;
                }
            }
        }
        return new Dataset[] {
            d.withInteractions("synthetic-train", in.select(Arrays.copyOf(trainPos, nt))),
            d.withInteractions("synthetic-test", in.select(Arrays.copyOf(testPos, ns)))
        };
    }

    private Model fit(Trainer<?> t, Dataset train) {
        return Training.fit(t, train, null, "test", ProgressListener.NONE);
    }

    private static float[][] allScores(Model m, Dataset d) {
        int nu = d.numUsers();
        float[][] out = new float[nu][];
        for (int u = 0; u < nu; u++) {
            out[u] = new float[d.numItems()];
            if (m instanceof ItemScorer s) {
                s.scoreAll(u, out[u]);
            } else {
                RatingPredictor rp = (RatingPredictor) m;
                for (int i = 0; i < d.numItems(); i++) {
                    out[u][i] = rp.predict(u, i);
                }
            }
        }
        return out;
    }

    @Test
    void implementsAtLeastOneCapability() {
        Model m = fit(smallTrainer(1), Fixtures.twoBlocks());
        assertThat(m instanceof ItemScorer || m instanceof RatingPredictor).isTrue();
        assertThat(m.provenance().algorithm()).isEqualTo(smallTrainer(1).name());
        assertThat(m.provenance().datasetFingerprint()).isEqualTo(Fixtures.twoBlocks().fingerprint());
    }

    @Test
    void knownAnswerOnTwoBlocks() {
        if (!personalized()) {
            return;
        }
        Dataset d = Fixtures.twoBlocks();
        Model m = fit(smallTrainer(7), d);
        float[][] scores = allScores(m, d);
        for (int u = 0; u < 20; u++) {
            int block = u < 10 ? 0 : 10;
            // Best unseen movie among the 20 rated-by-someone movies must be in the user's own block.
            int best = -1;
            Set<Integer> seen = new HashSet<>();
            Interactions in = d.interactions();
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                seen.add(in.item(p));
            }
            for (int i = 0; i < 20; i++) {
                if (!seen.contains(i) && (best < 0 || scores[u][i] > scores[u][best])) {
                    best = i;
                }
            }
            assertThat(best).as("user %d's best unseen movie", u).isBetween(block, block + 9);
        }
    }

    @Test
    void sameSeedGivesIdenticalModel() {
        Dataset d = synthetic()[0];
        float[][] a = allScores(fit(trainer(11), d), d);
        float[][] b = allScores(fit(trainer(11), d), d);
        for (int u = 0; u < a.length; u++) {
            assertThat(b[u]).as("user %d", u).containsExactly(a[u]);
        }
    }

    @Test
    void saveThenLoadGivesIdenticalScores() throws Exception {
        Dataset d = synthetic()[0];
        Model m = fit(trainer(3), d);
        Path file = tmp.resolve("model.bin");
        ModelIO.save(m, d, file);
        ModelIO.Saved loaded = ModelIO.load(file);
        assertThat(loaded.model().type()).isEqualTo(m.type());
        assertThat(loaded.model().provenance()).isEqualTo(m.provenance());
        assertThat(loaded.datasetFingerprint()).isEqualTo(d.fingerprint());
        float[][] a = allScores(m, d);
        float[][] b = allScores(loaded.model(), d);
        for (int u = 0; u < a.length; u++) {
            assertThat(b[u]).as("user %d", u).containsExactly(a[u]);
        }
    }

    @Test
    void recommendationsExcludeRatedMovies() {
        Dataset d = synthetic()[0];
        Model m = fit(trainer(5), d);
        if (!(m instanceof ItemScorer scorer)) {
            return;
        }
        Recommender rec = new Recommender(scorer, d.interactions());
        Interactions in = d.interactions();
        int[] users = new int[d.numUsers()];
        for (int u = 0; u < users.length; u++) {
            users[u] = u;
        }
        int[][] top = rec.recommendAll(users, 20);
        for (int u = 0; u < users.length; u++) {
            Set<Integer> seen = new HashSet<>();
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                seen.add(in.item(p));
            }
            assertThat(top[u]).hasSize(20);
            for (int i : top[u]) {
                assertThat(seen).as("user %d was recommended rated movie %d", u, i).doesNotContain(i);
            }
        }
    }

    @Test
    void coldUsersAndMoviesGetFiniteScores() {
        Dataset d = Fixtures.twoBlocks();
        Model m = fit(smallTrainer(2), d);
        int coldUser = 20;
        int coldMovie = 20;
        if (m instanceof RatingPredictor rp) {
            assertThat(rp.predict(coldUser, 3)).isFinite();
            assertThat(rp.predict(4, coldMovie)).isFinite();
            assertThat(rp.predict(coldUser, coldMovie)).isFinite();
        }
        if (m instanceof ItemScorer s) {
            float[] out = new float[d.numItems()];
            s.scoreAll(coldUser, out);
            for (float v : out) {
                assertThat(v).isFinite();
            }
            s.scoreAll(4, out);
            assertThat(out[coldMovie]).isFinite();
        }
    }

    @Test
    void learnsPlantedStructure() {
        Dataset[] tt = synthetic();
        Dataset train = tt[0];
        Dataset test = tt[1];
        Model m = fit(trainer(13), train);
        if (m instanceof RatingPredictor rp) {
            Model bias = fit(new BiasBaseline(), train);
            double rmse = rmse(rp, test);
            double biasRmse = rmse((RatingPredictor) bias, test);
            assertThat(rmse).as("RMSE %.4f vs bias %.4f", rmse, biasRmse)
                    .isLessThanOrEqualTo(biasRmse - rmseMarginOverBias());
        }
        if (m instanceof ItemScorer s) {
            double hr = hitRate(s, train, test);
            double pop = hitRate((ItemScorer) fit(new Popularity(), train), train, test);
            assertThat(hr).as("hit rate@10 %.4f vs popularity %.4f", hr, pop)
                    .isGreaterThanOrEqualTo(pop + hitRateMarginOverPopularity());
        }
    }

    static double rmse(RatingPredictor rp, Dataset test) {
        Interactions in = test.interactions();
        double se = 0;
        for (int p = 0; p < in.size(); p++) {
            double e = test.ratingScale().clip(rp.predict(in.user(p), in.item(p))) - in.rating(p);
            se += e * e;
        }
        return Math.sqrt(se / in.size());
    }

    /** Fraction of users with at least one test movie rated >= 4 in their top 10 unseen. */
    static double hitRate(ItemScorer s, Dataset train, Dataset test) {
        Recommender rec = new Recommender(s, train.interactions());
        Interactions t = test.interactions();
        int users = 0;
        int hits = 0;
        for (int u = 0; u < t.numUsers(); u++) {
            Set<Integer> relevant = new HashSet<>();
            for (int p = t.userStart(u); p < t.userEnd(u); p++) {
                if (t.rating(p) >= 4) {
                    relevant.add(t.item(p));
                }
            }
            if (relevant.isEmpty()) {
                continue;
            }
            users++;
            for (int i : rec.recommend(u, 10).items()) {
                if (relevant.contains(i)) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / users;
    }
}
