package org.movierec.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.rec.CandidateIndex;
import org.movierec.rec.IndexFile;

/** An HNSW index written beside a model and read back: the same graph, the same answers; misfits refused. */
class IndexFileTest {
    private static final int N = 3000;
    private static final int K = 16;

    @TempDir
    Path tmp;

    @Test
    void writtenThenReadGivesTheSameGraphAndTheSameAnswers() throws Exception {
        float[] items = SyntheticFactors.items(N, K, 3);
        CandidateIndex built = CandidateIndex.build(CandidateIndex.Choice.HNSW, items, N, K + 1);
        Path file = IndexFile.beside(tmp.resolve("m.bin"));
        assertThat(file.getFileName().toString()).isEqualTo("m.bin.index");
        IndexFile.write(file, built, items);
        CandidateIndex read = IndexFile.read(file, items, N, K + 1);
        assertThat(read).isInstanceOf(LuceneHnswIndex.class);
        assertThat(((LuceneHnswIndex) read).sameAs((LuceneHnswIndex) built)).isTrue();
        float[][] queries = SyntheticFactors.queries(50, K, 4);
        int[] a = new int[10];
        int[] b = new int[10];
        float[] sa = new float[10];
        float[] sb = new float[10];
        for (float[] q : queries) {
            int na = built.search(q, 10, i -> i % 7 != 0, a, sa);
            int nb = read.search(q, 10, i -> i % 7 != 0, b, sb);
            assertThat(nb).isEqualTo(na);
            assertThat(Arrays.copyOf(b, nb)).containsExactly(Arrays.copyOf(a, na));
            assertThat(Arrays.copyOf(sb, nb)).containsExactly(Arrays.copyOf(sa, na));
        }
        // A rebuild over the same vectors is the same graph: the build is deterministic.
        CandidateIndex again = CandidateIndex.build(CandidateIndex.Choice.HNSW, items, N, K + 1);
        assertThat(((LuceneHnswIndex) again).sameAs((LuceneHnswIndex) built)).isTrue();
    }

    @Test
    void anIndexOfOtherVectorsATruncatedFileAndAForeignFileAreRefusedWithTheFileNamed() throws Exception {
        float[] items = SyntheticFactors.items(N, K, 3);
        CandidateIndex built = CandidateIndex.build(CandidateIndex.Choice.HNSW, items, N, K + 1);
        Path file = tmp.resolve("m.bin.index");
        IndexFile.write(file, built, items);

        float[] changed = items.clone();
        changed[5] += 1e-3f; // one weight of a retrained model
        assertThatThrownBy(() -> IndexFile.read(file, changed, N, K + 1)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("built on other item vectors");
        float[] fewer = Arrays.copyOf(items, (N - 1) * (K + 1));
        assertThatThrownBy(() -> IndexFile.read(file, fewer, N - 1, K + 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("3000 x 17").hasMessageContaining("2999 x 17");

        byte[] bytes = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.index");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> IndexFile.read(cut, items, N, K + 1)).isInstanceOf(IOException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");

        Path foreign = tmp.resolve("foreign.index");
        Files.writeString(foreign, "not an index at all, just some text");
        assertThatThrownBy(() -> IndexFile.read(foreign, items, N, K + 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a movierec index file");

        assertThatThrownBy(() -> IndexFile.write(tmp.resolve("x.index"),
                CandidateIndex.build(CandidateIndex.Choice.EXACT, items, N, K + 1), items))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exact");
    }

    @Test
    void aCorruptGraphIsRefusedNotSearched() throws Exception {
        float[] items = SyntheticFactors.items(N, K, 3);
        CandidateIndex built = CandidateIndex.build(CandidateIndex.Choice.HNSW, items, N, K + 1);
        Path file = tmp.resolve("m.bin.index");
        IndexFile.write(file, built, items);
        byte[] bytes = Files.readAllBytes(file);
        // The last int is the last neighbour id of the graph: point it outside the catalogue.
        int p = bytes.length - 4;
        bytes[p] = 0x7f;
        Path bad = tmp.resolve("bad.index");
        Files.write(bad, bytes);
        assertThatThrownBy(() -> IndexFile.read(bad, items, N, K + 1)).isInstanceOf(IOException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("outside 0..2999");
    }
}
