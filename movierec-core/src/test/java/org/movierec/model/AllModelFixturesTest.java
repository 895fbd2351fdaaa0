package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered model type has a file saved in the current format
 * ({@code fixtures/models/TYPE-vN.bin}, N = {@link ModelIO#FORMAT_VERSION}, written by
 * {@link ModelFixtures}), and every fixture of every earlier format that exists ({@code TYPE-v1.bin}
 * for the types of format 1) must still load and reproduce the scores recorded beside it
 * ({@code TYPE-vN.scores}) bit for bit.
 */
class AllModelFixturesTest {
    @TestFactory
    List<DynamicTest> everyModelTypeLoadsItsFixturesAndReproducesTheirScores() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : new java.util.TreeSet<>(AlgorithmRegistry.names())) {
            tests.add(DynamicTest.dynamicTest(type + " has a v" + ModelIO.FORMAT_VERSION + " fixture", () ->
                    assertThat(resource(type, ModelIO.FORMAT_VERSION, ".bin"))
                            .as("fixture %s-v%d.bin: write it with ModelFixtures (see its class comment)", type,
                                    ModelIO.FORMAT_VERSION).isNotNull()));
            for (int v = 1; v <= ModelIO.FORMAT_VERSION; v++) {
                if (resource(type, v, ".bin") != null) {
                    int version = v;
                    tests.add(DynamicTest.dynamicTest(type + "-v" + v, () -> check(type, version)));
                }
            }
        }
        return tests;
    }

    private static URL resource(String type, int version, String ext) {
        return AllModelFixturesTest.class.getResource("/fixtures/models/" + type + "-v" + version + ext);
    }

    private static void check(String type, int version) throws IOException, URISyntaxException {
        Path file = Path.of(resource(type, version, ".bin").toURI());
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file), 8, 4).getInt()).as("format in the header")
                .isEqualTo(version);
        ModelIO.Saved saved = ModelIO.load(file);
        assertThat(saved.model().type()).isEqualTo(type);
        assertThat(saved.model().provenance().algorithm()).isEqualTo(type);
        assertThat(saved.datasetFingerprint()).isEqualTo(saved.model().provenance().datasetFingerprint());
        URL scores = resource(type, version, ".scores");
        if (scores == null) {
            // bias-v1 predates recorded scores; ModelFileCompatibilityTest checks it field by field.
            assertThat(type + "-v" + version).isEqualTo("bias-v1");
            return;
        }
        String expected = Files.readString(Path.of(scores.toURI()));
        assertThat(ModelFixtures.scores(saved.model(), saved.train())).isEqualTo(expected);
    }
}
