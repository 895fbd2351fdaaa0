package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;

/**
 * Model files saved by earlier versions stay loadable: {@code fixtures/models/bias-v1.bin} was
 * written by format version 1 (see {@link ModelFixtures}) and is never regenerated. Also checks that
 * damaged files fail with a clear error that names the file.
 */
class ModelFileCompatibilityTest {
    private static final String BIAS_V1 = "/fixtures/models/bias-v1.bin";
    /** The 8-byte CRC-32 trailer (see {@link ModelIO}). */
    private static final int CRC_BYTES = 8;
    /** "MOVIEREC" and the format version. */
    private static final int HEADER_BYTES = 12;

    @TempDir
    Path tmp;

    private static Path fixture(String resource) throws Exception {
        var url = ModelFileCompatibilityTest.class.getResource(resource);
        assertThat(url).as("fixture %s on the test classpath", resource).isNotNull();
        return Path.of(url.toURI());
    }

    private static BiasBaseline.Model loadBias(Path file) throws IOException {
        ModelIO.Saved saved = ModelIO.load(file);
        assertThat(saved.model()).isInstanceOf(BiasBaseline.Model.class);
        return (BiasBaseline.Model) saved.model();
    }

    @Test
    void biasV1LoadsWithItsRecordedProvenanceAndTrainingData() throws Exception {
        ModelIO.Saved saved = ModelIO.load(fixture(BIAS_V1));
        Provenance p = saved.model().provenance();
        // Recorded when the fixture was written (ModelFixtures, format 1).
        assertThat(saved.model().type()).isEqualTo("bias");
        assertThat(p.algorithm()).isEqualTo("bias");
        assertThat(p.hyperparameters()).isEqualTo(Map.of("regUser", "15.0", "regItem", "10.0", "iterations", "10"));
        assertThat(p.seed()).isZero();
        assertThat(p.dataset()).isEqualTo("synthetic-12x10-seed2026");
        assertThat(p.datasetFingerprint()).isEqualTo("7654ff9c58213915");
        assertThat(p.split()).isEqualTo("all");
        assertThat(p.movierecVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(p.trainedAt()).isEqualTo(ModelFixtures.TRAINED_AT);
        assertThat(p.trainingSeconds()).isZero();
        assertThat(p.validationMetrics()).isEmpty();

        Dataset train = saved.train();
        assertThat(train.name()).isEqualTo(p.dataset());
        assertThat(train.numUsers()).isEqualTo(ModelFixtures.DATA.users());
        assertThat(train.numItems()).isEqualTo(ModelFixtures.DATA.movies());
        assertThat(train.interactions().size()).isEqualTo((int) ModelFixtures.DATA.ratings());
        // The training data read back hashes to the fingerprint recorded at training time.
        assertThat(train.fingerprint()).isEqualTo(p.datasetFingerprint());
        assertThat(train.movies().title(0)).startsWith("Synthetic Movie 1 (");
    }

    @Test
    void biasV1PredictsFromItsLoadedBiases() throws Exception {
        ModelIO.Saved saved = ModelIO.load(fixture(BIAS_V1));
        BiasBaseline.Model m = (BiasBaseline.Model) saved.model();
        Dataset train = saved.train();
        assertThat(m.numItems()).isEqualTo(train.numItems());
        float[] scores = new float[m.numItems()];
        for (int u = 0; u < train.numUsers(); u++) {
            m.scoreAll(u, scores);
            for (int i = 0; i < train.numItems(); i++) {
                float expected = m.mean() + m.userBias(u) + m.itemBias(i);
                assertThat(m.predict(u, i)).as("predict(%d, %d)", u, i).isEqualTo(expected);
                assertThat(scores[i]).as("score(%d, %d)", u, i).isEqualTo(expected);
            }
        }
        // The stored biases are what the recorded settings fit on the stored data: mu is the mean
        // rating, and the ALS sweeps reproduce b_u and b_i (this fails if the payload were misread,
        // e.g. user and item biases swapped, or if BiasBaseline's fitting changed).
        assertThat((double) m.mean()).isCloseTo(train.interactions().meanRating(), within(1e-6));
        Map<String, String> h = m.provenance().hyperparameters();
        BiasBaseline.Biases refit = BiasBaseline.fitBiases(train.interactions(), Float.parseFloat(h.get("regUser")),
                Float.parseFloat(h.get("regItem")), Integer.parseInt(h.get("iterations")));
        for (int u = 0; u < train.numUsers(); u++) {
            assertThat(m.userBias(u)).as("b_u[%d]", u).isCloseTo(refit.user()[u], within(1e-5f));
        }
        for (int i = 0; i < train.numItems(); i++) {
            assertThat(m.itemBias(i)).as("b_i[%d]", i).isCloseTo(refit.item()[i], within(1e-5f));
        }
    }

    @Test
    void aCorruptedByteGivesTheChecksumError() throws Exception {
        byte[] good = Files.readAllBytes(fixture(BIAS_V1));
        BiasBaseline.Model m = loadBias(fixture(BIAS_V1));
        Dataset train = ModelIO.load(fixture(BIAS_V1)).train();
        // Payload: mu (4) | n_u (4) | b_u (4 n_u) | n_i (4) | b_i (4 n_i), then the CRC.
        int payload = 4 + 4 + 4 * train.numUsers() + 4 + 4 * train.numItems();
        int start = good.length - CRC_BYTES - payload;
        assertThat(ByteBuffer.wrap(good, start, 4).getFloat()).as("payload starts with mu").isEqualTo(m.mean());
        Path file = tmp.resolve("corrupt.bin");
        // Every payload and checksum byte, and every 11th byte of the provenance and training data
        // (string and array lengths included: the checksum is verified before anything is parsed, so a
        // flipped length never reaches the parser); about 330 loads.
        for (int pos = HEADER_BYTES; pos < good.length; pos += pos < start ? 11 : 1) {
            byte[] bad = good.clone();
            bad[pos] ^= (byte) (pos % 2 == 0 ? 0x01 : 0x80);
            Files.write(file, bad);
            assertThatThrownBy(() -> ModelIO.load(file)).as("byte %d of %d flipped", pos, good.length)
                    .isInstanceOf(IOException.class)
                    .hasMessage(file + ": checksum mismatch, the file is corrupted or truncated");
        }
    }

    @Test
    void aCorruptedHeaderSaysWhatIsWrong() throws Exception {
        byte[] good = Files.readAllBytes(fixture(BIAS_V1));
        Path file = tmp.resolve("header.bin");
        for (int pos = 0; pos < 8; pos++) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x20;
            Files.write(file, bad);
            assertThatThrownBy(() -> ModelIO.load(file)).as("magic byte %d", pos)
                    .hasMessage(file + ": not a movierec model file");
        }
        byte[] bad = good.clone();
        bad[8] ^= 0x40; // the high byte of the version: 1 becomes 0x40000001
        Files.write(file, bad);
        assertThatThrownBy(() -> ModelIO.load(file)).hasMessageContaining("model format version " + 0x40000001);
    }

