package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.io.ReadOptions;

/** A retrain reads the data the server was started with, TMDB credits included. */
class DataSourceTest {
    @TempDir
    Path dir;

    Path dataset(boolean links) throws Exception {
        Path d = Files.createDirectories(dir.resolve(links ? "linked" : "plain"));
        Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Comedy\n");
        if (links) {
            Files.writeString(d.resolve("links.csv"), "movieId,imdbId,tmdbId\n1,0000001,11\n2,0000002,12\n");
        }
        Files.writeString(d.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n1,2,3.0,2\n");
        return d;
    }

    @Test
    void readsTheCreditsAgainOnEveryRead() throws Exception {
        Path credits = dir.resolve("credits.csv");
        Files.writeString(credits, "tmdbId,director,cast\n11,Ann,X|Y\n");
        DataSource s = new DataSource(dataset(true), ReadOptions.DEFAULTS, null, credits);
        Dataset d = s.read();
        int a = d.movies().ids().indexOf(1);
        assertThat(d.movies().directors(a)).containsExactly("Ann");
        assertThat(s.toString()).contains("with credits");
        Files.writeString(credits, "tmdbId,director,cast\n11,Bob,Z\n"); // edited between two retrains
        assertThat(s.read().movies().directors(a)).containsExactly("Bob");
        assertThat(new DataSource(dataset(true), ReadOptions.DEFAULTS, null).read().movies().hasCredits()).isFalse();
    }

    @Test
    void creditsWithoutLinksAreRefused() throws Exception {
        Path credits = dir.resolve("credits.csv");
        Files.writeString(credits, "tmdbId,director\n11,Ann\n");
        DataSource s = new DataSource(dataset(false), ReadOptions.DEFAULTS, null, credits);
        assertThatThrownBy(s::read).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no links.csv");
    }
}
