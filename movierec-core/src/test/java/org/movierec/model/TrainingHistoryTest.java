package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.movierec.algo.Als;
import org.movierec.algo.BiasBaseline;
import org.movierec.algo.BiasedMF;
import org.movierec.algo.Bpr;
import org.movierec.algo.ImplicitAls;
import org.movierec.algo.SvdPlusPlus;
import org.movierec.algo.TimeSvdPlusPlus;
import org.movierec.algo.blend.Blend;
import org.movierec.algo.fm.FactorizationMachine;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.util.ProgressListener;

/**
 * Training records the epoch events of iterative trainers into the model's provenance, the history
 * survives save and load, models saved before histories existed load with an empty one, and a
 * listener that asks to stop ends training with {@link CancellationException}.
 */
class TrainingHistoryTest {
    @TempDir
    Path tmp;

    /** 80 users x 50 movies, 1500 ratings; every 5th rating is held out for validation. */
    private static Dataset[] trainAndValidation() {
        Dataset all = SyntheticGenerator.generate(SyntheticGenerator.Config.of(80, 50, 1500, 7));
        Interactions in = all.interactions();
        int[] train = new int[in.size() - in.size() / 5];
        int[] valid = new int[in.size() / 5];
        int t = 0;
        int v = 0;
        for (int p = 0; p < in.size(); p++) {
            if (p % 5 == 4 && v < valid.length) {
                valid[v++] = p;
            } else {
                train[t++] = p;
            }
        }
        return new Dataset[] {all.withInteractions("train", in.select(java.util.Arrays.copyOf(train, t))),
                all.withInteractions("valid", in.select(java.util.Arrays.copyOf(valid, v)))};
    }

    private static Trainer<?> trainer(String algo, Map<String, String> p) {
        return switch (algo) {
            case "bias" -> new BiasBaseline(Params.bind(BiasBaseline.Config.DEFAULTS, p));
            case "biased-mf" -> new BiasedMF(Params.bind(BiasedMF.Config.DEFAULTS, p));
            case "svdpp" -> new SvdPlusPlus(Params.bind(SvdPlusPlus.Config.DEFAULTS, p));
            case "timesvdpp" -> new TimeSvdPlusPlus(Params.bind(TimeSvdPlusPlus.Config.DEFAULTS, p));
            case "als" -> new Als(Params.bind(Als.Config.DEFAULTS, p));
            case "ials" -> new ImplicitAls(Params.bind(ImplicitAls.Config.DEFAULTS, p));
            case "bpr" -> new Bpr(Params.bind(Bpr.Config.DEFAULTS, p));
            case "fm" -> new FactorizationMachine(Params.bind(FactorizationMachine.Config.DEFAULTS, p));
            case "blend" -> new Blend(Params.bind(Blend.Config.DEFAULTS, p));
            default -> throw new IllegalArgumentException(algo);
        };
    }

    /** Counts epoch events and asks to stop once {@code stopAfter} have arrived. */
    private static final class Stopper implements ProgressListener {
        final List<TrainingHistory.Epoch> seen = new ArrayList<>();
        final int stopAfter;

        Stopper(int stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long steps) {
        }

        @Override
        public void done() {
        }

        @Override
        public void epoch(int epoch, double trainLoss, Map<String, Double> validation) {
            seen.add(new TrainingHistory.Epoch(epoch, trainLoss, validation));
        }

        @Override
        public boolean cancelled() {
            return seen.size() >= stopAfter;
        }
    }

    @Test
    void biasSweepsAreRecordedWithTrainingAndValidationRmse() {
        Dataset[] d = trainAndValidation();
        Stopper listener = new Stopper(Integer.MAX_VALUE);
        Model m = Training.fit(trainer("bias", Map.of("iterations", "4")), d[0], d[1], "test", listener);
        TrainingHistory h = m.provenance().history();
        assertThat(h.epochs()).extracting(TrainingHistory.Epoch::epoch).containsExactly(1, 2, 3, 4);
        assertThat(listener.seen).as("the caller's listener sees the same events").isEqualTo(h.epochs());
        // The last sweep's training loss is the RMSE of the final biases on the training ratings,
        // computed here directly (unclipped predictions, as the sweep's sums give them).
        BiasBaseline.Model b = (BiasBaseline.Model) m;
        Interactions in = d[0].interactions();
        double se = 0;
        for (int p = 0; p < in.size(); p++) {
            double e = in.rating(p) - b.predict(in.user(p), in.item(p));
            se += e * e;
        }
        TrainingHistory.Epoch last = h.epochs().get(3);
        assertThat(last.trainLoss()).isCloseTo(Math.sqrt(se / in.size()), within(1e-6));
        // ... and its validation RMSE is the one Training records for the finished model.
        assertThat(last.validation()).containsOnlyKeys("rmse");
        assertThat(last.validation().get("rmse")).isCloseTo(m.provenance().validationMetrics().get("rmse"),
                within(1e-9));
    }

