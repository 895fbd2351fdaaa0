package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RecommendAllBenchTest {
    @Test
    void smallShapeRunsBothPathsOnBothSpectraAndFindsTheSameLists() {
        String table = RecommendAllBench.parse("300x3000x32").run(new PrintWriter(new StringWriter()));
        assertThat(table).contains("Exact top 10 for 300 users over 3,000 movies, k = 32");
        // Two spectra by two summation orders, each batched and one at a time; the per-user rows compare
        // the lists (every item scored) with the batched ones (bounds, where the spectrum falls).
        assertThat(table.lines().filter(l -> l.startsWith("| flat | batched (`rankBlock`, every item scored)")))
                .hasSize(2);
        assertThat(table.lines().filter(l -> l.startsWith("| falling | batched (`rankBlock`, bounds)"))).hasSize(2);
        assertThat(table.lines().filter(l -> l.contains("| one at a time"))).hasSize(4)
                .allSatisfy(l -> assertThat(l).endsWith("| yes |"));
    }

    @Test
    void badShapesAreUserErrors() {
        assertThatThrownBy(() -> RecommendAllBench.parse("162000x59000")).isInstanceOf(Main.UserException.class)
                .hasMessageContaining("USERSxMOVIESxK");
        assertThatThrownBy(() -> RecommendAllBench.parse("10x5x3")).isInstanceOf(Main.UserException.class)
                .hasMessageContaining("movies >= 11");
    }
}