    @Test
    void truncationAnywhereGivesAClearError() throws Exception {
        byte[] good = Files.readAllBytes(fixture(BIAS_V1));
        Path file = tmp.resolve("short.bin");
        // Every cut inside the header and the checksum, and every 13th elsewhere (13 is coprime to 4 and 8,
        // so the cuts land at every alignment inside ints, floats and longs); about 220 loads.
        for (int len = 0; len < good.length; len = len < 24 || len >= good.length - 16 ? len + 1 : len + 13) {
            Files.write(file, java.util.Arrays.copyOf(good, len));
            // Up to the header and a checksum's worth of bytes the file is visibly short; beyond that
            // format 1 (which records no length) can only tell that the checksum does not match.
            String expected = len < HEADER_BYTES + CRC_BYTES ? "truncated model file"
                    : "checksum mismatch, the file is corrupted or truncated";
            assertThatThrownBy(() -> ModelIO.load(file)).as("first %d of %d bytes", len, good.length)
                    .isInstanceOf(IOException.class)
                    .hasMessage(file + ": " + expected);
        }
    }

    @Test
    void appendedBytesAreRejected() throws Exception {
        byte[] good = Files.readAllBytes(fixture(BIAS_V1));
        Path file = tmp.resolve("long.bin");
        Files.write(file, java.util.Arrays.copyOf(good, good.length + 1));
        // The CRC is taken to be the last 8 bytes, which now straddle the real CRC and the extra byte.
        assertThatThrownBy(() -> ModelIO.load(file)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFutureFormatVersionIsRejectedClearly() throws Exception {
        byte[] bad = Files.readAllBytes(fixture(BIAS_V1));
        // Header: "MOVIEREC" (8 bytes), then the format version as a big-endian int.
        assertThat(ByteBuffer.wrap(bad, 8, 4).getInt()).isEqualTo(1);
        ByteBuffer.wrap(bad, 8, 4).putInt(ModelIO.NAMED_IDS_VERSION + 1);
        Path file = tmp.resolve("future.bin");
        Files.write(file, bad);
        assertThatThrownBy(() -> ModelIO.load(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": model format version " + (ModelIO.NAMED_IDS_VERSION + 1)
                        + " is not supported by this movierec (supports 1.." + ModelIO.NAMED_IDS_VERSION + ")");
    }

    @Test
    void aFileThatIsNoModelIsRejectedClearly() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "MOVIERE? is not the magic word");
        assertThatThrownBy(() -> ModelIO.load(file)).hasMessage(file + ": not a movierec model file");
    }
}
