package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layout of {@code recommend} and {@code similar} tables and the progress bar's terminal test. */
class MovieListTest {
    @Test
    void columnsAlignWhateverTheCellWidths() {
        List<String> lines = MovieList.align(List.of(new String[] {"rank", "title", "score"},
                new String[] {"1", "Star Wars", "0.5000"},
                new String[] {"10", MovieList.fit("A Very Long Title That Goes On And On And On And On And On", 20),
                    "0.1000"}), new boolean[] {true, false, true});
        assertThat(lines).containsExactly(
                "rank  title                  score",
                "   1  Star Wars             0.5000",
                "  10  A Very Long Title T…  0.1000");
    }

    @Test
    void fitCutsWithAnEllipsis() {
        assertThat(MovieList.fit("abcdef", 6)).isEqualTo("abcdef");
        assertThat(MovieList.fit("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
    }

    @Test
    void theYearIsShownOnceInItsColumn() {
        assertThat(MovieList.displayTitle("Star Wars (1977)", 1977)).isEqualTo("Star Wars");
        assertThat(MovieList.displayTitle("Star Wars (1977)", 1978)).isEqualTo("Star Wars (1977)");
        assertThat(MovieList.displayTitle("Untitled", 0)).isEqualTo("Untitled");
    }

    @Test
    void theBarFollowsStandardErrorAlone() {
        Map<String, String> env = Map.of();
        assertThat(ConsoleProgress.showBar(env, "/dev/pts/3", false)).as("stdout redirected, stderr a terminal")
                .isTrue();
        assertThat(ConsoleProgress.showBar(env, "/work/log.txt", true)).as("stderr redirected to a file").isFalse();
        assertThat(ConsoleProgress.showBar(env, "pipe:[1234]", true)).isFalse();
        assertThat(ConsoleProgress.showBar(env, null, true)).as("no /proc: the console decides").isTrue();
        assertThat(ConsoleProgress.showBar(env, null, false)).isFalse();
        assertThat(ConsoleProgress.showBar(Map.of("MOVIEREC_PROGRESS", "0"), "/dev/pts/3", true)).isFalse();
        assertThat(ConsoleProgress.showBar(Map.of("MOVIEREC_PROGRESS", "1"), "/work/log.txt", false)).isTrue();
        assertThat(ConsoleProgress.showBar(Map.of("TERM", "dumb"), "/dev/pts/3", true)).isFalse();
    }
}
