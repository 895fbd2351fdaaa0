package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every registered model type has a file saved by the version that introduced it
 * ({@code fixtures/models/TYPE-v1.bin}, written by {@link ModelFixtures}); this version must load
 * each one and reproduce the scores recorded beside it ({@code TYPE-v1.scores}) bit for bit.
 */
class AllModelFixturesTest {
    @TestFactory
    List<DynamicTest> everyModelTypeLoadsItsV1FixtureAndReproducesItsScores() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : new java.util.TreeSet<>(AlgorithmRegistry.names())) {
            tests.add(DynamicTest.dynamicTest(type, () -> check(type)));
        }
        return tests;
    }

    private static void check(String type) throws IOException, URISyntaxException {
        URL model = AllModelFixturesTest.class.getResource("/fixtures/models/" + type + "-v1.bin");
        assertThat(model).as("fixture %s-v1.bin: write it with ModelFixtures (see its class comment)", type)
                .isNotNull();
        ModelIO.Saved saved = ModelIO.load(Path.of(model.toURI()));
        assertThat(saved.model().type()).isEqualTo(type);
        assertThat(saved.model().provenance().algorithm()).isEqualTo(type);
        URL scores = AllModelFixturesTest.class.getResource("/fixtures/models/" + type + "-v1.scores");
        if (scores == null) {
            return; // fixtures from before recorded scores (bias-v1) are checked by ModelFileCompatibilityTest
        }
        String expected = Files.readString(Path.of(scores.toURI()));
        assertThat(ModelFixtures.scores(saved.model(), saved.train())).isEqualTo(expected);
    }
}
