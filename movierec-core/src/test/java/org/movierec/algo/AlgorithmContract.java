package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.eval.Evaluator;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.model.SimilarItems;
import org.movierec.model.Trainer;
import org.movierec.model.Training;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * The contract every algorithm passes (see ../shared/STYLE.md): a known answer on a small matrix with
 * likes and dislikes, determinism for a seed, identical scores after save and load, no already-rated
 * movie in recommendations, finite fallbacks for users and movies without training data, and learning
 * tests on synthetic data with planted taste.
 *
 * <p>Subclasses supply the trainer and state, as a positive {@link Margin}, how much better than the
 * baselines the model must be: rating models than the bias baseline's RMSE, rankers than popularity's
 * NDCG@10, both measured by the shipped {@link Evaluator}. A check that does not apply to a model is
 * declared with {@link Margin#notApplicable} and reported as skipped, with the reason.
 */
public abstract class AlgorithmContract {
    @TempDir
    Path tmp;

    /**
     * A learning test's bar: by how much the model must beat the baseline (always positive), or why the
     * test does not apply to the model (then it is skipped with that reason).
     */
    public record Margin(double value, String notApplicable) {
        public Margin {
            if (notApplicable == null && !(value > 0)) {
                throw new IllegalArgumentException("a learning margin must be positive, got " + value);
            }
        }

        public static Margin of(double value) {
            return new Margin(value, null);
        }

        public static Margin notApplicable(String why) {
            return new Margin(Double.NaN, java.util.Objects.requireNonNull(why));
        }
    }

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
     * How much lower than the bias baseline's the model's held-out RMSE on the planted data must be, in
     * stars ({@link #beatsTheBiasBaselineOnPlantedRatings}).
     */
    protected abstract Margin rmseMarginOverBias();

    /**
     * How much higher than popularity's the model's NDCG@10 on the planted data must be (relevant = a
     * held-out rating of 4 or more; {@link #beatsPopularityOnPlantedTopN}).
     */
    protected abstract Margin ndcgMarginOverPopularity();

    /**
     * The synthetic data for the learning tests, split into train and test: 400 users, 300 movies, 24,000
     * ratings of rank-6 planted taste, which also decides which movies a user rates (taste skew 2).
     */
    protected static Dataset[] synthetic() {
        Dataset d = SyntheticGenerator.generate(new SyntheticGenerator.Config(400, 300, 24_000, 6, 0.5, 0.6, 2.0,
                10, false, 42));
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

    /**
     * On {@link Fixtures#twoBlocksWithDislikes()} every user's best-scored unrated movie (of the 20 with
     * ratings) is in their own block.
     */
    @Test
    void knownAnswerOnTwoBlocks() {
        Assumptions.assumeTrue(personalized(), "does not personalize: every user gets the same ranking");
        Dataset d = Fixtures.twoBlocksWithDislikes();
        Model m = fit(smallTrainer(7), d);
        float[][] scores = allScores(m, d);
        Interactions in = d.interactions();
        for (int u = 0; u < 20; u++) {
            int block = u < 10 ? 0 : 10;
            int best = -1;
            Set<Integer> seen = new HashSet<>();
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
    void blockScoresAndListsEqualOneUserAtATime() {
        Dataset d = synthetic()[0];
        Model m = fit(trainer(5), d);
        Assumptions.assumeTrue(m instanceof ItemScorer, "scores no movies");
        ItemScorer scorer = (ItemScorer) m;
        int n = scorer.numItems();
        // Blocks that start mid-way, one user long, and up to the last user.
        int[][] blocks = {{0, 7}, {7, 8}, {3, d.numUsers()}, {d.numUsers() - 1, d.numUsers()}};
        float[] one = new float[n];
        for (int[] b : blocks) {
            float[][] rows = new float[b[1] - b[0]][n];
            scorer.scoreBlock(b[0], b[1], rows);
            for (int u = b[0]; u < b[1]; u++) {
                scorer.scoreAll(u, one);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToIntBits(rows[u - b[0]][i]) != Float.floatToIntBits(one[i])) {
                        assertThat(rows[u - b[0]][i]).as("user %d item %d in block %s", u, i, Arrays.toString(b))
                                .isEqualTo(one[i]);
                    }
                }
            }
        }
        Recommender rec = new Recommender(scorer, d.interactions());
        int k = 10;
        int users = d.numUsers();
        int[][] items = new int[users][k];
        float[][] scores = new float[users][k];
        int[] counts = new int[users];
        rec.rankBlock(0, users, new float[users][n], new TopK(k), items, scores, counts);
        float[] buf = new float[n];
        int[] it = new int[k];
        float[] sc = new float[k];
        for (int u = 0; u < users; u++) {
            int c = rec.rank(u, buf, new TopK(k), it, sc);
            assertThat(counts[u]).isEqualTo(c);
            assertThat(Arrays.copyOf(items[u], c)).as("user %d", u).containsExactly(Arrays.copyOf(it, c));
            assertThat(Arrays.copyOf(scores[u], c)).as("user %d", u).containsExactly(Arrays.copyOf(sc, c));
        }
    }

    @Test
    void pairwiseSimilarityEqualsTheSimilarityRow() {
        Dataset d = synthetic()[0];
        Model m = fit(trainer(5), d);
        Assumptions.assumeTrue(m instanceof SimilarItems, "gives no item similarities");
        SimilarItems s = (SimilarItems) m;
        int n = d.numItems();
        float[] row = new float[n];
        int checked = 0;
        for (int i = 0; i < n; i += 3) {
            s.similarTo(i, row);
            for (int j = 0; j < n; j++) {
                if (Float.floatToIntBits(s.similarity(i, j)) != Float.floatToIntBits(row[j])) {
                    assertThat(s.similarity(i, j)).as("similarity(%d, %d)", i, j).isEqualTo(row[j]);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    /**
     * An algorithm that declares {@code INNER_PRODUCT} (so {@code --index hnsw} may search its models)
     * makes factor models whose {@link FactorModel#innerProducts()} reproduce every score; one that does
     * not declares it has none to give.
     */
    @Test
    void innerProductsReproduceTheScoresExactlyWhenDeclared() {
        Dataset d = synthetic()[0];
        Trainer<?> t = trainer(5);
        Model m = fit(t, d);
        boolean declared = org.movierec.model.AlgorithmRegistry.contains(t.name())
                && org.movierec.model.AlgorithmRegistry.get(t.name()).capabilities()
                        .contains(org.movierec.model.AlgorithmProvider.Capability.INNER_PRODUCT);
        FactorModel.InnerProducts ip = m instanceof FactorModel fm ? fm.innerProducts() : null;
        if (!declared) {
            assertThat(ip).as("%s gives inner products but does not declare INNER_PRODUCT", t.name()).isNull();
            Assumptions.abort(t.name() + " does not declare INNER_PRODUCT");
        }
        assertThat(ip).as("%s declares INNER_PRODUCT", t.name()).isNotNull();
        ItemScorer scorer = (ItemScorer) m;
        int n = d.numItems();
        int k = ip.k();
        float[] row = new float[n];
        double worst = 0;
        for (int u = 0; u < d.numUsers(); u += 7) {
            scorer.scoreAll(u, row);
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += (double) ip.users()[u * k + f] * ip.items()[i * k + f];
                }
                double expect = ip.userOffsets()[u] + dot + ip.itemOffsets()[i];
                worst = Math.max(worst, Math.abs(expect - row[i]) / Math.max(1, Math.abs(row[i])));
            }
        }
        assertThat(worst).as("largest relative difference from scoreAll").isLessThan(1e-5);
    }

    @Test
    void recommendationsExcludeRatedMovies() {
        Dataset d = synthetic()[0];
        Model m = fit(trainer(5), d);
        Assumptions.assumeTrue(m instanceof ItemScorer, "scores no movies, so recommends none");
        ItemScorer scorer = (ItemScorer) m;
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

    /** Held-out RMSE on the planted data, below the bias baseline's by {@link #rmseMarginOverBias()}. */
    @Test
    void beatsTheBiasBaselineOnPlantedRatings() {
        Margin margin = rmseMarginOverBias();
        Assumptions.assumeTrue(margin.notApplicable() == null, margin.notApplicable());
        Dataset[] tt = synthetic();
        Model m = fit(trainer(13), tt[0]);
        assertThat(m).as("a model held to an RMSE margin").isInstanceOf(RatingPredictor.class);
        double rmse = rmse((RatingPredictor) m, tt[1]);
        double bias = rmse((RatingPredictor) fit(new BiasBaseline(), tt[0]), tt[1]);
        System.out.printf("learning %s: RMSE %.4f, bias baseline %.4f, lower by %.4f (margin %.3f)%n",
                getClass().getSimpleName(), rmse, bias, bias - rmse, margin.value());
        assertThat(rmse).as("RMSE %.4f vs bias baseline %.4f - margin %.3f", rmse, bias, margin.value())
                .isLessThanOrEqualTo(bias - margin.value());
    }

    /** Held-out NDCG@10 on the planted data, above popularity's by {@link #ndcgMarginOverPopularity()}. */
    @Test
    void beatsPopularityOnPlantedTopN() {
        Margin margin = ndcgMarginOverPopularity();
        Assumptions.assumeTrue(margin.notApplicable() == null, margin.notApplicable());
        Dataset[] tt = synthetic();
        Model m = fit(trainer(13), tt[0]);
        assertThat(m).as("a model held to a ranking margin").isInstanceOf(ItemScorer.class);
        double ndcg = ndcgAt10(m, tt[0], tt[1]);
        double pop = ndcgAt10(fit(new Popularity(), tt[0]), tt[0], tt[1]);
        System.out.printf("learning %s: NDCG@10 %.4f, popularity %.4f, higher by %.4f (margin %.3f)%n",
                getClass().getSimpleName(), ndcg, pop, ndcg - pop, margin.value());
        assertThat(ndcg).as("NDCG@10 %.4f vs popularity %.4f + margin %.3f", ndcg, pop, margin.value())
                .isGreaterThanOrEqualTo(pop + margin.value());
    }

    /** RMSE of clipped predictions over every rating of {@code test}, as {@code movierec evaluate} computes it. */
    public static double rmse(RatingPredictor rp, Dataset test) {
        return Evaluator.ratingErrors(rp, test.interactions(), test.ratingScale(), true).rmse();
    }

    /**
     * NDCG@10 as {@code movierec evaluate} computes it: relevant = test rating >= 4, candidates = the
     * movies the user did not rate in {@code train}.
     */
    static double ndcgAt10(Model m, Dataset train, Dataset test) {
        return TopNHarness.topN((ItemScorer) m, train, test, 10)[0];
    }
}
