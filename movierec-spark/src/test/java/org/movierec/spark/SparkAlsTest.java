package org.movierec.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Interactions;
import org.movierec.data.io.DatasetReader;
import org.movierec.eval.Evaluator;
import org.movierec.eval.RatingErrors;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.rec.Recommender;
import org.movierec.rec.TopK;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.testing.Fixtures;
import org.movierec.util.ProgressListener;

/**
 * Spark ALS on ML-100k u1 in local mode: factors exported to a movierec model file give, in core,
 * the RMSE and ranking metrics Spark computes itself (within 1e-6). One Spark session for the class;
 * small rank and few iterations (Spark start-up dominates on 2 cores).
 */
class SparkAlsTest {
    private static SparkSession spark;
    private static Path data;
    private static Fold fold;
    private static ALSModel explicit;
    private static Dataset<Row> train;
    private static Dataset<Row> test;

    @BeforeAll
    static void start() throws Exception {
        data = Fixtures.ml100k();
        if (data == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(Fixtures.NO_ML100K);
            }
            Assumptions.abort(Fixtures.NO_ML100K);
        }
        spark = SparkSession.builder().master("local[2]").appName("movierec-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        train = Ratings.read(spark, data.resolve("u1.base").toString()).cache();
        test = Ratings.read(spark, data.resolve("u1.test").toString()).cache();
        explicit = SparkJobs.als(SparkJobs.options(new String[] {"train-als", "--rank", "8", "--iterations", "5",
                "--reg", "0.1", "--seed", "7"})).fit(train);
        fold = Splits.parse("u1", data, 42).folds(DatasetReader.read(data)).get(0);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Model export(ALSModel m, Path dir) throws Exception {
        Model model = ModelExport.toModel(m.userFactors().collectAsList(), m.itemFactors().collectAsList(), m.rank(),
                fold.train(), Map.of("rank", "8"), 7, "u1", 0);
        Path file = dir.resolve("spark-als.bin");
        ModelExport.save(model, fold.train(), file);
        return ModelIO.load(file).model(); // what 'movierec serve' and 'recommend' load
    }

    @Test
    void coreRmseOnExportedFactorsMatchesSparkWithin1e6(@TempDir Path dir) throws Exception {
        Model model = export(explicit, dir);
        assertThat(model).isInstanceOf(org.movierec.algo.FactorModel.class);
        Map<String, Double> sparkErr = DistributedMetrics.ratingErrors(explicit, test, true,
                fold.train().ratingScale().min(), fold.train().ratingScale().max());

        // Core's RatingErrors over the same ratings: test pairs whose user and movie Spark has factors for.
        Interactions tr = fold.train().interactions();
        boolean[] knownItem = new boolean[fold.train().numItems()];
        for (int p = 0; p < tr.size(); p++) {
            knownItem[tr.item(p)] = true;
        }
        Interactions te = fold.test().interactions();
        RatingErrors core = new RatingErrors(fold.train().ratingScale());
        RatingPredictor rp = (RatingPredictor) model;
        long n = 0;
        for (int u = 0; u < te.numUsers(); u++) {
            if (u >= tr.numUsers() || tr.userCount(u) == 0) {
                continue;
            }
            for (int p = te.userStart(u); p < te.userEnd(u); p++) {
                if (knownItem[te.item(p)]) {
                    core.add(fold.train().ratingScale().clip(rp.predict(u, te.item(p))), te.rating(p));
                    n++;
                }
            }
        }
        assertThat((double) n).isEqualTo(sparkErr.get("n"));
        assertThat(n).isGreaterThan(19_000); // u1.test has 20,000 ratings, a few for movies absent from u1.base
        assertThat(core.result().rmse()).isCloseTo(sparkErr.get("rmse"), within(1e-6));
        assertThat(core.result().mae()).isCloseTo(sparkErr.get("mae"), within(1e-6));
        assertThat(sparkErr.get("rmse")).isBetween(0.85, 1.2); // a trained model, not noise
    }

    @Test
    void coreRankingMetricsOnExportedFactorsMatchSparkWithin1e6(@TempDir Path dir) throws Exception {
        Model model = export(explicit, dir);
        Map<String, Double> sparkRank = DistributedMetrics.ranking(explicit, train, test, 10, 4f);
        Map<String, Double> coreRank = new Evaluator(new Evaluator.Config(10, 4f, true, new int[0]))
                .evaluate(model, fold, ProgressListener.NONE).metrics();
        for (String m : new String[] {"precision@10", "recall@10", "ndcg@10", "hit_rate@10"}) {
            assertThat(coreRank.get(m)).as(m).isCloseTo(sparkRank.get(m), within(1e-6));
        }
        assertThat(sparkRank.get("users")).isGreaterThan(400);
    }

    @Test
    void everyUsersTopTenUnseenIsCoresListOnTheExportedFactors(@TempDir Path dir) throws Exception {
        Model model = export(explicit, dir);
        org.movierec.data.Dataset tr = fold.train();
        Recommender core = Recommender.of(model, tr.numItems(), tr.interactions());
        List<Row> rows = TopUnseen.of(explicit, null, train, 10).collectAsList();
        Map<Integer, List<Row>> byUser = new HashMap<>();
        for (Row r : rows) {
            byUser.computeIfAbsent(r.getInt(0), u -> new ArrayList<>()).add(r);
        }
        assertThat(byUser).hasSize(tr.numUsers()); // every u1.base user has factors
        float[] buf = new float[tr.numItems()];
        TopK top = new TopK(10);
        int[] items = new int[10];
        float[] scores = new float[10];
        for (int u = 0; u < tr.numUsers(); u++) {
            int n = core.rank(u, buf, top, items, scores);
            List<Row> spark = byUser.get(tr.users().ids().externalId(u));
            spark.sort(Comparator.comparingInt(r -> r.getInt(1)));
            assertThat(spark).hasSize(n);
            for (int j = 0; j < n; j++) {
                Row r = spark.get(j);
                assertThat(r.getInt(1)).isEqualTo(j + 1);
                assertThat(r.getInt(2)).as("user %d rank %d", r.getInt(0), j + 1)
                        .isEqualTo(tr.movies().ids().externalId(items[j]));
                assertThat(r.getFloat(3)).isEqualTo(scores[j]); // the same kernel, bit for bit
            }
        }
        assertThat(rows).hasSize(10 * tr.numUsers());
    }

    @Test
    void implicitAlsTrainsAndExports(@TempDir Path dir) throws Exception {
        ALS als = SparkJobs.als(SparkJobs.options(new String[] {"train-als", "--rank", "8", "--iterations", "3",
                "--implicit", "--alpha", "5", "--seed", "7"}));
        assertThat(als.getImplicitPrefs()).isTrue();
        ALSModel m = als.fit(train);
        Model model = export(m, dir);
        Map<String, Double> sparkRank = DistributedMetrics.ranking(m, train, test, 10, 4f);
        Map<String, Double> coreRank = new Evaluator(new Evaluator.Config(10, 4f, true, new int[0]))
                .evaluate(model, fold, ProgressListener.NONE).metrics();
        assertThat(coreRank.get("ndcg@10")).isCloseTo(sparkRank.get("ndcg@10"), within(1e-6));
        assertThat(sparkRank.get("precision@10")).isGreaterThan(0.1); // popularity-like level at least
    }
}
