package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RecommendAllBenchTest {
    @Test
    void tinyShapeRunsBothPathsAndFindsTheSameLists() {
        String table = RecommendAllBench.parse("300x700x9").run(new PrintWriter(new StringWriter()));
        assertThat(table).contains("Exact top 10 for 300 users over 700 movies, k = 9");
        // Two summation orders, each batched and one at a time; the per-user rows compare the lists.
        assertThat(table.lines().filter(l -> l.startsWith("| batched"))).hasSize(2);
        assertThat(table.lines().filter(l -> l.startsWith("| one at a time"))).hasSize(2)
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
