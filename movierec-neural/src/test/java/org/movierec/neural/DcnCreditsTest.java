package org.movierec.neural;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.algo.BiasBaseline;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.eval.Evaluator;
import org.movierec.model.Model;
import org.movierec.model.ModelIO;
import org.movierec.model.RatingPredictor;
import org.movierec.neural.feature.Features;
import org.movierec.split.Fold;
import org.movierec.util.ProgressListener;

/**
 * DCN's director and star fields (report 002) on planted data: a movie's rating is set by its
 * director's quality, so on movies held out entirely (no rating in training) only a model that
 * knows the director can tell a good movie from a bad one.
 */
class DcnCreditsTest {
    static final int USERS = 400;
    static final int MOVIES = 300;
    static final int DIRECTORS = 30;
    static final int ACTORS = 90;
    /** How much lower the cold-movie RMSE must be with credits than without (and than the bias baseline). */
    static final double MARGIN = 0.15;

    static Dataset withCredits;
    static Dataset without;

    @BeforeAll
    static void data() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] quality = new double[DIRECTORS];
        for (int d = 0; d < DIRECTORS; d++) {
            quality[d] = -1.2 + 2.4 * d / (DIRECTORS - 1);
        }
        double[] userBias = new double[USERS];
        for (int u = 0; u < USERS; u++) {
            userBias[u] = 0.3 * rnd.nextGaussian();
        }
        int perUser = 40;
        int n = USERS * perUser;
        int[] users = new int[n];
        int[] items = new int[n];
        float[] ratings = new float[n];
        long[] times = new long[n];
        int p = 0;
        for (int u = 0; u < USERS; u++) {
            int[] pick = rnd.ints(0, MOVIES).distinct().limit(perUser).sorted().toArray();
            for (int m : pick) {
                double r = 3.1 + quality[m % DIRECTORS] + userBias[u] + 0.4 * rnd.nextGaussian();
                users[p] = u;
                items[p] = m;
                ratings[p] = (float) Math.max(1, Math.min(5, Math.round(r)));
                times[p] = 1_000_000L + p;
                p++;
            }
        }
        Interactions in = Interactions.ofSorted(USERS, MOVIES, users, items, ratings, times);
        int[] ids = new int[MOVIES];
        String[] titles = new String[MOVIES];
        int[] tmdb = new int[MOVIES];
        String[][] directors = new String[MOVIES][];
        String[][] cast = new String[MOVIES][];
        for (int m = 0; m < MOVIES; m++) {
            ids[m] = m + 1;
            titles[m] = "Movie " + (m + 1) + " (1990)";
            tmdb[m] = 1000 + m;
            directors[m] = new String[] {"Director " + (m % DIRECTORS)};
            cast[m] = new String[] {"Actor " + (m * 7 % ACTORS), "Actor " + ((m * 11 + 3) % ACTORS),
                "Actor " + ((m * 13 + 5) % ACTORS), "Extra " + m};
        }
        int[] years = new int[MOVIES];
        Arrays.fill(years, 1990);
        Movies plain = new Movies(IdIndex.of(ids), titles, years, new long[MOVIES], List.of(), new int[MOVIES], tmdb);
        without = new Dataset("planted-directors", Users.withoutDemographics(IdIndex.sequential(USERS)), plain, in,
                RatingScale.WHOLE_STARS);
        withCredits = without.withMovies(plain.withCredits(directors, cast));
    }

    static Fold cold(Dataset d) {
        return new ColdMovieSplit(0.2, 5).folds(d).get(0);
    }

    static double rmse(Model m, Fold f) {
        return Evaluator.ratingErrors((RatingPredictor) m, f.test().interactions(), f.test().ratingScale(), true)
                .rmse();
    }

    static Model dcn(Fold f) {
        return NeuralModelsTest.quick("dcn", "epochs=12").fit(f.train(), null, ProgressListener.NONE);
    }

    @Test
    void featuresCodeDirectorsAndTheFirstBilledStarsOfTwoOrMoreMovies() {
        Features f = Features.fit(withCredits);
        assertThat(f.hasCredits()).isTrue();
        assertThat(f.numDirectors()).isEqualTo(DIRECTORS);
        assertThat(f.numStars()).isEqualTo(ACTORS); // "Extra m" is fourth billed and in one movie: no code
        assertThat(f.director(0)).isEqualTo(f.director(DIRECTORS)).isNotEqualTo(f.director(1));
        assertThat(f.starEnd(0) - f.starStart(0)).isEqualTo(Features.STARS_PER_MOVIE);
        assertThat(f.starWeightAt(f.starStart(0))).isEqualTo(1f / 3);
        Features none = Features.fit(without);
        assertThat(none.hasCredits()).isFalse();
        assertThat(none.director(0)).isEqualTo(-1);
        assertThat(none.starEnd(0)).isZero();
    }

    @Test
    void onColdMoviesTheDirectorFieldBeatsDcnWithoutCreditsAndTheBiasBaseline() {
        Fold f = cold(withCredits);
        Fold g = cold(without);
        assertThat(g.test().interactions().size()).isEqualTo(f.test().interactions().size()).isPositive();
        double with = rmse(dcn(f), f);
        double plain = rmse(dcn(g), g);
        double bias = rmse(new BiasBaseline().fit(g.train(), null, ProgressListener.NONE), g);
        System.out.printf("cold movies: dcn with credits RMSE %.4f, without %.4f, bias baseline %.4f%n", with, plain,
                bias);
        assertThat(with).isLessThan(plain - MARGIN).isLessThan(bias - MARGIN);
    }

    @Test
    void importanceNamesTheCreditFieldsAndTheModelRoundTripsBitForBit(@TempDir Path dir) throws Exception {
        Fold f = cold(withCredits);
        NeuralModel<?> m = (NeuralModel<?>) NeuralModelsTest.quick("dcn", "epochs=2").fit(f.train(), null,
                ProgressListener.NONE);
        Dcn.Importance imp = Dcn.featureImportance(m);
        assertThat(imp.fields()).containsExactly("user", "movie", "age", "gender", "occupation", "zip", "decade",
                "director", "genres", "stars");
        Path file = dir.resolve("dcn.model");
        ModelIO.save(m, f.train(), file);
        RatingPredictor back = (RatingPredictor) ModelIO.load(file).model();
        for (int p = 0; p < f.test().interactions().size(); p++) {
            int u = f.test().interactions().user(p);
            int i = f.test().interactions().item(p);
            assertThat(Float.floatToRawIntBits(back.predict(u, i))).isEqualTo(Float.floatToRawIntBits(m.predict(u, i)));
        }
        assertThat(Dcn.featureImportance((NeuralModel<?>) back).fields()).isEqualTo(imp.fields());
    }
}
