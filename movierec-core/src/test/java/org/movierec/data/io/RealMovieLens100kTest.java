package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Users;
import org.movierec.testing.Fixtures;

/** The real ML-100k (skipped when absent): sizes and a few entries from its README and files. */
class RealMovieLens100kTest {
    @Test
    void readsTheWholeDataset() throws IOException {
        Path dir = Fixtures.requireMl100k();
        Dataset d = DatasetReader.read(dir);
        // The README: 100,000 ratings by 943 users on 1682 items; 19 genres; 21 occupations.
        assertThat(d.numUsers()).isEqualTo(943);
        assertThat(d.numItems()).isEqualTo(1682);
        assertThat(d.interactions().size()).isEqualTo(100_000);
        assertThat(d.movies().genreVocabulary()).hasSize(19).startsWith("unknown", "Action");
        assertThat(d.users().occupationVocabulary()).hasSize(21);
        int toy = d.movies().ids().indexOf(1);
        assertThat(d.movies().title(toy)).isEqualTo("Toy Story (1995)");
        assertThat(d.movies().year(toy)).isEqualTo(1995);
        assertThat(d.movies().genreNames(toy)).containsExactly("Animation", "Children's", "Comedy");
        int u1 = d.users().ids().indexOf(1);
        assertThat(d.users().age(u1)).isEqualTo(24);
        assertThat(d.users().gender(u1)).isEqualTo(Users.GENDER_MALE);
        assertThat(d.users().occupationName(u1)).isEqualTo("technician");
        // Movie 267 is "unknown" with no date; 1412's title ends in "(V)", so its year comes from the release date.
        assertThat(d.movies().year(d.movies().ids().indexOf(267))).isZero();
        assertThat(d.movies().year(d.movies().ids().indexOf(1412))).isEqualTo(1995);
        int zero = 0;
        for (int m = 0; m < d.numItems(); m++) {
            int y = d.movies().year(m);
            if (y == 0) {
                zero++;
            } else {
                assertThat(y).as("year of movie %d", d.movies().ids().externalId(m)).isBetween(1900, 1999);
            }
        }
        assertThat(zero).isEqualTo(1);
        // u.item's release dates: 1,681 of 1,682 (movie 267 has none), 1,097 of them 01-Jan
        assertThat(d.movies().hasReleaseDates()).isTrue();
        assertThat(d.movies().releaseDay(toy)).isEqualTo((int) java.time.LocalDate.of(1995, 1, 1).toEpochDay());
        assertThat(d.movies().releaseDay(d.movies().ids().indexOf(12)))
                .isEqualTo((int) java.time.LocalDate.of(1995, 8, 14).toEpochDay());
        assertThat(d.movies().releaseDay(d.movies().ids().indexOf(267))).isEqualTo(org.movierec.data.Movies.UNKNOWN_DAY);
        int dated = 0;
        int january1 = 0;
        for (int m = 0; m < d.numItems(); m++) {
            int day = d.movies().releaseDay(m);
            if (day != org.movierec.data.Movies.UNKNOWN_DAY) {
                dated++;
                java.time.LocalDate date = java.time.LocalDate.ofEpochDay(day);
                january1 += date.getDayOfYear() == 1 ? 1 : 0;
            }
        }
        assertThat(dated).isEqualTo(1681);
        assertThat(january1).isEqualTo(1097);
    }

    @Test
    void readsTheFirstSplit() throws IOException {
        Path dir = Fixtures.requireMl100k();
        Dataset d = DatasetReader.read(dir);
        Interactions base = MovieLens100kReader.readRatings(dir.resolve("u1.base"), d.users().ids(), d.movies().ids());
        Interactions test = MovieLens100kReader.readRatings(dir.resolve("u1.test"), d.users().ids(), d.movies().ids());
        // The README: u1.base/u1.test split the 100,000 ratings 80%/20%.
        assertThat(base.size()).isEqualTo(80_000);
        assertThat(test.size()).isEqualTo(20_000);
        assertThat(base.numUsers()).isEqualTo(943);
    }

    @Test
    void theCatalogueIsTheWholeDatasetWithoutRatings() throws IOException {
        Path dir = Fixtures.requireMl100k();
        Dataset full = DatasetReader.read(dir);
        Dataset catalogue = MovieLens100kReader.readCatalogue(dir);
        assertThat(catalogue.interactions().size()).isZero();
        assertThat(catalogue.name()).isEqualTo(full.name());
        assertThat(catalogue.numUsers()).isEqualTo(full.numUsers());
        assertThat(catalogue.numItems()).isEqualTo(full.numItems());
        for (int m = 0; m < full.numItems(); m++) {
            assertThat(catalogue.movies().ids().externalId(m)).isEqualTo(full.movies().ids().externalId(m));
            assertThat(catalogue.movies().title(m)).isEqualTo(full.movies().title(m));
        }
        for (int u = 0; u < full.numUsers(); u++) {
            assertThat(catalogue.users().ids().externalId(u)).isEqualTo(full.users().ids().externalId(u));
        }
        // A fold read over the catalogue is the fold read over the full dataset, rating for rating.
        Interactions a = MovieLens100kReader.readRatings(dir.resolve("u1.base"), full.users().ids(), full.movies().ids());
        Interactions b = MovieLens100kReader.readRatings(dir.resolve("u1.base"), catalogue.users().ids(),
                catalogue.movies().ids());
        assertThat(full.withInteractions("x", a).fingerprint()).isEqualTo(catalogue.withInteractions("x", b).fingerprint());
    }
}
