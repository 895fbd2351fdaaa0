package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.movierec.data.DataFormatException;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.util.ProgressListener;

/**
 * The ratings-file parser shared by all formats: {@code user SEP movie SEP rating SEP timestamp}
 * per line, where SEP is a tab (ML-100k), {@code ::} (ML-1M/10M) or a comma (CSV).
 *
 * <p>Two passes over the file. The first only counts data lines (and, when the dataset has no users
 * file, collects the leading user ids), so the second can size the {@link Interactions.Builder}
 * exactly: a growing buffer would briefly hold two copies of every column, which a 25M-rating load
 * in 1.5 GB of heap cannot afford. The first pass never fails; the second validates every field and
 * reports the first bad line. Blank lines are skipped.
 */
final class RatingsFile {
    enum Layout {
        TAB, DOUBLE_COLON, CSV
    }

    /** Ratings and the user index they are over. */
    record Result(IdIndex users, Interactions interactions) {
    }

    private static final int PROGRESS_STEP = 1 << 20;

    private RatingsFile() {
    }

    /**
     * @param header     the exact header line a CSV file must start with, or null
     * @param users      the users of the users file, or null to take the distinct ids of this file
     *                   in increasing order
     * @param usersFile  name of the users file, for messages
     * @param moviesFile name of the movies file, for messages
     */
    static Result read(Path file, Layout layout, String header, IdIndex users, String usersFile, IdIndex movies,
                       String moviesFile, RatingScale scale, ReadOptions options) throws IOException {
        if (header != null) {
            try (LineReader r = LineReader.open(file)) {
                checkHeader(r, new Fields(r, StandardCharsets.ISO_8859_1), header);
            }
        }
        Count count = count(file, layout, header != null, users == null);
        if (count.lines == 0) {
            throw new DataFormatException(file, 0, "empty file: no ratings");
        }
        if (count.lines > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, 0, count.lines + " ratings: more than one dataset can hold ("
                    + (Integer.MAX_VALUE - 16) + ")");
        }
        IdIndex userIndex = users != null ? users : IdIndex.of(count.users);
        ProgressListener progress = options.progress();
        progress.start("reading " + file.getFileName(), count.lines);
        Interactions.Builder b = new Interactions.Builder(userIndex.size(), movies.size(), (int) count.lines);
        int[] gaps = new int[4];
        int nGaps = 0;
        int headerLines = header != null ? 1 : 0;
        try (LineReader r = LineReader.open(file)) {
            Fields f = new Fields(r, StandardCharsets.ISO_8859_1);
            if (header != null) {
                checkHeader(r, f, header);
            }
            long sinceProgress = 0;
            while (r.next()) {
                if (r.start() == r.end() || r.isBlank()) {
                    if (nGaps == gaps.length) {
                        gaps = Arrays.copyOf(gaps, nGaps * 2);
                    }
                    gaps[nGaps++] = b.size();
                    continue;
                }
                switch (layout) {
                    case TAB -> f.split((byte) '\t');
                    case DOUBLE_COLON -> f.splitDoubleColon();
                    default -> f.split((byte) ',');
                }
                f.expect(4, "user, movie, rating, timestamp");
                int uid = f.intAt(0, "user id");
                int mid = f.intAt(1, "movie id");
                float rating = f.ratingAt(2, scale);
                long ts = f.longAt(3, "timestamp");
                int u = userIndex.indexOf(uid);
                if (u < 0) {
                    throw f.error("rating by user " + uid + ", who is not in " + usersFile);
                }
                int m = movies.indexOf(mid);
                if (m < 0) {
                    throw f.error("rating for movie " + mid + ", which is not in " + moviesFile);
                }
                b.add(u, m, rating, ts);
                if (++sinceProgress == PROGRESS_STEP) {
                    progress.advance(sinceProgress);
                    sinceProgress = 0;
                }
            }
            progress.advance(sinceProgress);
        }
        Interactions in;
        try {
            in = b.build(options.onDuplicate() == ReadOptions.OnDuplicate.LAST);
        } catch (Interactions.DuplicateInteractionException e) {
            long first = lineOf(e.firstIndex(), headerLines, gaps, nGaps);
            long second = lineOf(e.secondIndex(), headerLines, gaps, nGaps);
            throw new DataFormatException(file, second, "duplicate rating for the same user and movie as line "
                    + first + " (set ReadOptions.onDuplicate to LAST to keep the later one)");
        }
        progress.done();
        return new Result(userIndex, in);
    }

    /** The 1-based line of the {@code index}-th rating: header and blank lines shift it. */
    private static long lineOf(int index, int headerLines, int[] gaps, int nGaps) {
        long line = (long) index + 1 + headerLines;
        for (int g = 0; g < nGaps; g++) {
            if (gaps[g] <= index) {
                line++;
            }
        }
        return line;
    }

    static void checkHeader(LineReader r, Fields f, String header) throws IOException {
        if (!r.next()) {
            throw new DataFormatException(r.file(), 0, "empty file: expected the header '" + header + "'");
        }
        f.split((byte) 0);
        if (!f.equalsAscii(0, header)) {
            throw r.error("bad header: expected '" + header + "', found '" + f.text(0) + "'");
        }
    }

    private static final class Count {
        long lines;
        int[] users;
    }

    /** Counts non-blank data lines and, if asked, the distinct leading user ids (sorted). */
    private static Count count(Path file, Layout layout, boolean header, boolean collectUsers) throws IOException {
        Count c = new Count();
        byte sep = layout == Layout.TAB ? (byte) '\t' : layout == Layout.CSV ? (byte) ',' : (byte) ':';
        int[] ids = new int[1024];
        int n = 0;
        int prev = -1;
        try (LineReader r = LineReader.open(file)) {
            if (header && !r.next()) {
                return c;
            }
            while (r.next()) {
                if (r.start() == r.end() || r.isBlank()) {
                    continue;
                }
                c.lines++;
                if (!collectUsers) {
                    continue;
                }
                byte[] buf = r.buffer();
                long v = 0;
                int i = r.start();
                int e = r.end();
                while (i < e && buf[i] >= '0' && buf[i] <= '9' && v <= Integer.MAX_VALUE) {
                    v = v * 10 + (buf[i] - '0');
                    i++;
                }
                if (i == r.start() || i == e || buf[i] != sep || v > Integer.MAX_VALUE || v == prev) {
                    continue; // a bad line is reported by the second pass
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = (int) v;
                prev = (int) v;
            }
        }
        if (collectUsers) {
            Arrays.sort(ids, 0, n);
            int m = 0;
            for (int k = 0; k < n; k++) {
                if (m == 0 || ids[k] != ids[m - 1]) {
                    ids[m++] = ids[k];
                }
            }
            c.users = Arrays.copyOf(ids, m);
        }
        return c;
    }
}
