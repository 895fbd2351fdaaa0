package org.movierec.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.Movies;
import org.movierec.data.io.TmdbCredits;

class SyntheticCreditsTest {
    static SyntheticGenerator.Result truth() {
        return SyntheticGenerator.generateWithTruth(SyntheticGenerator.Config.of(200, 300, 6000, 4));
    }

    @Test
    void linksAndCreditsForEveryMovieTheRatingsUnchangedTheSameForASeed() {
        SyntheticGenerator.Result t = truth();
        Dataset d = SyntheticCredits.attach(t, 4);
        Movies m = d.movies();
        assertThat(d.fingerprint()).isEqualTo(t.dataset().fingerprint());
        assertThat(m.hasLinks()).isTrue();
        assertThat(m.hasCredits()).isTrue();
        for (int i = 0; i < m.size(); i++) {
            int id = m.ids().externalId(i);
            assertThat(m.tmdbId(i)).isEqualTo(7 * id + 11);
            assertThat(m.imdbId(i)).isEqualTo(100_000 + id);
            assertThat(m.directors(i)).hasSize(1);
            assertThat(m.cast(i)).hasSize(4).doesNotHaveDuplicates();
            assertThat(m.cast(i).get(3)).isEqualTo("Synthetic Extra " + id);
            assertThat(m.title(i)).isEqualTo(t.dataset().movies().title(i));
            assertThat(m.genreBits(i)).isEqualTo(t.dataset().movies().genreBits(i));
        }
        Movies again = SyntheticCredits.attach(truth(), 4).movies();
        Movies other = SyntheticCredits.attach(truth(), 5).movies();
        boolean differs = false;
        for (int i = 0; i < m.size(); i++) {
            assertThat(again.cast(i)).isEqualTo(m.cast(i));
            assertThat(again.directors(i)).isEqualTo(m.directors(i));
            differs |= !other.cast(i).equals(m.cast(i));
        }
        assertThat(differs).isTrue();
    }

    /** Planted: a director's movies lie closer in true bias than random pairs of movies do. */
    @Test
    void aDirectorsMoviesAreAlike() {
        SyntheticGenerator.Result t = truth();
        Movies m = SyntheticCredits.attach(t, 4).movies();
        Map<String, Set<Integer>> byDirector = new HashMap<>();
        for (int i = 0; i < m.size(); i++) {
            byDirector.computeIfAbsent(m.directors(i).get(0), k -> new HashSet<>()).add(i);
        }
        assertThat(byDirector.values()).allSatisfy(s -> assertThat(s.size()).isBetween(1, 8));
        double same = 0;
        long sameN = 0;
        for (Set<Integer> s : byDirector.values()) {
            for (int a : s) {
                for (int b : s) {
                    if (a < b) {
                        same += Math.abs(t.itemBias()[a] - t.itemBias()[b]);
                        sameN++;
                    }
                }
            }
        }
        double all = 0;
        long allN = 0;
        for (int a = 0; a < m.size(); a++) {
            for (int b = a + 1; b < m.size(); b++) {
                all += Math.abs(t.itemBias()[a] - t.itemBias()[b]);
                allN++;
            }
        }
        System.out.printf("mean |b_i - b_j|: same director %.4f, any two movies %.4f%n", same / sameN, all / allN);
        assertThat(same / sameN).isLessThan(0.5 * all / allN);
    }

    @Test
    void writtenAsTmdbApiJsonLinesAndReadBack(@TempDir Path dir) throws Exception {
        Movies m = SyntheticCredits.attach(truth(), 4).movies();
        Path file = dir.resolve("credits.jsonl");
        assertThat(TmdbCredits.writeJsonLines(m, file)).isEqualTo(m.size());
        TmdbCredits c = TmdbCredits.read(file);
        assertThat(c.size()).isEqualTo(m.size());
        Movies back = c.join(m);
        for (int i = 0; i < m.size(); i++) {
            assertThat(back.directors(i)).isEqualTo(m.directors(i));
            assertThat(back.cast(i)).isEqualTo(m.cast(i));
        }
    }
}
