package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/** Each MovieLens format read from a small hand-written fixture, checking every parsed column. */
class ReaderFormatsTest {
    @TempDir
    Path dir;

    private static float rating(Dataset d, int userId, int movieId) {
        int u = d.users().ids().indexOf(userId);
        int m = d.movies().ids().indexOf(movieId);
        Interactions in = d.interactions();
        for (int p = in.userStart(u); p < in.userEnd(u); p++) {
            if (in.item(p) == m) {
                return in.rating(p);
            }
        }
        return Float.NaN;
    }

    @Test
    void ml100k() throws IOException {
        Files.writeString(dir.resolve("u.genre"), "unknown|0\nAction|1\nComedy|2\n\n");
        Files.writeString(dir.resolve("u.occupation"), "administrator\nother\ntechnician\n");
        byte[] items = ("1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n"
                + "2|Caf\u00e9 Society|14-Mar-1997||http://x|0|1|1\n"
                + "3|unknown|||http://x|1|0|0\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("u.item"), items);
        Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n");
        Files.writeString(dir.resolve("u.data"), "2\t1\t5\t881250950\n1\t2\t3\t881250949\n1\t1\t4\t881250948");
        Dataset d = DatasetReader.read(dir);
        assertThat(d.name()).isEqualTo("ml-100k");
        assertThat(d.ratingScale()).isEqualTo(RatingScale.WHOLE_STARS);
        Movies m = d.movies();
        assertThat(m.genreVocabulary()).containsExactly("unknown", "Action", "Comedy");
        assertThat(m.title(1)).isEqualTo("Caf\u00e9 Society");
        assertThat(m.year(0)).isEqualTo(1995);
        assertThat(m.year(1)).isEqualTo(1997); // from the release date: the title has no year
        assertThat(m.releaseDay(1)).isEqualTo((int) java.time.LocalDate.of(1997, 3, 14).toEpochDay());
        assertThat(m.year(2)).isZero();
        assertThat(m.genreNames(0)).containsExactly("Comedy");
        assertThat(m.genreNames(1)).containsExactly("Action", "Comedy");
        assertThat(m.genreNames(2)).containsExactly("unknown");
        Users u = d.users();
        assertThat(u.occupationVocabulary()).containsExactly("administrator", "other", "technician");
        assertThat(u.age(0)).isEqualTo(24);
        assertThat(u.gender(1)).isEqualTo(Users.GENDER_FEMALE);
        assertThat(u.occupationName(0)).isEqualTo("technician");
        assertThat(u.zip(1)).isEqualTo("94043");
        assertThat(d.interactions().size()).isEqualTo(3);
        assertThat(rating(d, 1, 2)).isEqualTo(3f);
        // Sorted by user then time: user 1's ratings at 881250948 (movie 1) then 881250949 (movie 2).
        assertThat(d.interactions().item(0)).isEqualTo(0);
        assertThat(d.interactions().item(1)).isEqualTo(1);
    }

    @Test
    void ml1m() throws IOException {
        byte[] movies = ("1::Toy Story (1995)::Animation|Children's|Comedy\n"
                + "2::Mis\u00e9rables, Les (1995)::Drama|War\n"
                + "3::Two::Colons (2000) ::Comedy\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("movies.dat"), movies);
        Files.writeString(dir.resolve("users.dat"), "1::F::1::10::48067\n2::M::56::16::70072\n");
        Files.writeString(dir.resolve("ratings.dat"), "1::1::5::978300760\n2::3::1::978302109\n2::2::4::978301968\n");
        Dataset d = DatasetReader.read(dir);
        assertThat(d.name()).isEqualTo("ml-1m");
        Movies m = d.movies();
        assertThat(m.genreVocabulary()).containsExactly("Animation", "Children's", "Comedy", "Drama", "War");
        assertThat(m.title(1)).isEqualTo("Mis\u00e9rables, Les (1995)");
        assertThat(m.title(2)).isEqualTo("Two::Colons (2000)");
        assertThat(m.year(2)).isEqualTo(2000);
        assertThat(m.genreNames(2)).containsExactly("Comedy");
        Users u = d.users();
        assertThat(u.age(0)).isEqualTo(1);
        assertThat(u.age(1)).isEqualTo(56);
        assertThat(u.occupationName(0)).isEqualTo("K-12 student");
        assertThat(u.occupationName(1)).isEqualTo("self-employed");
        assertThat(u.occupationVocabulary()).hasSize(21);
        assertThat(rating(d, 2, 2)).isEqualTo(4f);
    }

    @Test
    void ml10m() throws IOException {
        Path ten = Files.createDirectory(dir.resolve("ml-10M100K"));
        Files.write(ten.resolve("movies.dat"), ("1::Toy Story (1995)::Adventure|Animation\n"
                + "2::Am\u00e9lie (Fabuleux destin d'Am\u00e9lie Poulain, Le) (2001)::Comedy|Romance\n"
                + "3::Empty (2003)::(no genres listed)\n").getBytes(StandardCharsets.UTF_8));
        Files.writeString(ten.resolve("ratings.dat"), "7::1::5::838985046\n3::2::3.5::838983525\n5::1::0.5::838983392\n");
        Files.write(ten.resolve("tags.dat"), ("15::2::caf\u00e9::1138537770\n20::1::a::b::1138537771\n")
                .getBytes(StandardCharsets.UTF_8));
        Dataset d = DatasetReader.read(ten);
        assertThat(d.name()).isEqualTo("ml-10m");
        assertThat(d.ratingScale()).isEqualTo(RatingScale.HALF_STARS);
        assertThat(d.users().ids().externalIds()).containsExactly(3, 5, 7);
        assertThat(d.users().hasDemographics()).isFalse();
        assertThat(d.movies().title(1)).isEqualTo("Am\u00e9lie (Fabuleux destin d'Am\u00e9lie Poulain, Le) (2001)");
        assertThat(d.movies().year(1)).isEqualTo(2001);
        assertThat(d.movies().genreBits(2)).isZero();
        assertThat(rating(d, 3, 2)).isEqualTo(3.5f);
        assertThat(rating(d, 5, 1)).isEqualTo(0.5f);
        Tags t = DatasetReader.readTags(ten);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.text(0)).isEqualTo("caf\u00e9");
        assertThat(t.userId(1)).isEqualTo(20);
        assertThat(t.text(1)).isEqualTo("a::b");
        assertThat(t.timestamp(1)).isEqualTo(1138537771L);
    }

    @Test
    void csvWithQuotingLinksAndTags() throws IOException {
        Path latest = Files.createDirectory(dir.resolve("ml-latest-small"));
        Files.write(latest.resolve("movies.csv"), ("movieId,title,genres\r\n"
                + "1,Toy Story (1995),Adventure|Animation|Children\r\n"
                + "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n"
                + "12,\"Dracula: Dead and Loving It \"\"Uncut\"\" (1995)\",Comedy|Horror\r\n"
                + "13,Babylon 5,Sci-Fi\r\n"
                + "14,\"Return of Jafar, The (1994)   \",(no genres listed)\r\n"
                + "15,Fawlty Towers (1975-1979),Comedy\r\n"
                + "16,City of Lost Children (Cit\u00e9 des enfants perdus) (1995),Drama\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(latest.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n"
                + "10,1,4.0,964982703\n2,11,0.5,964981247\n10,12,5,964982224\n");
        Files.writeString(latest.resolve("links.csv"), "movieId,imdbId,tmdbId\n1,0114709,862\n11,0112346,\n");
        Files.writeString(latest.resolve("tags.csv"), "userId,movieId,tag,timestamp\n"
                + "2,11,\"funny, sad\",1445714994\n999,1,pixar,1445714996\n");
        Dataset d = DatasetReader.read(latest);
        assertThat(d.name()).isEqualTo("ml-latest-small");
        Movies m = d.movies();
        assertThat(m.title(1)).isEqualTo("American President, The (1995)");
        assertThat(m.title(2)).isEqualTo("Dracula: Dead and Loving It \"Uncut\" (1995)");
        assertThat(m.year(2)).isEqualTo(1995);
        assertThat(m.year(3)).isZero();
        assertThat(m.title(4)).isEqualTo("Return of Jafar, The (1994)");
        assertThat(m.year(4)).isEqualTo(1994);
        assertThat(m.genreBits(4)).isZero();
        assertThat(m.year(5)).isEqualTo(1975);
        assertThat(m.year(6)).isEqualTo(1995);
        assertThat(m.genreVocabulary()).containsExactly("Adventure", "Animation", "Children", "Comedy", "Drama",
                "Romance", "Horror", "Sci-Fi");
        assertThat(m.hasLinks()).isTrue();
        assertThat(m.imdbId(0)).isEqualTo(114709);
        assertThat(m.tmdbId(0)).isEqualTo(862);
        assertThat(m.imdbId(1)).isEqualTo(112346);
        assertThat(m.tmdbId(1)).isEqualTo(-1);
        assertThat(m.imdbId(2)).isEqualTo(-1);
        assertThat(d.users().ids().externalIds()).containsExactly(2, 10);
        assertThat(rating(d, 2, 11)).isEqualTo(0.5f);
        assertThat(rating(d, 10, 12)).isEqualTo(5f);
        Tags t = DatasetReader.readTags(latest);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.text(0)).isEqualTo("funny, sad");
        assertThat(t.userId(1)).isEqualTo(999); // a tagger need not have rated
    }

    @Test
    void datasetsWithoutTagsGiveNull() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n");
        assertThat(DatasetReader.readTags(dir)).isNull();
    }

