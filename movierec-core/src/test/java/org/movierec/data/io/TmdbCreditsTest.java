package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;

class TmdbCreditsTest {
    @TempDir
    Path dir;

    Path write(String text) throws Exception {
        Path f = dir.resolve("tmdb.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsDirectorsAndCastInAnyColumnOrderWithQuotedNames() throws Exception {
        TmdbCredits c = TmdbCredits.read(write("""
                title,cast,tmdbId,runtime,director
                Star Wars,Mark Hamill|Harrison Ford|Carrie Fisher,11,121,George Lucas
                "Sense and Sensibility","Emma Thompson|Kate Winslet",4584,136,Ang Lee

                Nobody,,99,90,
                Duo,"Sammy Davis, Jr.| Dean Martin ",7,100,"Lewis, Jerry"
                """));
        assertThat(c.director(11)).isEqualTo("George Lucas");
        assertThat(c.cast(11)).containsExactly("Mark Hamill", "Harrison Ford", "Carrie Fisher");
        assertThat(c.director(4584)).isEqualTo("Ang Lee");
        assertThat(c.cast(4584)).containsExactly("Emma Thompson", "Kate Winslet");
        assertThat(c.director(7)).isEqualTo("Lewis, Jerry");
        assertThat(c.cast(7)).containsExactly("Sammy Davis, Jr.", "Dean Martin");
        assertThat(c.director(99)).isNull();
        assertThat(c.cast(99)).isEmpty();
        assertThat(c.director(12345)).isNull();
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void badFilesNameTheFileLineAndReason() throws Exception {
        assertThatThrownBy(() -> TmdbCredits.read(write("id,director\n11,George Lucas\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("tmdb.csv")
                .hasMessageContaining("expected a tmdbId column");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,runtime\n11,121\n")))
                .hasMessageContaining("director and/or cast");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n11,A\n12,B\n11,C\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(":4")
                .hasMessageContaining("tmdbId 11 again (first on line 2)");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\neleven,A\n")))
                .isInstanceOf(DataFormatException.class).hasMessageContaining(":2").hasMessageContaining("tmdbId");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n11,A,extra\n")))
                .hasMessageContaining("3 fields, but the header names 2");
        assertThatThrownBy(() -> TmdbCredits.read(write("tmdbId,director\n")))
                .hasMessageContaining("a header and no movies");
        assertThatThrownBy(() -> TmdbCredits.read(write(""))).hasMessageContaining("empty file");
    }
}
