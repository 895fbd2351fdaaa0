package org.movierec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.model.Params;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;
import org.movierec.model.Trainer;
import org.movierec.split.Fold;
import org.movierec.split.RandomSplit;
import org.movierec.split.TemporalLeaveOneOut;
import org.movierec.util.ProgressListener;

class TunerTest {
    static final Dataset DATA = SyntheticGenerator.generate(SyntheticGenerator.Config.of(80, 50, 1_500, 5));

    /**
     * A fake algorithm whose validation and test scores disagree: with {@code x = 1} it predicts every
     * rating exactly except the test ratings (off by one star); with {@code x = 3} it predicts the test
     * ratings exactly and everything else off by one star; other values are off everywhere. A search
     * that looked at test data would choose 3; one on validation data must choose 1. It records every
     * (user, movie) pair it is asked about and every training set it is given.
     */
    record FakeConfig(int x) {
    }

    static final class Fake implements Trainer<FakeModel> {
        final FakeConfig config;
        final Set<Long> testPairs;
        final Map<Long, Float> truth;
        final Set<Long> asked;
        final List<Dataset> trainedOn;

        Fake(FakeConfig config, Set<Long> testPairs, Map<Long, Float> truth, Set<Long> asked, List<Dataset> trainedOn) {
            this.config = config;
            this.testPairs = testPairs;
            this.truth = truth;
            this.asked = asked;
            this.trainedOn = trainedOn;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Record config() {
            return config;
        }

        @Override
        public FakeModel fit(Dataset train, Dataset validation, ProgressListener progress) {
            synchronized (trainedOn) {
                trainedOn.add(train);
            }
            return new FakeModel(this, Provenance.untrained("fake", config, 0));
        }
    }

    record FakeModel(Fake t, Provenance provenance) implements org.movierec.model.Model, RatingPredictor {
        @Override
        public float predict(int user, int item) {
            long key = pair(user, item);
            t.asked.add(key);
            float y = t.truth.get(key);
            boolean test = t.testPairs.contains(key);
            boolean exact = test ? t.config.x() == 3 : t.config.x() == 1;
            return exact ? y : y > 3 ? y - 1 : y + 1;
        }

        @Override
        public FakeModel withProvenance(Provenance p) {
            return new FakeModel(t, p);
        }

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public void writePayload(DataOutputStream out) {
            throw new UnsupportedOperationException();
        }
    }

    static long pair(int u, int i) {
        return ((long) u << 32) | i;
    }

    static Set<Long> pairs(Dataset d) {
        Set<Long> s = new HashSet<>();
        Interactions in = d.interactions();
        for (int p = 0; p < in.size(); p++) {
            s.add(pair(in.user(p), in.item(p)));
        }
        return s;
    }

    record Setup(Tuner tuner, Set<Long> test, Set<Long> asked, List<Dataset> trainedOn) {
    }

    static Setup setup(List<Fold> folds, Tuner.Config config, Map<String, List<String>> space) {
        Set<Long> test = new HashSet<>();
        for (Fold f : folds) {
            test.addAll(pairs(f.test()));
        }
        Map<Long, Float> truth = new ConcurrentHashMap<>();
        Interactions in = DATA.interactions();
        for (int p = 0; p < in.size(); p++) {
            truth.put(pair(in.user(p), in.item(p)), in.rating(p));
        }
        Set<Long> asked = ConcurrentHashMap.newKeySet();
        List<Dataset> trainedOn = new ArrayList<>();
        Tuner t = new Tuner("fake", Map.of(), space, config, p -> new Fake(
                Params.bind(new FakeConfig(0), p, "fake"), test, truth, asked, trainedOn));
        return new Setup(t, test, asked, trainedOn);
    }

    static Tuner.Config grid(String... metrics) {
        List<MetricSpec> m = new ArrayList<>();
        for (String s : metrics) {
            m.add(MetricSpec.parse(s));
        }
        return new Tuner.Config(Tuner.Search.GRID, 0, 7, m, 0.2);
    }

    @Test
    void choosesOnTheSplitsValidationPartAndNeverAsksAboutTestRatings() {
        List<Fold> folds = new TemporalLeaveOneOut().folds(DATA);
        assertThat(folds.get(0).hasValidation()).isTrue();
        Setup s = setup(folds, grid("rmse", "mae"), Map.of("x", List.of("3", "2", "1")));
        Tuner.Result r = s.tuner().run(folds, ProgressListener.NONE);
        assertThat(r.best().params()).isEqualTo(Map.of("x", "1"));
        assertThat(r.best().mean().get("rmse")).isEqualTo(0.0);
        // x=3 would win on test data: the fake is exact there.
        assertThat(r.trials().get(0).params()).isEqualTo(Map.of("x", "3"));
        assertThat(r.trials().get(0).mean().get("rmse")).isEqualTo(1.0);
        assertThat(s.asked()).isNotEmpty().doesNotContainAnyElementsOf(s.test());
        assertThat(s.asked()).isEqualTo(pairs(folds.get(0).validation()));
        for (Dataset d : s.trainedOn()) {
            assertThat(d.fingerprint()).isEqualTo(folds.get(0).train().fingerprint());
        }
    }

