package org.movierec.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.movierec.data.DataFormatException;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.RatingScale;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * The ratings-file parser shared by all formats: {@code user SEP movie SEP rating SEP timestamp}
 * per line, where SEP is a tab (ML-100k), {@code ::} (ML-1M/10M) or a comma (CSV).
 *
 * <p>Two passes over the file. The first only counts data lines (and, when the dataset has no users
 * file, collects the leading user ids), so the second can size the {@link Interactions.Builder}
 * exactly: a growing buffer would briefly hold two copies of every column, which a 25M-rating load
 * in 1.5 GB of heap cannot afford. The first pass never fails; the second parses on all cores (see
 * {@link #parse}), validates every field and reports the first bad line. Blank lines are skipped.
 */
final class RatingsFile {
    enum Layout {
        TAB, DOUBLE_COLON, CSV
    }

    /** Ratings and the user index they are over. */
    record Result(IdIndex users, Interactions interactions) {
    }

    private static final int BLOCK_BYTES = 16 << 20;

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
        return read(file, layout, header, users, usersFile, movies, moviesFile, scale, options, BLOCK_BYTES);
    }

    /** As above, reading blocks of {@code bufferBytes} (tests use tiny blocks to cross many boundaries). */
    static Result read(Path file, Layout layout, String header, IdIndex users, String usersFile, IdIndex movies,
                       String moviesFile, RatingScale scale, ReadOptions options, int bufferBytes)
            throws IOException {
        if (options.onDuplicate() == ReadOptions.OnDuplicate.SUM) {
            throw new IllegalArgumentException("--on-duplicate sum adds up implicit feedback (counts, weights); "
                    + file.getFileName() + " holds explicit ratings: use error or last");
        }
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
        Gaps gaps = new Gaps();
        Spec spec = new Spec(file, layout, userIndex, usersFile, movies, moviesFile, scale);
        parse(spec, header != null, bufferBytes, b, gaps, progress);
        Interactions in;
        try {
            in = b.build(options.onDuplicate() == ReadOptions.OnDuplicate.LAST);
        } catch (Interactions.DuplicateInteractionException e) {
            int headerLines = header != null ? 1 : 0;
            long first = gaps.lineOf(e.firstIndex(), headerLines);
            long second = gaps.lineOf(e.secondIndex(), headerLines);
            throw new DataFormatException(file, second, "duplicate rating for the same user and movie as line "
                    + first + " (set ReadOptions.onDuplicate to LAST to keep the later one)");
        }
        progress.done();
        return new Result(userIndex, in);
    }

    /** Insertion indices before which a blank line was skipped: they map a rating back to its line. */
    static final class Gaps {
        private int[] at = new int[4];
        private int n;

        void add(int index) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
            }
            at[n++] = index;
        }

        /** The 1-based line of the {@code index}-th rating: header and blank lines shift it. */
        long lineOf(int index, int headerLines) {
            long line = (long) index + 1 + headerLines;
            for (int g = 0; g < n; g++) {
                if (at[g] <= index) {
                    line++;
                }
            }
            return line;
        }
    }

    /** What a ratings line is checked against. */
    private record Spec(Path file, Layout layout, IdIndex users, String usersFile, IdIndex movies, String moviesFile,
                        RatingScale scale) {
    }

    /**
     * The parsing pass, on both cores. The file is read in blocks of {@code bufferBytes}; each block
     * is cut at line ends into {@code 4 x threads} slices that are parsed in parallel into small
     * per-slice columns, then appended to the builder in file order by this thread. So the builder
     * sees the ratings in exactly the order of a sequential read, and the first error in file order
     * wins: a slice stops at its first bad line and reports a line number relative to the slice,
     * which is made absolute here by adding the lines of the slices before it.
     */
    private static void parse(Spec spec, boolean header, int bufferBytes, Interactions.Builder b, Gaps gaps,
                              ProgressListener progress) throws IOException {
        int nSlices = Math.max(1, Parallel.threads() * 4);
        Slice[] slices = new Slice[nSlices];
        for (int s = 0; s < nSlices; s++) {
            slices[s] = new Slice(spec);
        }
        int[] bounds = new int[nSlices + 1];
        // A file smaller than a block is read in one buffer of its own size (plus one byte to see the end):
        // a 2 MB ML-100k split file need not zero 16 MB first.
        long size = Files.size(spec.file());
        byte[] buf = new byte[(int) Math.max(16, Math.min(bufferBytes, size + 1))];
        int limit = 0;
        int pos = 0;
        boolean eof = false;
        boolean first = true;
        long baseLine = 0;
        try (InputStream in = Files.newInputStream(spec.file())) {
            while (true) {
                while (!eof && limit < buf.length) {
                    int r = in.read(buf, limit, buf.length - limit);
                    if (r < 0) {
                        eof = true;
                    } else {
                        limit += r;
                    }
                }
                if (first) {
                    if (limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                        pos = 3; // UTF-8 byte order mark
                    }
                    if (header) {
                        int nl = indexOf(buf, pos, limit);
                        if (nl < 0 && !eof) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                            continue;
                        }
                        pos = nl < 0 ? limit : nl + 1;
                        baseLine = 1;
                    }
                    first = false;
                }
                int usable = limit;
                if (!eof) {
                    int last = limit - 1;
                    while (last >= pos && buf[last] != '\n') {
                        last--;
                    }
                    if (last < pos) { // a line longer than the buffer
                        if (pos > 0) {
                            System.arraycopy(buf, pos, buf, 0, limit - pos);
                            limit -= pos;
                            pos = 0;
                        } else {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        continue;
                    }
                    usable = last + 1;
                }
                SliceLines.parseInSlices(slices, bounds, buf, pos, usable);
                for (Slice sl : slices) {
                    if (sl.error != null) {
                        throw new DataFormatException(spec.file(), baseLine + sl.error.line(), sl.error.reason());
                    }
                    for (int k = 0; k < sl.nBlanks; k++) {
                        gaps.add(b.size() + sl.blanks[k]);
                    }
                    for (int k = 0; k < sl.n; k++) {
                        b.add(sl.us[k], sl.ms[k], sl.rs[k], sl.ts[k]);
                    }
                    baseLine += sl.lines;
                    progress.advance(sl.n);
                }
                if (eof) {
                    return;
                }
                System.arraycopy(buf, usable, buf, 0, limit - usable);
                limit -= usable;
                pos = 0;
            }
        }
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Parses one slice of whole lines into its own small columns (reused from block to block). */
    private static final class Slice extends SliceLines {
        private final Spec spec;
        private final Fields f;
        int[] us = new int[4096];
        int[] ms = new int[4096];
        float[] rs = new float[4096];
        long[] ts = new long[4096];

        Slice(Spec spec) {
            super(spec.file());
            this.spec = spec;
            this.f = new Fields(this, StandardCharsets.ISO_8859_1);
        }

        @Override
        void parseLine() {
            switch (spec.layout()) {
                case TAB -> f.split((byte) '\t');
                case DOUBLE_COLON -> f.splitDoubleColon();
                default -> f.split((byte) ',');
            }
            f.expect(4, "user, movie, rating, timestamp");
            int uid = f.intAt(0, "user id");
            int mid = f.intAt(1, "movie id");
            float rating = f.ratingAt(2, spec.scale());
            long t = f.longAt(3, "timestamp");
            int u = spec.users().indexOf(uid);
            if (u < 0) {
                throw f.error("rating by user " + uid + ", who is not in " + spec.usersFile());
            }
            int m = spec.movies().indexOf(mid);
            if (m < 0) {
                throw f.error("rating for movie " + mid + ", which is not in " + spec.moviesFile());
            }
            if (n == us.length) {
                int cap = n * 2;
                us = Arrays.copyOf(us, cap);
                ms = Arrays.copyOf(ms, cap);
                rs = Arrays.copyOf(rs, cap);
                ts = Arrays.copyOf(ts, cap);
            }
            us[n] = u;
            ms[n] = m;
            rs[n] = rating;
            ts[n] = t;
            n++;
        }
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
