package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.io.InteractionsReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Experiment;
import org.movierec.eval.MetricSpec;
import org.movierec.eval.Tuner;
import org.movierec.split.Fold;
import org.movierec.split.Splits;
import org.movierec.util.ProgressListener;

/**
 * Data from the generic interactions reader through training, evaluation and model files: string ids
 * and the implicit flag survive a save and load, and algorithms and metrics that need ratings refuse
 * implicit feedback with a message naming the algorithm (or metric) and what it needs.
 */
class ImplicitAndNamedDataTest {
    @TempDir
    Path tmp;

    /** 6 users x 5 items of string ids; every user has 3 or 4 interactions. */
    private Dataset clicks() throws IOException {
        StringBuilder b = new StringBuilder("visitor,page\n");
        String[] users = {"ann", "bob", "cy", "dee", "eve", "fay"};
        String[] pages = {"/a", "/b", "/c", "/d", "/e"};
        for (int u = 0; u < users.length; u++) {
            for (int p = 0; p < pages.length; p++) {
                if ((u + p) % 5 != 0 && (u * p) % 4 != 3) {
                    b.append(users[u]).append(',').append(pages[p]).append('\n');
                }
            }
        }
        Path f = tmp.resolve("clicks.csv");
        Files.writeString(f, b.toString());
        return InteractionsReader.read(f, InteractionsSpec.of(Map.of("user", "visitor", "item", "page")),
                ReadOptions.DEFAULTS);
    }

    @Test
    void ratingAlgorithmsRefuseImplicitDataNamingTheAlgorithm() throws IOException {
        Dataset d = clicks();
        assertThat(d.isImplicit()).isTrue();
        assertThatThrownBy(() -> Training.fit(AlgorithmRegistry.create("biased-mf"), d, null, "all",
                ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("algorithm 'biased-mf' needs explicit ratings, but clicks holds implicit "
                        + "feedback (no rating column; only interactions, counts or weights); algorithms that learn "
                        + "from implicit feedback: ")
                .hasMessageContaining("ease").hasMessageContaining("popularity").hasMessageNotContaining("svdpp");
        // Every provider that declares NEEDS_RATINGS refuses; the others train.
        for (AlgorithmProvider p : AlgorithmRegistry.all()) {
            if (p.capabilities().contains(AlgorithmProvider.Capability.NEEDS_RATINGS)) {
                assertThatThrownBy(() -> AlgorithmRegistry.checkData(p.name(), d)).hasMessageContaining(
                        "algorithm '" + p.name() + "' needs explicit ratings");
            } else {
                AlgorithmRegistry.checkData(p.name(), d);
            }
        }
    }

    @Test
    void anExperimentRefusesBeforeTrainingAnything() throws IOException {
        Dataset d = clicks();
        List<Fold> folds = Splits.random(0.8, 1).folds(d);
        Experiment e = new Experiment(List.of(Experiment.AlgorithmSpec.of("popularity"),
                Experiment.AlgorithmSpec.of("bias")), new Evaluator());
        int[] trained = {0};
        assertThatThrownBy(() -> e.run(d.name(), "random:0.8", 1, folds, ProgressListener.NONE, r -> trained[0]++))
                .hasMessageContaining("algorithm 'bias' needs explicit ratings");
        assertThat(trained[0]).isZero();
    }

    @Test
    void tuningOnRmseIsRefusedForImplicitData() throws IOException {
        Dataset d = clicks();
        List<Fold> folds = Splits.random(0.8, 1).folds(d);
        Tuner t = new Tuner("ease", Map.of(), Map.of("lambda", List.of("1", "10")),
                new Tuner.Config(Tuner.Search.GRID, 0, 1, List.of(MetricSpec.parse("rmse")), 0.2),
                p -> AlgorithmRegistry.create("ease", p));
        assertThatThrownBy(() -> t.run(folds, ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metric rmse needs explicit ratings, but clicks/");
    }

    @Test
    void implicitEvaluationCountsEveryHeldOutInteractionAsRelevantAndHasNoRatingMetrics() throws IOException {
        Dataset d = clicks();
        Fold f = Splits.random(0.7, 3).folds(d).get(0);
        Model m = Training.fit(AlgorithmRegistry.create("popularity"), f.train(), null, "x", ProgressListener.NONE);
        Evaluator.Result r = new Evaluator().evaluate(m, f, ProgressListener.NONE);
        assertThat(r.metrics()).doesNotContainKey("rmse");
        assertThat(r.counts().getOrDefault("ranking_users_skipped", 0L)).isZero();
        assertThat(r.metrics()).containsKey("ndcg@10");
    }

    @Test
    void stringIdsAndTheImplicitFlagSurviveTheModelFile() throws IOException {
        Dataset d = clicks();
        Model m = Training.fit(AlgorithmRegistry.create("ease", Map.of("lambda", "1")), d, null, "all",
                ProgressListener.NONE);
        Path file = tmp.resolve("m.bin");
        ModelIO.save(m, d, file);
        byte[] head = Files.readAllBytes(file);
        assertThat(java.nio.ByteBuffer.wrap(head, 8, 4).getInt()).isEqualTo(ModelIO.NAMED_IDS_VERSION);
        ModelIO.Saved s = ModelIO.load(file);
        assertThat(s.train().isImplicit()).isTrue();
        assertThat(s.train().users().ids().names()).containsExactly(d.users().ids().names());
        assertThat(s.train().movies().ids().names()).containsExactly("/a", "/b", "/c", "/d", "/e");
        assertThat(s.datasetFingerprint()).isEqualTo(d.fingerprint());
        float[] a = new float[d.numItems()];
        float[] b = new float[d.numItems()];
        ((ItemScorer) m).scoreAll(0, a);
        ((ItemScorer) s.model()).scoreAll(0, b);
        assertThat(b).containsExactly(a);
    }

    @Test
    void easeTreatsEveryImplicitInteractionAsLiked() throws IOException {
        // With the default LIKED input (threshold 4) value-1 interactions would all count as disliked.
        Dataset d = clicks();
        Model liked = Training.fit(AlgorithmRegistry.create("ease", Map.of("lambda", "1")), d, null, "all",
                ProgressListener.NONE);
        Model binary = Training.fit(AlgorithmRegistry.create("ease", Map.of("lambda", "1", "input", "BINARY")), d,
                null, "all", ProgressListener.NONE);
        float[] a = new float[d.numItems()];
        float[] b = new float[d.numItems()];
        ((ItemScorer) liked).scoreAll(1, a);
        ((ItemScorer) binary).scoreAll(1, b);
        assertThat(a).containsExactly(b);
    }
}
