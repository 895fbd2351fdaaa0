package org.movierec.rec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.model.FoldIn;
import org.movierec.model.ItemScorer;
import org.movierec.model.Model;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;

class RecommenderTest {
    /** Item i scores 10*user + i: item 4 is best for everyone. */
    record Linear(int numItems) implements ItemScorer, FoldIn {
        @Override
        public void scoreAll(int user, float[] out) {
            for (int i = 0; i < out.length; i++) {
                out[i] = 10 * user + i;
            }
        }

        @Override
        public void scoreFoldIn(int[] items, float[] ratings, float[] out) {
            // reversed: item 0 is best, minus the sum of the ratings
            float sum = 0;
            for (float r : ratings) {
                sum += r;
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = out.length - i - sum;
            }
        }
    }

    private static Interactions seen() {
        Interactions.Builder b = new Interactions.Builder(2, 5, 2);
        b.add(0, 4, 5f, 1);
        b.add(1, 2, 3f, 1);
        return b.build(false);
    }

    @Test
    void excludesSeenAndExtraAndFiltered() {
        Recommender r = new Recommender(new Linear(5), seen());
        // user 0: scores 0..4, item 4 seen -> 3, 2, 1, 0
        assertThat(r.recommend(0, 3).items()).containsExactly(3, 2, 1);
        // also exclude 3; filter keeps even items -> 2, 0
        Recommender.Ranked ranked = r.recommend(0, 3, new int[] {3}, i -> i % 2 == 0);
        assertThat(ranked.items()).containsExactly(2, 0);
        assertThat(ranked.scores()).containsExactly(2f, 0f);
        // user 1 has item 2 seen: 14, 13, 11 (=10+4, 10+3, 10+1)
        assertThat(r.recommend(1, 3).scores()).containsExactly(14f, 13f, 11f);
    }

    @Test
    void foldInExcludesTheRatedItems() {
        Recommender r = new Recommender(new Linear(5), seen());
        assertThat(r.supportsFoldIn()).isTrue();
        // scores 5-i-4 = 1-i; rated item 0 excluded -> 1, 2 with scores 0, -1
        Recommender.Ranked ranked = r.recommendFoldIn(new int[] {0}, new float[] {4f}, 2, null, null);
        assertThat(ranked.items()).containsExactly(1, 2);
        assertThat(ranked.scores()).containsExactly(0f, -1f);
        assertThat(r.recommendFoldIn(new int[] {0}, new float[] {4f}, 2, new int[] {1}, i -> i != 2).items())
                .containsExactly(3, 4);
    }

    @Test
    void ratingPredictorIsAdaptedInCore() {
        record Pred(Provenance provenance) implements Model, RatingPredictor {
            @Override
            public float predict(int user, int item) {
                return item == 1 ? 5f : 1f + item * 0.1f;
            }

            @Override
            public Model withProvenance(Provenance p) {
                return new Pred(p);
            }

            @Override
            public String type() {
                return "pred";
            }

            @Override
            public void writePayload(DataOutputStream out) {
            }
        }
        Recommender r = Recommender.of(new Pred(null), 4, null);
        assertThat(r.supportsFoldIn()).isFalse();
        // predictions 1.0, 5.0, 1.2, 1.3 -> 1, 3, 2
        assertThat(r.recommend(0, 3).items()).containsExactly(1, 3, 2);
        assertThatThrownBy(() -> r.recommendFoldIn(new int[] {0}, new float[] {1}, 2, null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fold-in");
    }

    @Test
    void shownScoresAreClippedToTheScaleOnlyWhenTheyAreRatings() {
        // Linear scores 10 u + i are not ratings: 10, 11, ... stay as they are.
        Recommender ranker = new Recommender(new Linear(5), null);
        Recommender.Ranked top = ranker.recommend(1, 2);
        assertThat(ranker.clipShown(RatingScale.WHOLE_STARS, top).scores()).containsExactly(14f, 13f);
        // The same scores declared as ratings are shown clipped to 1..5, the order kept (4 before 3).
        record Rated(int numItems) implements ItemScorer {
            @Override
            public void scoreAll(int user, float[] out) {
                new Linear(numItems).scoreAll(user, out);
                out[0] = -2f;
            }

            @Override
            public boolean scoresAreRatings() {
                return true;
            }
        }
        Recommender rated = new Recommender(new Rated(5), null);
        Recommender.Ranked all = rated.recommend(1, 5);
        assertThat(all.items()).containsExactly(4, 3, 2, 1, 0);
        assertThat(rated.clipShown(RatingScale.WHOLE_STARS, all).scores()).containsExactly(5f, 5f, 5f, 5f, 1f);
        assertThat(all.scores()[0]).as("the list itself keeps the raw scores").isEqualTo(14f);
        // Models that only predict ratings go through core's adapter, whose scores are ratings.
        assertThat(Recommender.scorer(new RatingOnly(), 3).scoresAreRatings()).isTrue();
    }

    record RatingOnly() implements Model, RatingPredictor {
        @Override
        public float predict(int user, int item) {
            return 6f;
        }

        @Override
        public Provenance provenance() {
            return null;
        }

        @Override
        public Model withProvenance(Provenance p) {
            return this;
        }

        @Override
        public String type() {
            return "rating-only";
        }

        @Override
        public void writePayload(DataOutputStream out) {
        }
    }

    @Test
    void genreAndYearFilters() {
        Movies m = new Movies(IdIndex.of(10, 20, 30), new String[] {"a", "b", "c"}, new int[] {1990, 2000, 0},
                new long[] {0b01, 0b10, 0b11}, List.of("Action", "Drama"), null, null);
        var drama = ItemFilters.anyGenre(m, List.of("drama"));
        assertThat(drama.test(0)).isFalse();
        assertThat(drama.test(1)).isTrue();
        assertThat(drama.test(2)).isTrue();
        var nineties = ItemFilters.years(m, 1990, 1999);
        assertThat(nineties.test(0)).isTrue();
        assertThat(nineties.test(1)).isFalse();
        assertThat(nineties.test(2)).isFalse(); // unknown year
        assertThat(ItemFilters.and(drama, ItemFilters.years(m, 1995, 2005)).test(1)).isTrue();
        assertThat(ItemFilters.and(drama, nineties).test(0)).isFalse();
        assertThatThrownBy(() -> ItemFilters.anyGenre(m, List.of("Horror")))
                .hasMessageContaining("unknown genre 'Horror'").hasMessageContaining("Action, Drama");
    }
}
