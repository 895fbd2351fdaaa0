package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.model.AlgorithmRegistry;
import org.movierec.util.MemoryBudget;
import org.movierec.util.ProgressListener;

/**
 * The algorithms with an n x n matrix check their heap before they start: a catalogue too large for
 * the JVM is one error naming the need and -Xmx at once, not an OutOfMemoryError after minutes. The
 * catalogue here needs tens of GB whatever heap the test JVM has.
 */
class TrainingHeapCheckTest {
    static Dataset wide(int movies) {
        Interactions.Builder b = new Interactions.Builder(3, movies, 6);
        b.add(0, 0, 5, 0);
        b.add(0, 1, 4, 0);
        b.add(1, 1, 2, 0);
        b.add(1, movies - 1, 5, 0);
        b.add(2, 0, 3, 0);
        b.add(2, movies - 1, 1, 0);
        return new Dataset("wide", Users.withoutDemographics(IdIndex.sequential(3)),
                Movies.idsOnly(IdIndex.sequential(movies)), b.build(true), new RatingScale(1, 5, 1));
    }

    @Test
    void easeRefusesACatalogueItsMatricesCannotFitBeforeWorking() {
        Dataset d = wide(40_000); // 20 bytes x 40,000^2 = 32 GB
        assertThatThrownBy(() -> AlgorithmRegistry.create("ease", Map.of()).fit(d, null, ProgressListener.NONE))
                .isInstanceOf(MemoryBudget.InsufficientHeapException.class)
                .hasMessageStartingWith("ease on 40,000 movies (40,000 x 40,000 matrices) needs about 30,5")
                .hasMessageContaining("(-Xmx). Raise it, e.g. MOVIEREC_JAVA_OPTS=-Xmx");
    }

    @Test
    void itemKnnRefusesACatalogueItsSimilaritiesCannotFit() {
        Dataset d = wide(46_000); // 4 bytes x 46,000^2 = 8.5 GB
        assertThatThrownBy(() -> AlgorithmRegistry.create("item-knn", Map.of()).fit(d, null, ProgressListener.NONE))
                .isInstanceOf(MemoryBudget.InsufficientHeapException.class)
                .hasMessageStartingWith("item-knn on 46,000 movies (a 46,000 x 46,000 matrix) needs about 8,0");
    }
}
