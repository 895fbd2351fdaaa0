package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;

/**
 * The block-parallel ratings parser gives the same ratings, in the same order, and the same first
 * error line whatever the block size and thread count (tiny blocks force many slice boundaries,
 * empty slices and a line longer than the buffer).
 */
class RatingsFileTest {
    @TempDir
    Path dir;

    private static final IdIndex MOVIES = IdIndex.sequential(50);

    /** 3,000 ratings by users 1..200 (each pair once), with blank and CRLF lines sprinkled in. */
    private Path ratings(String badLineAt3000) throws IOException {
        SplittableRandom rnd = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        boolean[][] seen = new boolean[201][51];
        int lines = 0;
        while (lines < 3000) {
            int u = 1 + rnd.nextInt(200);
            int m = 1 + rnd.nextInt(50);
            if (seen[u][m]) {
                continue;
            }
            seen[u][m] = true;
            sb.append(u).append(',').append(m).append(',').append(0.5 * (1 + rnd.nextInt(10))).append(',')
                    .append(800_000_000L + rnd.nextInt(1_000_000));
            sb.append(rnd.nextInt(7) == 0 ? "\r\n" : "\n");
            if (rnd.nextInt(50) == 0) {
                sb.append(rnd.nextBoolean() ? "\n" : "  \r\n");
            }
            lines++;
            if (lines == 2500 && badLineAt3000 != null) {
                sb.append(badLineAt3000).append('\n');
            }
        }
        sb.append("7,7,4.0,1"); // no final line break
        return Files.writeString(dir.resolve("ratings.csv"), sb.toString());
    }

    private static Interactions read(Path file, int bufferBytes, String threads) throws IOException {
        String old = System.getProperty("movierec.threads");
        System.setProperty("movierec.threads", threads);
        try {
            return RatingsFile.read(file, RatingsFile.Layout.CSV, MovieLensCsvReader.RATINGS_HEADER, null,
                    "ratings.csv", MOVIES, "movies.csv", RatingScale.HALF_STARS, ReadOptions.DEFAULTS
                            .withOnDuplicate(ReadOptions.OnDuplicate.LAST), bufferBytes).interactions();
        } finally {
            if (old == null) {
                System.clearProperty("movierec.threads");
            } else {
                System.setProperty("movierec.threads", old);
            }
        }
    }

    @Test
    void sameResultForAnyBlockSizeAndThreadCount() throws IOException {
        Path file = ratings(null);
        Interactions ref = read(file, 16 << 20, "1");
        assertThat(ref.size()).isBetween(3000, 3001); // (7,7) may repeat an earlier pair: LAST keeps one
        for (int bytes : new int[] {16, 100, 4096}) {
            for (String threads : new String[] {"1", "2", "3"}) {
                Interactions in = read(file, bytes, threads);
                assertThat(in.usersArray()).as("%d bytes, %s threads", bytes, threads).isEqualTo(ref.usersArray());
                assertThat(in.itemsArray()).isEqualTo(ref.itemsArray());
                assertThat(in.ratingsArray()).isEqualTo(ref.ratingsArray());
                assertThat(in.timestampsArray()).isEqualTo(ref.timestampsArray());
            }
        }
    }

    @Test
    void firstErrorLineIsTheSameForAnyBlockSize() throws IOException {
        Path file = ratings("3,4,4.0,xyz");
        String text = Files.readString(file);
        long expectedLine = text.substring(0, text.indexOf("3,4,4.0,xyz")).chars().filter(c -> c == '\n').count() + 1;
        for (int bytes : new int[] {16, 64, 1 << 20}) {
            for (String threads : new String[] {"1", "2"}) {
                DataFormatException e = assertThrows(DataFormatException.class, () -> read(file, bytes, threads));
                assertThat(e.line()).as("%d bytes, %s threads", bytes, threads).isEqualTo(expectedLine);
                assertThat(e.reason()).isEqualTo("non-numeric timestamp 'xyz'");
            }
        }
    }
}
