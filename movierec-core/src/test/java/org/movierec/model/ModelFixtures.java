package org.movierec.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.util.Version;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.util.ProgressListener;

/**
 * Writes the model-file compatibility fixtures under {@code src/test/resources/fixtures/models}.
 * A fixture is written ONCE by the version that introduces a format (or a model type) and then
 * committed and never regenerated: {@link ModelFileCompatibilityTest} checks that later versions
 * still load it. A new format version or payload layout gets a new file ({@code bias-v2.bin}, ...)
 * beside the old ones.
 *
 * <p>Fixtures are trained on a tiny SYNTHETIC dataset (never MovieLens, whose licence forbids
 * redistribution), and their provenance gets a fixed time stamp so that the file depends only on
 * the code that wrote it. How {@code bias-v1.bin} was made (from the repository root, format 1,
 * movierec 0.1.0-SNAPSHOT), through the test runner so that no extra Maven plugin is needed (the
 * class name matches no test pattern, so ordinary test runs skip it; the path is relative to
 * {@code movierec-core}):
 *
 * <pre>
 * mvn -o -q -pl movierec-core test -Dtest=ModelFixtures \
 *     -Dmovierec.writeFixtures=src/test/resources/fixtures/models
 * </pre>
 *
 * or {@link #main} with the output directory, from any classpath holding core's test classes.
 */
public class ModelFixtures {
    /** The synthetic training data of the v1 fixtures: 12 users, 10 movies, 40 ratings. */
    static final SyntheticGenerator.Config DATA = new SyntheticGenerator.Config(12, 10, 40, 2, 0.5, 0.5, 2, false,
            2026);
    /** The fixed training time stamp recorded in the fixtures' provenance. */
    static final String TRAINED_AT = "2026-11-23T00:00:00Z";

    /** Writes the fixtures when {@code -Dmovierec.writeFixtures=DIR} is given (see the class comment). */
    @Test
    @EnabledIfSystemProperty(named = "movierec.writeFixtures", matches = ".+")
    void writeFixtures() throws IOException {
        main(new String[] {System.getProperty("movierec.writeFixtures")});
    }

    /** Trains the bias baseline (default settings) on {@link #DATA} and saves it as {@code bias-v1.bin}. */
    static Path writeBiasV1(Path dir) throws IOException {
        Dataset train = SyntheticGenerator.generate(DATA);
        Model m = Training.fit(new BiasBaseline(), train, null, "all", ProgressListener.NONE);
        Provenance p = m.provenance().withTraining(train.name(), train.fingerprint(), "all", TRAINED_AT, 0.0,
                Map.of());
        Path file = dir.resolve("bias-v1.bin");
        ModelIO.save(m.withProvenance(p), train, file);
        return file;
    }

    /**
     * Small settings per algorithm for the fixtures (the data has 12 users and 10 movies); an
     * algorithm not listed here is trained with its defaults.
     */
    static final Map<String, Map<String, String>> SMALL = Map.of(
            "biased-mf", Map.of("factors", "4", "epochs", "5"),
            "svdpp", Map.of("factors", "4", "epochs", "5"),
            "timesvdpp", Map.of("factors", "4", "epochs", "5"),
            "als", Map.of("factors", "4", "iterations", "3"),
            "ials", Map.of("factors", "4"),
            "bpr", Map.of("factors", "4"),
            "fm", Map.of("rank", "4", "burnIn", "5", "samples", "5"),
            "blend", Map.of("models", "bias,biased-mf:factors=4:epochs=5"));

    /**
     * Trains {@code algo} on {@link #DATA}, saves it as {@code ALGO-v1.bin} and its scores as
     * {@code ALGO-v1.scores} (see {@link #scores}): the expected values later versions must reproduce.
     */
    static Path writeV1(Path dir, String algo) throws IOException {
        Dataset train = SyntheticGenerator.generate(DATA);
        Model m = Training.fit(AlgorithmRegistry.create(algo, SMALL.getOrDefault(algo, Map.of())), train, null, "all",
                ProgressListener.NONE);
        Provenance p = m.provenance().withTraining(train.name(), train.fingerprint(), "all", TRAINED_AT, 0.0,
                Map.of());
        Path file = dir.resolve(algo + "-v1.bin");
        ModelIO.save(m.withProvenance(p), train, file);
        Files.writeString(dir.resolve(algo + "-v1.scores"), scores(m, train));
        return file;
    }

    /**
     * Every prediction ({@code RatingPredictor}: "p" lines) and every item score ({@code ItemScorer}:
     * "s" lines) of every user, one line per user, as the hex bits of the floats, so a comparison is
     * exact.
     */
    static String scores(Model m, Dataset d) {
        StringBuilder sb = new StringBuilder();
        float[] out = new float[d.numItems()];
        for (int u = 0; u < d.numUsers(); u++) {
            if (m instanceof RatingPredictor rp) {
                sb.append('p');
                for (int i = 0; i < d.numItems(); i++) {
                    sb.append(' ').append(Integer.toHexString(Float.floatToIntBits(rp.predict(u, i))));
                }
                sb.append('\n');
            }
            if (m instanceof ItemScorer s) {
                s.scoreAll(u, out);
                sb.append('s');
                for (float v : out) {
                    sb.append(' ').append(Integer.toHexString(Float.floatToIntBits(v)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the fixtures of the given algorithms (all registered model types when none are given)
     * that do not exist yet in {@code dir}: existing fixtures are never regenerated.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ModelFixtures OUTPUT_DIR [ALGO...]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        java.util.List<String> algos = args.length > 1 ? java.util.List.of(args).subList(1, args.length)
                : new java.util.ArrayList<>(new java.util.TreeSet<>(AlgorithmRegistry.names()));
        for (String algo : algos) {
            Path file = dir.resolve(algo + "-v1.bin");
            if (Files.exists(file)) {
                continue;
            }
            file = algo.equals("bias") ? writeBiasV1(dir) : writeV1(dir, algo);
            System.out.println("wrote " + file + " (" + Files.size(file) + " bytes, format " + ModelIO.FORMAT_VERSION
                    + ", movierec " + Version.current() + ")");
        }
    }
}
