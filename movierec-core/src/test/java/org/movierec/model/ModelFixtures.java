package org.movierec.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ModelFixtures OUTPUT_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Path file = writeBiasV1(dir);
        System.out.println("wrote " + file + " (" + Files.size(file) + " bytes, format " + ModelIO.FORMAT_VERSION
                + ", movierec " + Version.current() + ")");
    }
}