    @Test
    void carvesValidationFromTrainingWhenTheSplitHasNoneAndTrainsWithoutIt() {
        List<Fold> folds = new RandomSplit(0.8, 3).folds(DATA);
        assertThat(folds.get(0).hasValidation()).isFalse();
        Setup s = setup(folds, grid("rmse"), Map.of("x", List.of("3", "1", "2")));
        Tuner.Result r = s.tuner().run(folds, ProgressListener.NONE);
        assertThat(r.best().params()).isEqualTo(Map.of("x", "1"));
        assertThat(r.best().mean().get("rmse")).isEqualTo(0.0);
        assertThat(s.asked()).isNotEmpty().doesNotContainAnyElementsOf(s.test());
        Set<Long> train = pairs(folds.get(0).train());
        assertThat(train).containsAll(s.asked());
        // Every candidate trained on the training part less the carved validation ratings.
        for (Dataset d : s.trainedOn()) {
            Set<Long> fit = pairs(d);
            assertThat(fit).doesNotContainAnyElementsOf(s.asked()).doesNotContainAnyElementsOf(s.test());
            assertThat(fit.size() + s.asked().size()).isEqualTo(train.size());
        }
        assertThat(r.validation()).singleElement().asString().contains("20% of each user's training ratings, seed 7");
    }

    @Test
    void validationFoldsHoldNoTestRatings() {
        List<Fold> folds = new RandomSplit(0.8, 3).folds(DATA);
        List<Fold> v = Tuner.validationFolds(folds, 0.2, 1);
        Set<Long> test = pairs(folds.get(0).test());
        assertThat(pairs(v.get(0).test())).doesNotContainAnyElementsOf(test);
        assertThat(pairs(v.get(0).train())).doesNotContainAnyElementsOf(test);
        assertThat(v.get(0).validation()).isNull();
    }

    @Test
    void gridIsTheProductInOrderAndRandomSearchIsSeededAndDistinct() {
        List<Fold> folds = new RandomSplit(0.8, 3).folds(DATA);
        Map<String, List<String>> space = new java.util.LinkedHashMap<>();
        space.put("x", List.of("1", "2"));
        Setup g = setup(folds, grid("rmse"), space);
        assertThat(g.tuner().candidates()).containsExactly(Map.of("x", "1"), Map.of("x", "2"));
        record Two(int a, int b) {
        }
        Map<String, List<String>> two = new java.util.LinkedHashMap<>();
        two.put("a", List.of("1", "2"));
        two.put("b", List.of("5", "6", "7"));
        Tuner grid = new Tuner("two", Map.of(), two, grid("rmse"), p -> null);
        assertThat(grid.gridSize()).isEqualTo(6);
        assertThat(grid.candidates()).extracting(m -> m.get("a") + m.get("b"))
                .containsExactly("15", "16", "17", "25", "26", "27");
        Tuner.Config random = new Tuner.Config(Tuner.Search.RANDOM, 4, 11, List.of(MetricSpec.parse("rmse")), 0.1);
        List<Map<String, String>> a = new Tuner("two", Map.of(), two, random, p -> null).candidates();
        List<Map<String, String>> b = new Tuner("two", Map.of(), two, random, p -> null).candidates();
        assertThat(a).hasSize(4).doesNotHaveDuplicates().isEqualTo(b).isSubsetOf(grid.candidates());
        Tuner.Config many = new Tuner.Config(Tuner.Search.RANDOM, 50, 11, List.of(MetricSpec.parse("rmse")), 0.1);
        assertThat(new Tuner("two", Map.of(), two, many, p -> null).candidates()).isEqualTo(grid.candidates());
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> MetricSpec.parse("ndgc@10")).hasMessageContaining("unknown metric 'ndgc'");
        assertThatThrownBy(() -> MetricSpec.parse("rmse@5")).hasMessageContaining("takes no cut-off");
        assertThat(MetricSpec.parse("NDCG").label()).isEqualTo("ndcg@10");
        assertThatThrownBy(() -> new Tuner.Config(Tuner.Search.GRID, 0, 1,
                List.of(MetricSpec.parse("ndcg@10"), MetricSpec.parse("recall@5")), 0.1))
                .hasMessageContaining("share one cut-off");
        List<Fold> folds = new RandomSplit(0.8, 3).folds(DATA);
        assertThatThrownBy(() -> setup(folds, grid("rmse"), Map.of("y", List.of("1"))))
                .hasMessageContaining("fake: unknown key 'y'");
        assertThatThrownBy(() -> setup(folds, grid("ndcg@10"), Map.of("x", List.of("1"))).tuner()
                .run(folds, ProgressListener.NONE)).hasMessageContaining("fake does not report ndcg@10");
    }
}
