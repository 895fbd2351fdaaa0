package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.algo.BiasBaseline;
import org.movierec.algo.Ease;
import org.movierec.algo.ItemKnn;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.data.synth.SyntheticGenerator;
import org.movierec.util.ProgressListener;

/**
 * Format 2 keeps each user's rated movies and ratings (in training order, without timestamps) and
 * the dataset fingerprint. Every v1 fixture, re-saved in format 2, must give the same scores bit for
 * bit (item kNN rebuilds its residuals and EASE its user rows from the compact form), the same rated
 * movies in the same order, and the fingerprint of the full data.
 */
class LeanModelFileTest {
    @TempDir
    Path tmp;

    /** The model types of format 1, each with a v1 fixture; types added since (user-knn, random) have none. */
    static final java.util.Set<String> FORMAT_1_TYPES = java.util.Set.of("global-mean", "bias", "popularity",
            "biased-mf", "svdpp", "timesvdpp", "als", "ials", "bpr", "item-knn", "ease", "fm", "blend");

    @TestFactory
    List<DynamicTest> everyV1FixtureResavedAsV2GivesTheSameScoresAndRatedMovies() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String type : new java.util.TreeSet<>(FORMAT_1_TYPES)) {
            tests.add(DynamicTest.dynamicTest(type, () -> {
                URL url = LeanModelFileTest.class.getResource("/fixtures/models/" + type + "-v1.bin");
                assertThat(url).isNotNull();
                Path v1 = Path.of(url.toURI());
                ModelIO.Saved old = ModelIO.load(v1);
                Path v2 = tmp.resolve(type + "-v2.bin");
                ModelIO.save(old.model(), old.train(), v2);
                assertThat(ByteBuffer.wrap(Files.readAllBytes(v2), 8, 4).getInt()).as("format").isEqualTo(2);
                ModelIO.Saved lean = ModelIO.load(v2);
                assertThat(lean.model().provenance()).isEqualTo(old.model().provenance());
                assertThat(lean.datasetFingerprint()).isEqualTo(old.datasetFingerprint())
                        .isEqualTo(old.model().provenance().datasetFingerprint());
                assertSameRatedMovies(lean.train().interactions(), old.train().interactions());
                assertThat(ModelFixtures.scores(lean.model(), lean.train()))
                        .isEqualTo(ModelFixtures.scores(old.model(), old.train()));
                URL scores = LeanModelFileTest.class.getResource("/fixtures/models/" + type + "-v1.scores");
                if (scores != null) {
                    assertThat(ModelFixtures.scores(lean.model(), lean.train()))
                            .isEqualTo(Files.readString(Path.of(scores.toURI())));
                }
                // 40 ratings: format 1 spends 20 bytes on each (user, movie, rating, time); format 2 about
                // 2 (a one-byte movie delta, a one-byte grid index), plus the fingerprint and 12 counts.
                assertThat(Files.size(v2)).isLessThan(Files.size(v1) - 40 * 15);
            }));
        }
        return tests;
    }

    private static void assertSameRatedMovies(Interactions a, Interactions b) {
        assertThat(a.numUsers()).isEqualTo(b.numUsers());
        assertThat(a.numItems()).isEqualTo(b.numItems());
        assertThat(a.userOffsetsArray()).containsExactly(b.userOffsetsArray());
        assertThat(a.usersArray()).containsExactly(b.usersArray());
        assertThat(a.itemsArray()).as("movies in training order").containsExactly(b.itemsArray());
        assertThat(a.ratingsArray()).containsExactly(b.ratingsArray());
        for (int u = 0; u < a.numUsers(); u++) {
            for (int p = a.userStart(u); p < a.userEnd(u); p++) {
                assertThat(a.timestamp(p)).as("rank of position %d within user %d", p, u).isEqualTo(p - a.userStart(u));
            }
        }
    }

    @Test
    void halfStarRatingsTravelAsGridIndexesAndComeBackAsTheSameFloats() throws Exception {
        Dataset d = SyntheticGenerator.generate(SyntheticGenerator.Config.of(50, 40, 600, 3).withHalfStars(true));
        assertThat(d.ratingScale()).isEqualTo(RatingScale.HALF_STARS);
        Model m = Training.fit(new ItemKnn(), d, null, "all", ProgressListener.NONE);
        Path file = tmp.resolve("knn.bin");
        ModelIO.save(m, d, file);
        ModelIO.Saved s = ModelIO.load(file);
        assertSameRatedMovies(s.train().interactions(), rankTimes(d.interactions()));
        assertThat(s.datasetFingerprint()).isEqualTo(d.fingerprint());
        assertThat(ModelFixtures.scores(s.model(), s.train())).isEqualTo(ModelFixtures.scores(m, d));
        // EASE sums its weight rows over the user's rated movies at scoring time: same order, same floats.
        Path easeFile = tmp.resolve("ease.bin");
        Model e = Training.fit(new Ease(), d, null, "all", ProgressListener.NONE);
        ModelIO.save(e, d, easeFile);
        ModelIO.Saved se = ModelIO.load(easeFile);
        assertThat(ModelFixtures.scores(se.model(), se.train())).isEqualTo(ModelFixtures.scores(e, d));
    }

    @Test
    void ratingsOffTheGridAreStoredAsFloats() throws Exception {
        // 3.3 is not on the whole-star grid: the whole column falls back to raw floats, exactly.
        Interactions.Builder b = new Interactions.Builder(3, 4, 6);
        b.add(0, 2, 3.3f, 10);
        b.add(0, 0, 5f, 20);
        b.add(1, 3, 1f, 5);
        b.add(2, 1, 4.5f, 7);
        b.add(2, 3, 2f, 7);
        Dataset d = new Dataset("odd", Users.withoutDemographics(IdIndex.of(7, 8, 9)),
                Movies.idsOnly(IdIndex.of(100, 200, 300, 400)), b.build(false), RatingScale.WHOLE_STARS);
        Model m = Training.fit(new BiasBaseline(), d, null, "all", ProgressListener.NONE);
        Path file = tmp.resolve("odd.bin");
        ModelIO.save(m, d, file);
        ModelIO.Saved s = ModelIO.load(file);
        assertSameRatedMovies(s.train().interactions(), rankTimes(d.interactions()));
        assertThat(s.train().interactions().rating(0)).isEqualTo(3.3f);
        assertThat(s.datasetFingerprint()).isEqualTo(d.fingerprint());
    }

    @Test
    void aModelWithoutRatingsSavesAndLoads() throws Exception {
        Dataset d = new Dataset("empty", Users.withoutDemographics(IdIndex.of(1, 2)),
                Movies.idsOnly(IdIndex.of(1, 2, 3)), Interactions.empty(2, 3), RatingScale.HALF_STARS);
        Model m = Training.fit(new org.movierec.algo.GlobalMean(), d, null, "all", ProgressListener.NONE);
        Path file = tmp.resolve("empty.bin");
        ModelIO.save(m, d, file);
        ModelIO.Saved s = ModelIO.load(file);
        assertThat(s.train().interactions().size()).isZero();
        assertThat(s.train().numUsers()).isEqualTo(2);
        assertThat(s.datasetFingerprint()).isEqualTo(d.fingerprint());
    }

    /** {@code in} with each user's times replaced by their rank, as format 2 loads them. */
    private static Interactions rankTimes(Interactions in) {
        long[] t = new long[in.size()];
        for (int u = 0; u < in.numUsers(); u++) {
            for (int p = in.userStart(u); p < in.userEnd(u); p++) {
                t[p] = p - in.userStart(u);
            }
        }
        return Interactions.ofSorted(in.numUsers(), in.numItems(), in.usersArray().clone(), in.itemsArray().clone(),
                in.ratingsArray().clone(), t);
    }
}