    @Test
    void theBiasSweepsStillFitTheSameBiases() {
        // Reporting epochs must not change the numbers: fitBiases without a listener is the reference.
        Dataset[] d = trainAndValidation();
        BiasBaseline.Model m = (BiasBaseline.Model) Training.fit(trainer("bias", Map.of()), d[0], d[1], "t",
                ProgressListener.NONE);
        BiasBaseline.Biases ref = BiasBaseline.fitBiases(d[0].interactions(), 15f, 10f, 10);
        for (int u = 0; u < d[0].numUsers(); u++) {
            assertThat(m.userBias(u)).isEqualTo(ref.user()[u]);
        }
        for (int i = 0; i < d[0].numItems(); i++) {
            assertThat(m.itemBias(i)).isEqualTo(ref.item()[i]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "bias; iterations=3; 3",
        "biased-mf; factors=4,epochs=3; 3",
        "svdpp; factors=4,epochs=3; 3",
        "timesvdpp; factors=4,epochs=3; 3",
        "als; factors=4,iterations=3; 3",
        "ials; factors=4,iterations=3; 3",
        "bpr; factors=4,epochs=3; 3",
        "fm; rank=4,burnIn=2,samples=3; 5",
        "fm; method=SGD,rank=4,epochs=3; 3"})
    void everyIterativeTrainerRecordsOneEpochPerPassAndTheHistorySurvivesSaveAndLoad(String algo, String params,
                                                                                      int epochs) throws Exception {
        Dataset[] d = trainAndValidation();
        Model m = Training.fit(trainer(algo, parse(params)), d[0], d[1], "test", ProgressListener.NONE);
        TrainingHistory h = m.provenance().history();
        List<Integer> numbers = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            numbers.add(e);
        }
        assertThat(h.epochs()).extracting(TrainingHistory.Epoch::epoch).isEqualTo(numbers);
        if (algo.equals("fm") || algo.equals("bias")) {
            assertThat(h.epochs()).allSatisfy(e -> assertThat(e.trainLoss()).isFinite().isPositive());
        }
        if (algo.equals("als") || algo.equals("bias")) {
            assertThat(h.epochs()).allSatisfy(e -> assertThat(e.validation().get("rmse")).isFinite().isPositive());
        }
        Path file = tmp.resolve(algo + ".bin");
        ModelIO.save(m, d[0], file);
        assertThat(ModelIO.load(file).model().provenance().history()).isEqualTo(h);
        assertThat(ModelIO.load(file).model().provenance()).isEqualTo(m.provenance());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "bias; iterations=10",
        "biased-mf; factors=4,epochs=10",
        "biased-mf; factors=4,epochs=10,blocks=1",
        "svdpp; factors=4,epochs=10",
        "timesvdpp; factors=4,epochs=10",
        "als; factors=4,iterations=10",
        "ials; factors=4,iterations=10",
        "bpr; factors=4,epochs=10",
        "fm; rank=4,burnIn=5,samples=5",
        "fm; method=SGD,rank=4,epochs=10"})
    void cancellingStopsTrainingBetweenEpochs(String algo, String params) {
        Dataset[] d = trainAndValidation();
        Stopper stopper = new Stopper(2);
        assertThatThrownBy(() -> Training.fit(trainer(algo, parse(params)), d[0], d[1], "t", stopper))
                .isInstanceOf(CancellationException.class).hasMessage("training cancelled");
        assertThat(stopper.seen).as("epochs run before the stop").hasSize(2);
    }

    @Test
    void anEnsembleKeepsItsBasesEpochsOutOfItsOwnHistory() {
        Dataset[] d = trainAndValidation();
        Stopper listener = new Stopper(Integer.MAX_VALUE);
        Model m = Training.fit(trainer("blend", Map.of("models", "[{algorithm: bias, params: {iterations: 2}}, {algorithm: biased-mf, params: {factors: 4, epochs: 3}}]")),
                d[0], d[1], "t", listener);
        assertThat(m.provenance().history().isEmpty()).isTrue();
        // The bases' epochs still reach the caller (fitted once each: with validation data given there is no refit).
        assertThat(listener.seen).extracting(TrainingHistory.Epoch::epoch).containsExactly(1, 2, 1, 2, 3);
    }

    @Test
    void closedFormModelsAndV1FilesHaveAnEmptyHistory() throws Exception {
        Dataset[] d = trainAndValidation();
        Model ease = Training.fit(new org.movierec.algo.Ease(), d[0], null, "t", ProgressListener.NONE);
        assertThat(ease.provenance().history()).isEqualTo(TrainingHistory.EMPTY);
        // Format-1 files were written before provenance had a history.
        for (String type : List.of("bias", "biased-mf", "fm", "blend")) {
            URL url = TrainingHistoryTest.class.getResource("/fixtures/models/" + type + "-v1.bin");
            assertThat(url).isNotNull();
            Provenance p = ModelIO.load(Path.of(url.toURI())).model().provenance();
            assertThat(p.history()).as(type).isEqualTo(TrainingHistory.EMPTY);
            assertThat(p.algorithm()).isEqualTo(type);
        }
    }

    private static Map<String, String> parse(String params) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String kv : params.split(",")) {
            String[] a = kv.split("=", 2);
            m.put(a[0].trim(), a[1].trim());
        }
        return m;
    }
}
