package org.movierec.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.eval.Evaluator;
import org.movierec.model.AlgorithmProvider;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.model.TrainingHistory;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;

/** Contract and learning tests shared by every neural algorithm, on planted synthetic data. */
class NeuralModelsTest {
    /** Every neural model must beat the bias baseline's test RMSE by at least this much on planted data. */
    static final double MARGIN = 0.02;
    private static Fold fold;
    private static double biasRmse;

    @BeforeAll
    static void data() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(500, 300, 30_000, 7));
        fold = Splits.random(0.8, 3).folds(d).get(0);
        Model bias = new BiasBaseline().fit(fold.train(), null, ProgressListener.NONE);
        biasRmse = rmse((RatingPredictor) bias, fold);
    }

    static double rmse(RatingPredictor m, Fold f) {
        return Evaluator.ratingErrors(m, f.test().interactions(), f.test().ratingScale(), true).rmse();
    }

    static Trainer<?> quick(String algo, String... extra) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("epochs", "15");
        for (String e : extra) {
            int eq = e.indexOf('=');
            p.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return AlgorithmRegistry.create(algo, p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void registeredWithADescriptionAndRatingCapabilities(String algo) {
        AlgorithmProvider p = AlgorithmRegistry.get(algo);
        assertThat(p.description()).isNotBlank();
        assertThat(p.capabilities()).contains(AlgorithmProvider.Capability.PREDICTS_RATINGS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep:withIds=true", "dcn:emaDecay=0.99"})
    void beatsTheBiasBaselineOnPlantedData(String spec) {
        String[] a = spec.split(":");
        Model m = (a.length > 1 ? quick(a[0], a[1]) : quick(a[0])).fit(fold.train(), null, ProgressListener.NONE);
        double r = rmse((RatingPredictor) m, fold);
        System.out.printf("%s: RMSE %.4f, bias %.4f%n", spec, r, biasRmse);
        // On the planted-taste data (seed as in setUp) the quick configs measured: ncf 0.8890, dcn 0.9909,
        // wide-deep with ids 1.0042 against bias 1.0222. wide-deep's deep part sees ids only through small
        // embeddings, so its stated margin is half the others'.
        double margin = spec.startsWith("wide-deep") ? MARGIN / 2 : MARGIN;
        assertThat(r).as("%s RMSE vs bias %s", spec, biasRmse).isLessThan(biasRmse - margin);
    }

    @Test
    void wideDeepWithTheReportsFeaturesBeatsTheGlobalMean() {
        Model m = quick("wide-deep").fit(fold.train(), null, ProgressListener.NONE);
        double r = rmse((RatingPredictor) m, fold);
        Model mean = new org.movierec.algo.GlobalMean().fit(fold.train(), null, ProgressListener.NONE);
        double g = rmse((RatingPredictor) mean, fold);
        System.out.printf("wide-deep (report features): RMSE %.4f, global mean %.4f%n", r, g);
        assertThat(r).isLessThan(g - MARGIN);
    }

    @Test
    void contentTowerBeatsTheGlobalMeanOnPlantedData() {
        // Measured against the bias baseline it loses on this data (no id embeddings; the report's loss is
        // MAE): see the report for the numbers. It must still learn well beyond the global mean.
        Model m = quick("content-tower").fit(fold.train(), null, ProgressListener.NONE);
        Model mean = new org.movierec.algo.GlobalMean().fit(fold.train(), null, ProgressListener.NONE);
        double r = rmse((RatingPredictor) m, fold);
        double g = rmse((RatingPredictor) mean, fold);
        System.out.printf("content-tower: RMSE %.4f, global mean %.4f, bias %.4f%n", r, g, biasRmse);
        assertThat(r).isLessThan(g - MARGIN);
    }

    @Test
    void dcnWritesItsFeatureImportanceMatrix(@TempDir Path dir) throws Exception {
        NeuralModel<?> m = (NeuralModel<?>) quick("dcn", "epochs=2", "crossRank=4").fit(fold.train(), null,
                ProgressListener.NONE);
        Dcn.Importance imp = Dcn.featureImportance(m);
        assertThat(imp.fields()).containsExactly("user", "movie", "age", "gender", "occupation", "zip", "decade",
                "genres");
        assertThat(imp.matrix()).hasDimensions(8, 8);
        Path f = dir.resolve("imp.json");
        Dcn.writeImportanceJson(imp, f);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        assertThat(tree.get("rows").size()).isEqualTo(8);
        assertThat(tree.get("columns").get(7).asText()).isEqualTo("genres");
        assertThat(tree.get("values").get(0).get(0).asDouble()).isEqualTo(imp.matrix()[0][0]).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void savedAndLoadedModelsScoreBitForBit(String algo, @TempDir Path dir) throws Exception {
        Model m = quick(algo, "epochs=2").fit(fold.train(), null, ProgressListener.NONE);
        Path file = dir.resolve(algo + ".model");
        ModelIO.save(m, fold.train(), file);
        Model back = ModelIO.load(file).model();
        assertThat(back.type()).isEqualTo(algo);
        RatingPredictor a = (RatingPredictor) m;
        RatingPredictor b = (RatingPredictor) back;
        for (int p = 0; p < fold.test().interactions().size(); p++) {
            int u = fold.test().interactions().user(p);
            int i = fold.test().interactions().item(p);
            assertThat(Float.floatToRawIntBits(b.predict(u, i))).isEqualTo(Float.floatToRawIntBits(a.predict(u, i)));
        }
        float[] sa = new float[fold.train().numItems()];
        float[] sb = new float[sa.length];
        ((org.movierec.model.ItemScorer) m).scoreAll(3, sa);
        ((org.movierec.model.ItemScorer) back).scoreAll(3, sb);
        assertThat(sb).containsExactly(sa);
        assertThat(((NeuralModel<?>) back).history()).isEqualTo(((NeuralModel<?>) m).history());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void sameSeedSameBits(String algo) {
        RatingPredictor a = (RatingPredictor) quick(algo, "epochs=2").fit(fold.train(), null, ProgressListener.NONE);
        RatingPredictor b = (RatingPredictor) quick(algo, "epochs=2").fit(fold.train(), null, ProgressListener.NONE);
        RatingPredictor c = (RatingPredictor) quick(algo, "epochs=2", "seed=5").fit(fold.train(), null,
                ProgressListener.NONE);
        boolean differs = false;
        for (int u = 0; u < 50; u++) {
            assertThat(b.predict(u, u % 300)).isEqualTo(a.predict(u, u % 300));
            differs |= c.predict(u, u % 300) != a.predict(u, u % 300);
        }
        assertThat(differs).as("another seed gives another model").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void theLearningCurveIsEmittedAndStoredAndEarlyStoppingKeepsTheBestEpoch(String algo) {
        List<TrainingHistory.Epoch> seen = new ArrayList<>();
        ProgressListener l = new ProgressListener() {
            public void start(String task, long total) { }
            public void advance(long steps) { }
            public void done() { }
            @Override
            public void epoch(int epoch, double trainLoss, java.util.Map<String, Double> validation) {
                seen.add(new TrainingHistory.Epoch(epoch, trainLoss, validation));
            }
        };
        NeuralModel<?> m = (NeuralModel<?>) quick(algo, "epochs=6", "patience=1", "learningRate=0.05")
                .fit(fold.train(), fold.validation(), l);
        assertThat(seen).isNotEmpty().isEqualTo(m.history().epochs());
        assertThat(seen.get(0).validation()).containsKeys("rmse", "mae");
        double best = seen.stream().mapToDouble(e -> e.validation().get("rmse")).min().orElseThrow();
        assertThat(seen.get(m.bestEpoch() - 1).validation().get("rmse")).isEqualTo(best);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void cancellationStopsTraining(String algo) {
        ProgressListener cancel = new ProgressListener() {
            int steps;
            public void start(String task, long total) { }
            public void advance(long s) {
                steps += s;
            }
            public void done() { }
            public boolean cancelled() {
                return steps >= 3;
            }
        };
        assertThatThrownBy(() -> quick(algo).fit(fold.train(), null, cancel))
                .isInstanceOf(CancellationException.class).hasMessageContaining("cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void badConfigsGetClearErrors(String algo) {
        assertThatThrownBy(() -> AlgorithmRegistry.create(algo, Map.of("learningRat", "0.1")))
                .hasMessageContaining("unknown key 'learningRat'").hasMessageContaining("learningRate")
                .hasMessageContaining("learningRate");
        assertThatThrownBy(() -> AlgorithmRegistry.create(algo, Map.of("learningRate", "0")))
                .hasMessageContaining("learningRate must be > 0, got 0.0");
        assertThatThrownBy(() -> AlgorithmRegistry.create(algo, Map.of("learningRate", "-0.001")))
                .hasMessageContaining("learningRate must be > 0");
        assertThatThrownBy(() -> AlgorithmRegistry.create(algo, Map.of("emaDecay", "1")))
                .hasMessageContaining("emaDecay must be in [0, 1) (0: off), got 1.0");
        assertThatThrownBy(() -> AlgorithmRegistry.create(algo, Map.of("hidden", "100,abc")))
                .hasMessageContaining("hidden").hasMessageContaining("positive layer sizes");
        Dataset empty = fold.train().withInteractions("empty",
                org.movierec.data.Interactions.empty(fold.train().numUsers(), fold.train().numItems()));
        assertThatThrownBy(() -> quick(algo).fit(empty, null, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no ratings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ncf", "dcn", "wide-deep", "content-tower"})
    void divergenceNamesTheEpochAndSuggestsALowerLearningRate(String algo) {
        assertThatThrownBy(() -> quick(algo, "optimizer=SGD", "learningRate=1000").fit(fold.train(), null,
                ProgressListener.NONE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("diverged in epoch 1")
                .hasMessageContaining("try a lower learningRate (now 1000.0)");
    }

    @Test
    void carvedValidationIsSeededAndDisjoint() {
        NeuralFit.Parts a = NeuralFit.carve(fold.train(), null, 0.1f, 1);
        NeuralFit.Parts b = NeuralFit.carve(fold.train(), null, 0.1f, 1);
        assertThat(a.carved()).isTrue();
        assertThat(a.validation().size()).isEqualTo(Math.round(0.1f * fold.train().interactions().size()));
        assertThat(a.fit().interactions().size() + a.validation().size()).isEqualTo(fold.train().interactions().size());
        assertThat(a.validation().usersArray()).isEqualTo(b.validation().usersArray());
        assertThat(a.validation().itemsArray()).isEqualTo(b.validation().itemsArray());
        NeuralFit.Parts own = NeuralFit.carve(fold.train(), fold.test(), 0.1f, 1);
        assertThat(own.carved()).isFalse();
        assertThat(own.fit()).isSameAs(fold.train());
    }
}
