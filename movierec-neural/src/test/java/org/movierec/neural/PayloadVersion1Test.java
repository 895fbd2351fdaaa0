package org.movierec.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;

/**
 * Model files written before payload version 2 (which added the credit codes) still load and score
 * bit for bit as they did. The fixtures under {@code src/test/resources/v1/} were written by commit
 * aa3adee's code on synthetic data (40 users, 30 movies, 600 ratings, seed 3), with the raw float
 * bits of {@code scoreAll} for users 0..4 beside each.
 */
class PayloadVersion1Test {
    @ParameterizedTest
    @ValueSource(strings = {"dcn", "content-tower"})
    void version1FilesLoadAndScoreAsBefore(String algo) throws Exception {
        Path dir = Path.of("src", "test", "resources", "v1");
        Model m = ModelIO.load(dir.resolve(algo + "-v1.model")).model();
        assertThat(m.type()).isEqualTo(algo);
        String[] lines = Files.readString(dir.resolve(algo + "-v1.scores")).strip().split("\n");
        assertThat(lines).hasSize(5);
        for (int u = 0; u < 5; u++) {
            String[] hex = lines[u].strip().split("\\s+");
            float[] s = new float[hex.length];
            ((ItemScorer) m).scoreAll(u, s);
            for (int i = 0; i < hex.length; i++) {
                assertThat(Integer.toHexString(Float.floatToRawIntBits(s[i]))).as("user %d movie %d", u, i)
                        .isEqualTo(hex[i]);
            }
        }
    }
}
