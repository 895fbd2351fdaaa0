package org.movierec.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * Reads a user's own interactions: a delimited text file (CSV, TSV, ...) with a header row whose
 * columns are mapped to roles by an {@link InteractionsSpec}, plus optional item and user side
 * files. See docs/DATA_FORMATS.md ("Your own interactions") for the format. A file whose extension
 * names a columnar format ({@code .parquet}, see {@link ColumnarFormats}) is read through that format's
 * {@link ColumnarSource} by the same rules, its columns taking the header's place and its rows the
 * lines'.
 *
 * <p><b>Ids.</b> User and item ids are strings of any form. Each distinct id is mapped once to a
 * dense index (through {@link IdTable}, no object per line); the dense order is the ids' order:
 * numeric when every id of the column is a plain non-negative int (then the dataset's external ids
 * are those ints, exactly as a MovieLens reader would give them), otherwise by string. String ids
 * are kept in the {@link IdIndex} ({@link IdIndex#named}), so every command shows them.
 *
 * <p><b>Values.</b> A {@code rating} column gives explicit ratings, checked against the given scale
 * or, without one, on the scale inferred from the data (its min and max; step 1 for whole numbers,
 * 0.5 for halves, else 10^-d for d decimals). A {@code weight} (or {@code count}) column gives
 * implicit feedback with positive values; with neither, each line is one implicit interaction of
 * value 1. Time ({@code time} role) is epoch seconds or an ISO date {@code YYYY-MM-DD} with an
 * optional {@code THH:MM[:SS[.fff]]} (UTC, optional {@code Z}); without it every time is 0.
 *
 * <p><b>Speed.</b> Like {@link RatingsFile}: one counting pass sizes primitive columns exactly,
 * then blocks of the file are cut into slices parsed on all cores. Slices look ids up in the global
 * table read-only; an id not yet in it goes into the slice's own small table (so a user's run of
 * lines in a user-sorted file costs one local entry, not one entry per line), and after the parallel
 * step one thread adds each slice's new ids to the global table in file order and patches the
 * slice's rows, so the result does not depend on the threads. Errors name the file, the line and
 * the reason. A quoted field may span lines (RFC 4180: a review text with line breaks, say): a slice
 * may then have started inside a record, so once a slice meets a quoted field open at a line's end,
 * that block and the rest of the file are parsed record by record ({@link SliceLines#records}), in
 * slices cut where a count of quotes says a record ends ({@link SliceLines#parseRecordsInSlices}), or
 * on one thread once such a cut has missed; errors name a record's first line.
 */
public final class InteractionsReader {
    private static final int BLOCK_BYTES = 16 << 20;

    private InteractionsReader() {
    }

    /**
     * Reads {@code file} as described by {@code spec}, with its item and user side files when the spec
     * names them. The feedback is explicit when the spec maps a {@code rating} column, implicit otherwise.
     *
     * @param file    the interactions file: delimited text with a header row
     * @param spec    which header column holds which role, the delimiter, the rating scale and side files
     * @param options the duplicate policy ({@link ReadOptions.OnDuplicate#SUM} only for implicit feedback)
     *                and a progress listener
     * @return the dataset, named after the file without its extension; string ids are kept as
     *         {@link IdIndex#names() names}
     * @throws IOException              when a file cannot be read
     * @throws DataFormatException      naming the file, line and reason for a directory given as the file,
     *                                  an empty file, a missing column, a malformed value or a duplicate
     *                                  interaction (under {@link ReadOptions.OnDuplicate#ERROR})
     * @throws IllegalArgumentException when two roles map to one column, or {@code SUM} is asked for
     *                                  explicit ratings
     */
    public static Dataset read(Path file, InteractionsSpec spec, ReadOptions options) throws IOException {
        return read(file, spec, options, BLOCK_BYTES);
    }

    /** As above with blocks of {@code bufferBytes} (tests use tiny blocks to cross many boundaries). */
    static Dataset read(Path file, InteractionsSpec spec, ReadOptions options, int bufferBytes) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, 0, "is a directory; the interactions reader reads one file "
                    + "(give the file itself, e.g. --data " + file.resolve("interactions.csv") + ")");
        }
        if (ColumnarFormats.isColumnar(file)) {
            return ColumnarPass.read(file, spec, options);
        }
        Header h = header(file, spec.delimiter(), "interactions");
        Layout layout = layout(file, h, spec);
        if (options.onDuplicate() == ReadOptions.OnDuplicate.SUM && layout.explicit) {
            throw new IllegalArgumentException("--on-duplicate sum adds up implicit feedback (counts, weights); "
                    + file.getFileName() + " has a rating column (explicit ratings): use error or last");
        }
        IdTable users = new IdTable();
        IdTable items = new IdTable();
        ItemSide itemSide = spec.itemsFile() == null ? null : readItems(spec, items);
        UserSide userSide = spec.usersFile() == null ? null : readUsers(spec, users);

        long lines = countLines(file);
        if (lines > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, 0, lines + " lines: more than one dataset can hold ("
                    + (Integer.MAX_VALUE - 16) + ")");
        }
        int cap = (int) Math.max(1, lines);
        Columns c = new Columns(cap);
        ProgressListener progress = options.progress();
        progress.start("reading " + file.getFileName(), lines);
        RatingsFile.Gaps gaps = new RatingsFile.Gaps();
        Parse p = new Parse(file, h.sep, h.fields, layout, spec.scale(), users, items, itemSide != null,
                userSide != null, spec);
        p.run(bufferBytes, c, gaps, progress);
        if (c.n == 0) {
            throw new DataFormatException(file, 0, "empty file: a header and no interactions");
        }
        return finish(file, c, users, items, layout, spec, p.stats, options, itemSide, userSide, gaps, false);
    }

    /**
     * The end of a read, shared by the delimited and the columnar pass: ids in their dense order, the
     * scale, duplicates (named by line, or by row for a columnar file), side data.
     */
    static Dataset finish(Path file, Columns c, IdTable users, IdTable items, Layout layout, InteractionsSpec spec,
                          Stats stats, ReadOptions options, ItemSide itemSide, UserSide userSide,
                          RatingsFile.Gaps gaps, boolean rows) {
        ProgressListener progress = options.progress();
        // Ids: dense order is the ids' own order (numeric when all are ints), kept as names otherwise.
        Ids uIds = ids(users, file, "user");
        Ids iIds = ids(items, file, "item");
        remap(c.u, uIds.rank, c.n);
        remap(c.i, iIds.rank, c.n);
        int n = c.n;
        RatingScale scale = layout.explicit ? (spec.scale() != null ? spec.scale() : stats.inferredScale())
                : stats.implicitScale();
        Interactions.Builder b = Interactions.Builder.wrap(uIds.index.size(), iIds.index.size(), c.u, c.i, c.r,
                c.t, n);
        c.u = null;
        c.i = null;
        c.r = null;
        c.t = null;
        Interactions in;
        try {
            in = switch (options.onDuplicate()) {
                case ERROR -> b.build(false);
                case LAST -> b.build(true);
                case SUM -> b.buildSummingDuplicates();
            };
        } catch (Interactions.DuplicateInteractionException e) {
            String unit = rows ? "row" : "line";
            long first = gaps.lineOf(e.firstIndex(), rows ? 0 : 1);
            long second = gaps.lineOf(e.secondIndex(), rows ? 0 : 1);
            throw new DataFormatException(file, rows ? 0 : second, (rows ? "row " + second + ": " : "")
                    + "duplicate interaction for the same user and item as " + unit + " " + first
                    + " (--on-duplicate last keeps the later " + unit
                    + (layout.explicit ? "" : ", sum adds the values up") + ")");
        }
        progress.done();
        Users u = userSide == null ? Users.withoutDemographics(uIds.index) : userSide.build(uIds);
        Movies m = itemSide == null ? namesAsTitles(iIds.index) : itemSide.build(iIds);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new Dataset(dot > 0 ? name.substring(0, dot) : name, u, m, in, scale,
                layout.explicit ? Dataset.Feedback.EXPLICIT : Dataset.Feedback.IMPLICIT);
    }

    /** {@code col[k] = rank[col[k]]} on all cores (no reference kept: the builder drops the columns early). */
    private static void remap(int[] col, int[] rank, int n) {
        Parallel.forRange(n, (chunk, from, to) -> {
            for (int k = from; k < to; k++) {
                col[k] = rank[col[k]];
            }
        });
    }

    // ------------------------------------------------------------------------------------------
    // Header and layout

    /** A side or interactions file's header: its separator and column names. */
    record Header(byte sep, String[] names, int fields) {
        int indexOf(String column) {
            for (int k = 0; k < names.length; k++) {
                if (names[k].equals(column)) {
                    return k;
                }
            }
            return -1;
        }
    }

    /** The header line of a delimited file (the interactions file's, or a side file's for {@link SideRows}). */
    static Header header(Path file, char delimiter, String what) throws IOException {
        try (LineReader r = LineReader.open(file)) {
            if (!r.next() || (r.isBlank() && !nextNonBlank(r))) {
                throw new DataFormatException(file, 0, "empty file: expected a header line naming the " + what
                        + " columns");
            }
            byte[] buf = r.buffer();
            // A side file may have a single column (just the ids): no delimiter to detect is fine there.
            byte sep = delimiter != 0 ? (byte) delimiter : detect(buf, r.start(), r.end(), file,
                    !what.equals("interactions"));
            if (r.lineNo() != 1) {
                throw new DataFormatException(file, r.lineNo(), "blank lines before the header");
            }
            Splitter s = new Splitter();
            int nf = s.split(buf, r.start(), r.end(), sep, r);
            String[] names = new String[nf];
            for (int k = 0; k < nf; k++) {
                names[k] = decode(buf, s.starts[k], s.ends[k], r, "header").strip();
                if (names[k].isEmpty()) {
                    throw r.error("empty column name in the header (column " + (k + 1) + ")");
                }
                for (int j = 0; j < k; j++) {
                    if (names[j].equals(names[k])) {
                        throw r.error("column '" + names[k] + "' appears twice in the header (columns " + (j + 1)
                                + " and " + (k + 1) + ")");
                    }
                }
            }
            return new Header(sep, names, nf);
        }
    }

    private static boolean nextNonBlank(LineReader r) throws IOException {
        while (r.next()) {
            if (!r.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** A delimited field as text: strict UTF-8, a quoted field's doubled quotes undone. */
    static String decode(byte[] buf, int s, int e, LineSource src, String what) {
        try {
            return utf8(buf, s, e).replace("\"\"", "\"");
        } catch (java.nio.charset.CharacterCodingException ex) {
            throw src.error("bytes in the " + what + " are not valid UTF-8");
        }
    }

    /** {@code buf[s..e)} decoded as UTF-8, refusing malformed bytes rather than replacing them. */
    static String utf8(byte[] buf, int s, int e) throws java.nio.charset.CharacterCodingException {
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(buf, s, e - s)).toString();
    }

    /** The delimiter of a header line: the most frequent of tab, comma, semicolon and pipe outside quotes. */
    private static byte detect(byte[] buf, int s, int e, Path file, boolean oneColumnOk) {
        byte[] cands = {'\t', ',', ';', '|'};
        int[] counts = new int[cands.length];
        boolean q = false;
        for (int i = s; i < e; i++) {
            if (buf[i] == '"') {
                q = !q;
            } else if (!q) {
                for (int k = 0; k < cands.length; k++) {
                    if (buf[i] == cands[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = -1;
        for (int k = 0; k < cands.length; k++) {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
                best = k;
            }
        }
        if (best < 0 && oneColumnOk) {
            return ',';
        }
        if (best < 0) {
            throw new DataFormatException(file, 1, "cannot detect the delimiter: the header has no tab, comma, "
                    + "semicolon or pipe (give it with --delimiter)");
        }
        return cands[best];
    }

    /** Where each role is in the interactions file. */
    record Layout(int user, int item, int value, int time, boolean explicit, String valueName) {
    }

    static Layout layout(Path file, Header h, InteractionsSpec spec) {
        Map<String, String> cols = spec.columns();
        if (cols.isEmpty() && h.indexOf("user") < 0 && h.indexOf("item") < 0 && h.indexOf("userId") >= 0
                && h.indexOf("movieId") >= 0) {
            // MovieLens's own column names (ratings.csv, and the Parquet file 'data synth' writes) need no mapping
            cols = h.indexOf("timestamp") >= 0 ? Map.of("user", "userId", "item", "movieId", "time", "timestamp")
                    : Map.of("user", "userId", "item", "movieId");
        }
        int user = required(file, h, cols, "user", "--columns");
        int item = required(file, h, cols, "item", "--columns");
        String role = spec.valueRole();
        int value;
        if (role != null) {
            value = required(file, h, spec.columns(), role, "--columns");
        } else {
            role = "rating";
            value = h.indexOf("rating"); // unmapped: a column named 'rating' means explicit ratings
        }
        int time = cols.containsKey("time") ? required(file, h, cols, "time", "--columns")
                : h.indexOf("time");
        int[] used = {user, item, value, time};
        for (int a = 0; a < used.length; a++) {
            for (int b = a + 1; b < used.length; b++) {
                if (used[a] >= 0 && used[a] == used[b]) {
                    throw new IllegalArgumentException("--columns maps two roles to column '" + h.names[used[a]]
                            + "'");
                }
            }
        }
        return new Layout(user, item, value, time, value >= 0 && role.equals("rating"), role);
    }

    private static int required(Path file, Header h, Map<String, String> mapping, String role, String option) {
        String col = mapping.getOrDefault(role, role);
        int k = h.indexOf(col);
        if (k < 0) {
            String how = mapping.containsKey(role) ? option + " maps " + role + " to '" + col + "', which"
                    : "no column for the required role '" + role + "': column '" + col + "'";
            // a columnar file (sep 0) has no header line: its columns come from its schema
            throw new DataFormatException(file, h.sep == 0 ? 0 : 1, "missing column: " + how + " is not in the "
                    + (h.sep == 0 ? "file's schema" : "header") + " (columns: "
                    + String.join(", ", h.names) + ")" + (mapping.containsKey(role) ? ""
                    : "; map it with " + option + " " + role + "=COLUMN"));
        }
        return k;
    }

    // ------------------------------------------------------------------------------------------
    // Splitting

    /**
     * Splits a line at a one-byte separator; a field starting with a quote is quoted (RFC 4180). A
     * record's quoted field may span lines ({@link #splitRecord}); a header's must close on its line.
     */
    static final class Splitter {
        int[] starts = new int[16];
        int[] ends = new int[16];
        /** After {@link #run} returned {@link #OPEN}: the fields before the open one, its start and where to scan on. */
        private int openFields;
        private int openStart;
        private int openScan;
        private static final int OPEN = -1;

        /** The fields of {@code buf[s, e)}; an unterminated quoted field is an error. */
        int split(byte[] buf, int s, int e, byte sep, LineSource src) {
            return run(buf, s, e, sep, src, 0, -1, false);
        }

        /**
         * The fields of the reader's current record: a quoted field still open at the end of a line
         * takes in the next lines (the breaks stay in the field), up to {@link LineSource#MAX_RECORD_BYTES};
         * errors name the record's first line.
         */
        int splitRecord(LineSource r, byte sep) throws IOException {
            int n = run(r.buffer(), r.start(), r.end(), sep, r, 0, -1, true);
            while (n == OPEN) {
                int shift = r.extendOpenField(openFields + 1);
                for (int f = 0; f < openFields; f++) {
                    starts[f] -= shift;
                    ends[f] -= shift;
                }
                n = run(r.buffer(), openScan - shift, r.end(), sep, r, openFields, openStart - shift, true);
            }
            return n;
        }

        /**
         * Splits from {@code i}, with {@code n} fields already found; {@code quoted >= 0} resumes a
         * quoted field whose content starts there, scanning on at {@code i}. With {@code spanning}, a
         * quoted field open at {@code e} returns {@link #OPEN}, else it is an error.
         */
        private int run(byte[] buf, int i, int e, byte sep, LineSource src, int n, int quoted, boolean spanning) {
            while (true) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                if (quoted >= 0 || (i < e && buf[i] == '"')) {
                    int fs = quoted >= 0 ? quoted : i + 1;
                    int j = quoted >= 0 ? i : fs;
                    quoted = -1;
                    while (true) {
                        if (j >= e) {
                            if (spanning) {
                                openFields = n;
                                openStart = fs;
                                openScan = j;
                                return OPEN;
                            }
                            throw src.error("unterminated quoted field " + (n + 1)
                                    + " (a header's quoted field must close on its line)");
                        }
                        if (buf[j] == '"') {
                            if (j + 1 < e && buf[j + 1] == '"') {
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        j++;
                    }
                    starts[n] = fs;
                    ends[n] = j;
                    n++;
                    i = j + 1;
                    if (i == e) {
                        return n;
                    }
                    if (buf[i] != sep) {
                        throw src.error("unexpected character after the closing quote of field " + n);
                    }
                    i++;
                } else {
                    int fs = i;
                    while (i < e && buf[i] != sep) {
                        i++;
                    }
                    starts[n] = fs;
                    ends[n] = i;
                    n++;
                    if (i == e) {
                        return n;
                    }
                    i++;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // The interactions pass

    static final class Columns {
        int[] u;
        int[] i;
        float[] r;
        long[] t;
        int n;

        Columns(int cap) {
            u = new int[cap];
            i = new int[cap];
            r = new float[cap];
            t = new long[cap];
        }
    }

    /** Value statistics, for the inferred scale. */
    static final class Stats {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int fracDigits;
        boolean allWhole = true;
        boolean allHalves = true;

        /**
         * Counts a value that did not come as text (a columnar file): whole, a half, or its decimals up to
         * 6 (7 for more), judged within a float's precision.
         */
        void accept(float r) {
            double v = r;
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            if (v == Math.rint(v)) {
                return;
            }
            allWhole = false;
            if (2 * v != Math.rint(2 * v)) {
                allHalves = false;
            }
            int fd = 7;
            double scaled = v;
            for (int d = 1; d <= 6; d++) {
                scaled *= 10;
                if (Math.abs(scaled - Math.rint(scaled)) <= 1e-6 * Math.abs(scaled)) {
                    fd = d;
                    break;
                }
            }
            fracDigits = Math.max(fracDigits, fd);
        }

        void merge(Stats o) {
            min = Math.min(min, o.min);
            max = Math.max(max, o.max);
            fracDigits = Math.max(fracDigits, o.fracDigits);
            allWhole &= o.allWhole;
            allHalves &= o.allHalves;
        }

        float step() {
            return allWhole ? 1f : allHalves ? 0.5f : (float) Math.pow(10, -Math.min(6, fracDigits));
        }

        RatingScale inferredScale() {
            float step = step();
            float mx = (float) max;
            float mn = (float) min;
            return new RatingScale(mn < mx ? mn : mx - step, mx, step);
        }

        RatingScale implicitScale() {
            return new RatingScale(0f, (float) Math.max(1, max), step());
        }
    }

    /**
     * Blocks parsed in record mode (after a record spanned lines) in slices on several threads, and on
     * one thread (one slice, or a quote count that cut inside a record): for the tests, which check that
     * both ways are taken.
     */
    static final java.util.concurrent.atomic.AtomicLong RECORD_BLOCKS_IN_SLICES =
            new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong RECORD_BLOCKS_ON_ONE_THREAD =
            new java.util.concurrent.atomic.AtomicLong();

    private static final class Parse {
        final Path file;
        final byte sep;
        final int nFields;
        final Layout layout;
        final RatingScale scale;
        final IdTable users;
        final IdTable items;
        final boolean closedItems;
        final boolean closedUsers;
        final InteractionsSpec spec;
        final Stats stats = new Stats();

        Parse(Path file, byte sep, int nFields, Layout layout, RatingScale scale, IdTable users, IdTable items,
              boolean closedItems, boolean closedUsers, InteractionsSpec spec) {
            this.file = file;
            this.sep = sep;
            this.nFields = nFields;
            this.layout = layout;
            this.scale = scale;
            this.users = users;
            this.items = items;
            this.closedItems = closedItems;
            this.closedUsers = closedUsers;
            this.spec = spec;
        }

        void run(int bufferBytes, Columns c, RatingsFile.Gaps gaps, ProgressListener progress) throws IOException {
            int nSlices = Math.max(1, Parallel.threads() * 4);
            Slice[] slices = new Slice[nSlices];
            for (int s = 0; s < nSlices; s++) {
                slices[s] = new Slice(this);
            }
            int[] bounds = new int[nSlices + 1];
            byte[] buf = new byte[Math.max(16, bufferBytes)];
            int limit = 0;
            int pos = 0;
            boolean eof = false;
            boolean first = true;
            boolean inSlices = true; // record mode in slices, until a slice ends inside a record
            long baseLine = 0;
            try (InputStream in = Files.newInputStream(file)) {
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
                        int nl = RatingsFileAccess.indexOfNewline(buf, 0, limit);
                        if (nl < 0 && !eof) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                            continue;
                        }
                        pos = nl < 0 ? limit : nl + 1; // the header, checked before
                        baseLine = 1;
                        first = false;
                    }
                    int usable = limit;
                    if (!eof) {
                        int last = limit - 1;
                        while (last >= pos && buf[last] != '\n') {
                            last--;
                        }
                        if (last < pos) {
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
                    final byte[] block = buf;
                    Slice lead = slices[0]; // in record mode once a record has spanned lines
                    if (!lead.records) {
                        SliceLines.parseInSlices(slices, bounds, block, pos, usable);
                        for (Slice sl : slices) {
                            lead.records |= sl.spansLines;
                        }
                        if (!lead.records) {
                            for (Slice sl : slices) {
                                baseLine = append(sl, baseLine, c, gaps, progress);
                            }
                        }
                    }
                    if (lead.records) {
                        // A record spans lines: from here on the file is parsed record by record, from this
                        // block's start (a record's start), in slices cut where a count of quotes says a
                        // record ends, else on this thread; a record the block cuts off is read again with
                        // the next block.
                        int cut;
                        if (inSlices && slices.length > 1 && SliceLines.parseRecordsInSlices(slices, bounds, block,
                                pos, usable, eof)) {
                            RECORD_BLOCKS_IN_SLICES.incrementAndGet();
                            for (Slice sl : slices) {
                                baseLine = append(sl, baseLine, c, gaps, progress);
                            }
                            cut = slices[slices.length - 1].cutAt;
                        } else {
                            // once the count of quotes has missed (a quote inside an unquoted field), the rest
                            // of the file goes on one thread: each miss costs a block parsed twice
                            inSlices = false;
                            RECORD_BLOCKS_ON_ONE_THREAD.incrementAndGet();
                            lead.atEof = eof;
                            lead.parse(block, pos, usable);
                            baseLine = append(lead, baseLine, c, gaps, progress);
                            cut = lead.cutAt;
                        }
                        if (cut >= 0) {
                            if (cut == pos && pos == 0 && limit == buf.length) {
                                buf = Arrays.copyOf(buf, buf.length * 2); // one record fills the buffer
                                continue;
                            }
                            usable = cut;
                        }
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

        /**
         * Appends a parsed slice's rows to {@code c} in file order and returns the line count after it:
         * ids new to the slice get their global ids in the slice's first-seen order; the earliest error
         * of the slice (parse error, or an id missing from a side file) is thrown.
         */
        private long append(Slice sl, long baseLine, Columns c, RatingsFile.Gaps gaps, ProgressListener progress) {
            long errLine = sl.error != null ? baseLine + sl.error.line() : Long.MAX_VALUE;
            String errReason = sl.error != null ? sl.error.reason() : null;
            long uErr = resolve(sl.localUsers, users, closedUsers, baseLine, errLine, sl.userMap);
            sl.userMap = mapped;
            long iErr = resolve(sl.localItems, items, closedItems, baseLine, errLine, sl.itemMap);
            sl.itemMap = mapped;
            if (uErr < errLine || iErr < errLine) {
                boolean userFirst = uErr <= iErr;
                errLine = userFirst ? uErr : iErr;
                errReason = userFirst ? resolveError(sl.localUsers, "user", spec.usersFile(), uErr - baseLine)
                        : resolveError(sl.localItems, "item", spec.itemsFile(), iErr - baseLine);
            }
            if (errReason != null) {
                throw new DataFormatException(file, errLine, errReason);
            }
            sl.patch();
            for (int k = 0; k < sl.nBlanks; k++) {
                gaps.add(c.n + sl.blanks[k]);
            }
            int m = sl.n;
            if (c.n + m > c.u.length) { // only when the count pass was fooled by a growing file
                int cap = Math.max(c.u.length * 2, c.n + m);
                c.u = Arrays.copyOf(c.u, cap);
                c.i = Arrays.copyOf(c.i, cap);
                c.r = Arrays.copyOf(c.r, cap);
                c.t = Arrays.copyOf(c.t, cap);
            }
            System.arraycopy(sl.us, 0, c.u, c.n, m);
            System.arraycopy(sl.is, 0, c.i, c.n, m);
            System.arraycopy(sl.rs, 0, c.r, c.n, m);
            System.arraycopy(sl.ts, 0, c.t, c.n, m);
            c.n += m;
            stats.merge(sl.stats);
            progress.advance(m);
            return baseLine + sl.lines;
        }

        /** The map array filled by the last {@link #resolve}. */
        private int[] mapped;

        /**
         * Gives every id of a slice's local table its global id (adding it unless the table is closed
         * by a side file), in the slice's first-seen order, into {@link #mapped}. Returns the line of
         * the first id that a closed table lacks, or {@link Long#MAX_VALUE}.
         */
        private long resolve(IdTable local, IdTable global, boolean closed, long baseLine, long errLine, int[] map) {
            int n = local.size();
            if (map.length < n) {
                map = new int[Math.max(n, map.length * 2)];
            }
            mapped = map;
            for (int l = 0; l < n; l++) {
                long line = baseLine + local.line(l);
                if (line > errLine) {
                    break;
                }
                int id = global.findFrom(local, l);
                if (id < 0) {
                    if (closed) {
                        return line;
                    }
                    id = global.addFrom(local, l, line);
                }
                map[l] = id;
            }
            return Long.MAX_VALUE;
        }

        private static String resolveError(IdTable local, String what, Path sideFile, long relLine) {
            for (int l = 0; l < local.size(); l++) {
                if (local.line(l) == relLine) {
                    return what + " '" + local.text(l) + "' is not in " + sideFile.getFileName();
                }
            }
            throw new IllegalStateException("no " + what + " first seen on slice line " + relLine);
        }
    }

    static String text(byte[] b, int s, int e) {
        int len = Math.min(60, e - s);
        String t = new String(b, s, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        return len < e - s ? t + "..." : t;
    }

    /** Parses one slice of whole lines into its own small columns (reused from block to block). */
    private static final class Slice extends SliceLines {
        private final Parse p;
        private final Splitter split = new Splitter();
        int[] us = new int[4096];
        int[] is = new int[4096];
        float[] rs = new float[4096];
        long[] ts = new long[4096];
        /** Ids this slice's block had not seen before: row values {@code -(local + 1)}, resolved in order. */
        final IdTable localUsers = new IdTable();
        final IdTable localItems = new IdTable();
        int[] userMap = new int[256];
        int[] itemMap = new int[256];
        Stats stats;

        Slice(Parse p) {
            super(p.file);
            this.p = p;
        }

        @Override
        void reset() {
            localUsers.clear();
            localItems.clear();
            lastUserEnd = -1;
            stats = new Stats();
        }

        @Override
        void parseLine() {
            int nf;
            try {
                nf = split.splitRecord(this, p.sep);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // a slice reads nothing: extend() does not throw it
            }
            if (nf != p.nFields) {
                throw error((nf < p.nFields ? "missing column: " : "extra column: ") + "expected " + p.nFields
                        + " fields as in the header, found " + nf);
            }
            if (n == us.length) {
                int cap = n * 2;
                us = Arrays.copyOf(us, cap);
                is = Arrays.copyOf(is, cap);
                rs = Arrays.copyOf(rs, cap);
                ts = Arrays.copyOf(ts, cap);
            }
            Layout l = p.layout;
            us[n] = userId(l.user());
            is[n] = id(l.item(), true, "item id");
            rs[n] = l.value() < 0 ? 1f : value(l.value());
            ts[n] = l.time() < 0 ? 0L : time(l.time());
            n++;
        }

        /** The previous line's user id bytes in the block and its id: files are often sorted by user. */
        private int lastUserStart;
        private int lastUserEnd = -1;
        private int lastUser;

        private int userId(int f) {
            int s = split.starts[f];
            int e = split.ends[f];
            if (lastUserEnd >= 0 && e - s == lastUserEnd - lastUserStart && s < e) {
                int k = 0;
                while (k < e - s && buf[s + k] == buf[lastUserStart + k]) {
                    k++;
                }
                if (k == e - s) {
                    return lastUser;
                }
            }
            int id = id(f, false, "user id");
            lastUserStart = s;
            lastUserEnd = e;
            lastUser = id;
            return id;
        }

        private int id(int f, boolean item, String what) {
            int s = split.starts[f];
            int e = split.ends[f];
            if (s == e) {
                throw error("empty " + what);
            }
            int h = IdTable.hash(buf, s, e);
            int id = (item ? p.items : p.users).find(buf, s, e, h);
            if (id >= 0) {
                return id;
            }
            for (int i = s; i < e; i++) {
                if (buf[i] == '"') {
                    throw error(what + " '" + text(buf, s, e) + "' contains a quote; ids may not");
                }
            }
            return -(item ? localItems : localUsers).add(buf, s, e, h, lineNo) - 1;
        }

        /** Replaces the local ids of new users and items by their global ids (after the resolve step). */
        void patch() {
            if (localUsers.size() > 0) {
                for (int k = 0; k < n; k++) {
                    int v = us[k];
                    if (v < 0) {
                        us[k] = userMap[-v - 1];
                    }
                }
            }
            if (localItems.size() > 0) {
                for (int k = 0; k < n; k++) {
                    int v = is[k];
                    if (v < 0) {
                        is[k] = itemMap[-v - 1];
                    }
                }
            }
        }

        private float value(int f) {
            int s = split.starts[f];
            int e = split.ends[f];
            String what = p.layout.valueName();
            if (s == e) {
                throw error("empty " + what);
            }
            boolean neg = buf[s] == '-';
            int i = neg ? s + 1 : s;
            long whole = 0;
            long frac = 0;
            long div = 1;
            int digits = 0;
            boolean dot = false;
            for (; i < e; i++) {
                byte b = buf[i];
                if (b == '.' && !dot) {
                    dot = true;
                    continue;
                }
                int d = b - '0';
                if (d < 0 || d > 9 || (dot ? div >= 1_000_000_000L : whole > 100_000_000L)) {
                    throw error("non-numeric " + what + " '" + text(buf, s, e) + "'");
                }
                digits++;
                if (dot) {
                    frac = frac * 10 + d;
                    div *= 10;
                } else {
                    whole = whole * 10 + d;
                }
            }
            if (digits == 0 || buf[e - 1] == '.') {
                throw error("non-numeric " + what + " '" + text(buf, s, e) + "'");
            }
            double v = whole + (double) frac / div;
            if (neg) {
                v = -v;
            }
            float r = (float) v;
            if (p.layout.explicit()) {
                if (p.scale != null && !p.scale.isValid(r)) {
                    throw error("rating " + text(buf, s, e) + " is outside " + fmt(p.scale.min()) + ".."
                            + fmt(p.scale.max()) + " or off its grid of step " + fmt(p.scale.step())
                            + " (--scale)");
                }
            } else if (!(r > 0)) {
                throw error(what + " " + text(buf, s, e) + " is not positive (implicit feedback counts and weights "
                        + "must be > 0)");
            }
            Stats st = stats;
            if (v < st.min) {
                st.min = v;
            }
            if (v > st.max) {
                st.max = v;
            }
            if (frac != 0) {
                st.allWhole = false;
                if (frac * 2 != div) {
                    st.allHalves = false;
                }
                int fd = 0;
                long x = frac;
                long dv = div;
                while (x % 10 == 0) {
                    x /= 10;
                    dv /= 10;
                }
                while (dv > 1) {
                    fd++;
                    dv /= 10;
                }
                if (fd > st.fracDigits) {
                    st.fracDigits = fd;
                }
            }
            return r;
        }

        private long time(int f) {
            return parseTime(buf, split.starts[f], split.ends[f], this::error);
        }
    }

    /**
     * A time field: epoch seconds, or an ISO date ({@link #isoSeconds}); {@code error} makes the exception
     * for a bad one from its reason.
     */
    static long parseTime(byte[] buf, int s, int e, java.util.function.Function<String, DataFormatException> error) {
        if (s == e) {
            throw error.apply("empty time");
        }
        boolean digits = true;
        for (int i = s; i < e; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                digits = false;
                break;
            }
        }
        if (digits) {
            if (e - s > 18) {
                throw error.apply("time '" + text(buf, s, e) + "' is too large");
            }
            long v = 0;
            for (int i = s; i < e; i++) {
                v = v * 10 + (buf[i] - '0');
            }
            return v;
        }
        long t = isoSeconds(buf, s, e);
        if (t == Long.MIN_VALUE) {
            throw error.apply("time '" + text(buf, s, e) + "' is neither epoch seconds nor an ISO date "
                    + "(YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
        }
        return t;
    }

    static String fmt(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    /**
     * Epoch seconds (UTC) of {@code YYYY-MM-DD} with an optional {@code T} or space and
     * {@code HH:MM[:SS[.fff]]} and an optional {@code Z}; {@link Long#MIN_VALUE} when not such a date.
     */
    static long isoSeconds(byte[] b, int s, int e) {
        int len = e - s;
        if (len < 10 || b[s + 4] != '-' || b[s + 7] != '-') {
            return Long.MIN_VALUE;
        }
        int y = num(b, s, 4);
        int mo = num(b, s + 5, 2);
        int d = num(b, s + 8, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) {
            return Long.MIN_VALUE;
        }
        int hh = 0;
        int mm = 0;
        int ss = 0;
        int i = s + 10;
        if (i < e) {
            if ((b[i] != 'T' && b[i] != ' ') || e - i < 6 || b[i + 3] != ':') {
                return Long.MIN_VALUE;
            }
            hh = num(b, i + 1, 2);
            mm = num(b, i + 4, 2);
            i += 6;
            if (i < e && b[i] == ':') {
                if (e - i < 3) {
                    return Long.MIN_VALUE;
                }
                ss = num(b, i + 1, 2);
                i += 3;
                if (i < e && b[i] == '.') {
                    i++;
                    int fs = i;
                    while (i < e && b[i] >= '0' && b[i] <= '9') {
                        i++;
                    }
                    if (i == fs) {
                        return Long.MIN_VALUE;
                    }
                }
            }
            if (i < e && b[i] == 'Z') {
                i++;
            }
            if (i != e || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) {
                return Long.MIN_VALUE;
            }
        }
        return java.time.LocalDate.of(y, mo, d).toEpochDay() * 86400L + hh * 3600L + mm * 60L + ss;
    }

    private static int daysIn(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int num(byte[] b, int s, int len) {
        int v = 0;
        for (int k = 0; k < len; k++) {
            int d = b[s + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Newlines in the file plus one: an upper bound on its data lines. */
    static long countLines(Path file) throws IOException {
        long lines = 1;
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while ((r = in.readNBytes(buf, 0, buf.length)) > 0) {
                lines += countNewlines(buf, r);
            }
        }
        return lines;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /**
     * The {@code '\n'} bytes in {@code buf[0, len)}, eight bytes at a time: XOR with eight newlines makes
     * each newline a zero byte, and {@code ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..)} sets the top bit of
     * exactly the zero bytes (no carry crosses a byte), which {@link Long#bitCount} counts. A byte loop
     * was about a sixth of reading a 25M-row file with string ids.
     */
    static int countNewlines(byte[] buf, int len) {
        int count = 0;
        int k = 0;
        for (int end = len - 7; k < end; k += 8) {
            long x = (long) LONGS.get(buf, k) ^ 0x0A0A0A0A0A0A0A0AL;
            count += Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
        }
        for (; k < len; k++) {
            if (buf[k] == '\n') {
                count++;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------------------------------
    // Ids

    /** A table's ids in their final dense order: {@code rank[tableId]} is the dense index. */
    private record Ids(IdIndex index, int[] rank) {
    }

    private static Ids ids(IdTable t, Path file, String what) {
        int n = t.size();
        boolean numeric = true;
        for (int id = 0; id < n && numeric; id++) {
            numeric = t.asInt(id) >= 0;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        int[] rank = new int[n];
        if (numeric) {
            long[] v = new long[n];
            for (int id = 0; id < n; id++) {
                v[id] = (t.asInt(id) << 32) | id;
            }
            Arrays.sort(v);
            int[] ext = new int[n];
            for (int k = 0; k < n; k++) {
                int id = (int) (v[k] & 0xffffffffL);
                rank[id] = k;
                ext[k] = (int) (v[k] >>> 32);
            }
            return new Ids(IdIndex.of(ext), rank);
        }
        String[] names = new String[n];
        for (int id = 0; id < n; id++) {
            names[id] = t.name(id);
            if (names[id] == null) {
                throw new DataFormatException(file, t.line(id), what + " id '" + t.text(id) + "' is not valid UTF-8");
            }
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        String[] sorted = new String[n];
        for (int k = 0; k < n; k++) {
            rank[order[k]] = k;
            sorted[k] = names[order[k]];
        }
        return new Ids(IdIndex.named(sorted), rank);
    }

    private static Movies namesAsTitles(IdIndex ids) {
        int n = ids.size();
        String[] titles = new String[n];
        for (int i = 0; i < n; i++) {
            titles[i] = ids.name(i);
        }
        return new Movies(ids, titles, new int[n], new long[n], List.of(), null, null);
    }

    // ------------------------------------------------------------------------------------------
    // Side files

    /** The items file's columns by table id. */
    static final class ItemSide {
        final List<String> vocabulary = new ArrayList<>();
        final Map<String, Integer> vocabularyIndex = new HashMap<>();
        String[] titles = new String[256];
        int[] years = new int[256];
        long[] genres = new long[256];
        String[] texts = new String[256];
        boolean hasText;

        void ensure(int id) {
            if (id >= titles.length) {
                int cap = Math.max(titles.length * 2, id + 1);
                titles = Arrays.copyOf(titles, cap);
                years = Arrays.copyOf(years, cap);
                genres = Arrays.copyOf(genres, cap);
                texts = Arrays.copyOf(texts, cap);
            }
        }

        Movies build(Ids ids) {
            int n = ids.index.size();
            String[] t = new String[n];
            int[] y = new int[n];
            long[] g = new long[n];
            String[] x = hasText ? new String[n] : null;
            for (int id = 0; id < n; id++) {
                int k = ids.rank[id];
                t[k] = id < titles.length && titles[id] != null ? titles[id] : ids.index.name(k);
                y[k] = id < years.length ? years[id] : 0;
                g[k] = id < genres.length ? genres[id] : 0;
                if (x != null) {
                    x[k] = id < texts.length ? texts[id] : null;
                }
            }
            Movies m = new Movies(ids.index, t, y, g, vocabulary, null, null);
            return x == null ? m : m.withTexts(x);
        }
    }

    static ItemSide readItems(InteractionsSpec spec, IdTable items) throws IOException {
        Path file = spec.itemsFile();
        ItemSide side = new ItemSide();
        try (SideRows rows = SideRows.open(file, spec.delimiter(), "item")) {
            Header h = rows.header;
            Map<String, String> map = spec.itemColumns();
            int item = required(file, h, map, "item", "--item-columns");
            int title = optional(file, h, map, "title");
            int genres = optional(file, h, map, "genres");
            int text = optional(file, h, map, "text");
            int year = optional(file, h, map, "year");
            rows.use(item, title, genres, text, year);
            side.hasText = text >= 0;
            while (rows.next()) {
                byte[] buf = rows.buffer();
                int s = rows.start(item);
                int e = rows.end(item);
                if (s == e) {
                    throw rows.error("empty item id");
                }
                int hash = IdTable.hash(buf, s, e);
                if (items.find(buf, s, e, hash) >= 0) {
                    throw rows.error("duplicate item '" + text(buf, s, e) + "' (first on " + rows.unit() + " "
                            + items.line(items.find(buf, s, e, hash)) + ")");
                }
                int id = items.add(buf, s, e, hash, rows.lineNo());
                side.ensure(id);
                if (title >= 0) {
                    side.titles[id] = rows.decode(title, "title").strip();
                    if (year < 0) {
                        side.years[id] = MovieTable.yearFromTitle(side.titles[id]);
                    }
                }
                if (year >= 0 && rows.start(year) < rows.end(year)) {
                    int ys = rows.start(year);
                    int ye = rows.end(year);
                    int yv = num(buf, ys, ye - ys);
                    if (yv < 0 || ye - ys != 4) {
                        throw rows.error("year '" + text(buf, ys, ye) + "' is not a 4-digit year");
                    }
                    side.years[id] = yv;
                }
                if (genres >= 0) {
                    side.genres[id] = genreBits(side, rows.decode(genres, "genres"), rows);
                }
                if (text >= 0) {
                    side.texts[id] = rows.decode(text, "text");
                }
            }
        }
        if (items.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: a header and no items");
        }
        return side;
    }

    private static long genreBits(ItemSide side, String list, SideRows r) {
        long bits = 0;
        if (list.isBlank()) {
            return 0;
        }
        for (String raw : list.split("\\|", -1)) {
            String g = raw.strip();
            if (g.isEmpty()) {
                throw r.error("empty genre name in '" + list + "' (genres are separated by |)");
            }
            Integer idx = side.vocabularyIndex.get(g);
            if (idx == null) {
                if (side.vocabulary.size() == Movies.MAX_GENRES) {
                    throw r.error("more than " + Movies.MAX_GENRES + " distinct genres or categories (at '" + g
                            + "'): movierec keeps at most " + Movies.MAX_GENRES);
                }
                idx = side.vocabulary.size();
                side.vocabularyIndex.put(g, idx);
                side.vocabulary.add(g);
            }
            bits |= 1L << idx;
        }
        return bits;
    }

    private static int optional(Path file, Header h, Map<String, String> map, String role) {
        if (map.containsKey(role)) {
            return required(file, h, map, role, "--" + sideOption(role));
        }
        return h.indexOf(role);
    }

    private static String sideOption(String role) {
        return InteractionsSpec.USER_ROLES.contains(role) ? "user-columns" : "item-columns";
    }

    /** The users file's columns by table id. */
    static final class UserSide {
        final List<String> occupations = new ArrayList<>();
        final Map<String, Integer> occupationIndex = new HashMap<>();
        int[] ages = new int[256];
        byte[] genders = new byte[256];
        int[] occ = new int[256];

        void ensure(int id) {
            if (id >= ages.length) {
                int cap = Math.max(ages.length * 2, id + 1);
                int old = ages.length;
                ages = Arrays.copyOf(ages, cap);
                genders = Arrays.copyOf(genders, cap);
                occ = Arrays.copyOf(occ, cap);
                Arrays.fill(ages, old, cap, -1);
                Arrays.fill(occ, old, cap, -1);
            }
        }

        Users build(Ids ids) {
            int n = ids.index.size();
            int[] a = new int[n];
            byte[] g = new byte[n];
            int[] o = new int[n];
            for (int id = 0; id < n; id++) {
                int k = ids.rank[id];
                a[k] = ages[id];
                g[k] = genders[id];
                o[k] = occ[id];
            }
            return Users.withDemographics(ids.index, a, g, o, occupations, new String[n]);
        }
    }

    static UserSide readUsers(InteractionsSpec spec, IdTable users) throws IOException {
        Path file = spec.usersFile();
        UserSide side = new UserSide();
        Arrays.fill(side.ages, -1);
        Arrays.fill(side.occ, -1);
        try (SideRows rows = SideRows.open(file, spec.delimiter(), "user")) {
            Header h = rows.header;
            Map<String, String> map = spec.userColumns();
            int user = required(file, h, map, "user", "--user-columns");
            int age = optional(file, h, map, "age");
            int gender = optional(file, h, map, "gender");
            int occupation = optional(file, h, map, "occupation");
            rows.use(user, age, gender, occupation);
            while (rows.next()) {
                byte[] buf = rows.buffer();
                int s = rows.start(user);
                int e = rows.end(user);
                if (s == e) {
                    throw rows.error("empty user id");
                }
                int hash = IdTable.hash(buf, s, e);
                int prev = users.find(buf, s, e, hash);
                if (prev >= 0) {
                    throw rows.error("duplicate user '" + text(buf, s, e) + "' (first on " + rows.unit() + " "
                            + users.line(prev) + ")");
                }
                int id = users.add(buf, s, e, hash, rows.lineNo());
                side.ensure(id);
                if (age >= 0 && rows.start(age) < rows.end(age)) {
                    int as = rows.start(age);
                    int len = rows.end(age) - as;
                    int v = len > 3 ? -1 : num(buf, as, len);
                    if (v < 0) {
                        throw rows.error("age '" + text(buf, as, rows.end(age)) + "' is not a whole number 0..999");
                    }
                    side.ages[id] = v;
                }
                if (gender >= 0) {
                    String g = rows.decode(gender, "gender").strip().toLowerCase(java.util.Locale.ROOT);
                    side.genders[id] = switch (g) {
                        case "" -> Users.GENDER_UNKNOWN;
                        case "m", "male" -> Users.GENDER_MALE;
                        case "f", "female" -> Users.GENDER_FEMALE;
                        default -> throw rows.error("gender '" + g + "' is not one of M, F, male, female or empty");
                    };
                }
                if (occupation >= 0 && rows.start(occupation) < rows.end(occupation)) {
                    String o = rows.decode(occupation, "occupation").strip();
                    Integer idx = side.occupationIndex.get(o);
                    if (idx == null) {
                        idx = side.occupations.size();
                        side.occupationIndex.put(o, idx);
                        side.occupations.add(o);
                    }
                    side.occ[id] = idx;
                }
            }
        }
        if (users.size() == 0) {
            throw new DataFormatException(file, 0, "empty file: a header and no users");
        }
        return side;
    }

    /** Access to {@link RatingsFile}'s helpers. */
    private static final class RatingsFileAccess {
        static int indexOfNewline(byte[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