    @Test
    void yearFromTitle() {
        assertThat(MovieTable.yearFromTitle("Toy Story (1995)")).isEqualTo(1995);
        assertThat(MovieTable.yearFromTitle("Toy Story (1995)  ")).isEqualTo(1995);
        assertThat(MovieTable.yearFromTitle("Shawshank (a.k.a. Rita Hayworth) (1994)")).isEqualTo(1994);
        assertThat(MovieTable.yearFromTitle("Seven (a.k.a. Se7en)")).isZero();
        assertThat(MovieTable.yearFromTitle("Babylon 5")).isZero();
        assertThat(MovieTable.yearFromTitle("2001 (A Space Odyssey)")).isZero();
        assertThat(MovieTable.yearFromTitle("Series (2006\u20132007)")).isEqualTo(2006);
        assertThat(MovieTable.yearFromTitle("(1999)")).isEqualTo(1999);
        assertThat(MovieTable.yearFromTitle("Odd (19x5)")).isZero();
        assertThat(MovieTable.yearFromTitle("")).isZero();
    }

    @Test
    void genreVocabularyInFirstSeenOrderAcrossMovies() throws IOException {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (2000),Drama|Action\n2,B (2001),Action|War\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n");
        Dataset d = DatasetReader.read(dir);
        assertThat(d.movies().genreVocabulary()).isEqualTo(List.of("Drama", "Action", "War"));
        assertThat(d.movies().genreBits(1)).isEqualTo(0b110L);
    }
}
