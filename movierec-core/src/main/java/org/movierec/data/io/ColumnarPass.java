package org.movierec.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.RatingScale;
import org.movierec.util.MemoryBudget;
import org.movierec.util.Parallel;
import org.movierec.util.ProgressListener;

/**
 * {@link InteractionsReader}'s pass over a columnar file ({@link ColumnarSource}): the same roles, id
 * order, value and time rules, side files and duplicate handling as the delimited pass, with rows
 * (1-based, in file order) where a delimited file has lines. Columns arrive in batches of primitive
 * values; an id is looked up by its bytes (a whole-number id by its decimal digits, so that a Parquet
 * {@code int64} column and a CSV column of the same ids give the same dataset).
 */
final class ColumnarPass {
    private static final int BATCH = 16384;

    private final Path file;
    private final ColumnarSource src;
    private final InteractionsReader.Layout layout;
    private final RatingScale scale;
    private final IdTable users;
    private final IdTable items;
    private final boolean closedUsers;
    private final boolean closedItems;
    private final InteractionsSpec spec;
    final InteractionsReader.Stats stats = new InteractionsReader.Stats();
    private final byte[] digits = new byte[20];
    /** Table id + 1 of each small whole-number id seen (0: not yet), users' and items': no digits or hash again. */
    private int[] userCache = new int[0];
    private int[] itemCache = new int[0];
    private static final int CACHE_LIMIT = 1 << 24;
    /** The previous row's ids: a text id equal to the previous row's in the same batch is not looked up again. */
    private int lastUser;
    private int lastItem;
    private long row;

    private ColumnarPass(Path file, ColumnarSource src, InteractionsReader.Layout layout, InteractionsSpec spec,
                         IdTable users, IdTable items, boolean closedUsers, boolean closedItems) {
        this.file = file;
        this.src = src;
        this.layout = layout;
        this.scale = spec.scale();
        this.spec = spec;
        this.users = users;
        this.items = items;
        this.closedUsers = closedUsers;
        this.closedItems = closedItems;
    }

    static Dataset read(Path file, InteractionsSpec spec, ReadOptions options) throws IOException {
        ColumnarFormats.ColumnarFormat format = ColumnarFormats.find(ColumnarFormats.extension(file));
        if (format == null) {
            throw new DataFormatException(file, 0, "reading ." + ColumnarFormats.extension(file) + " files needs "
                    + "movierec's Parquet reader, which is not on the class path: run it through the movierec "
                    + "command (./movierec), or add movierec-cli's movierec-parquet.jar");
        }
        if (spec.delimiter() != 0) {
            throw new IllegalArgumentException("--delimiter is for delimited text files, not " + file.getFileName());
        }
        try (ColumnarSource src = format.open(file)) {
            return read(file, src, spec, options);
        }
    }

    /**
     * Reads {@code src} (the file {@code file}) as {@link InteractionsReader#read} reads a delimited file,
     * closing it once its rows are in (closing it again is harmless).
     */
    static Dataset read(Path file, ColumnarSource src, InteractionsSpec spec, ReadOptions options)
            throws IOException {
        List<String> names = src.columns();
        InteractionsReader.Header h = new InteractionsReader.Header((byte) 0, names.toArray(new String[0]),
                names.size());
        InteractionsReader.Layout layout = InteractionsReader.layout(file, h, spec);
        if (options.onDuplicate() == ReadOptions.OnDuplicate.SUM && layout.explicit()) {
            throw new IllegalArgumentException("--on-duplicate sum adds up implicit feedback (counts, weights); "
                    + file.getFileName() + " has a rating column (explicit ratings): use error or last");
        }
        checkKind(file, src, layout.user(), "user ids", ColumnarSource.Kind.INTEGER, ColumnarSource.Kind.TEXT);
        checkKind(file, src, layout.item(), "item ids", ColumnarSource.Kind.INTEGER, ColumnarSource.Kind.TEXT);
        if (layout.value() >= 0) {
            checkKind(file, src, layout.value(), layout.valueName() + " values", ColumnarSource.Kind.INTEGER,
                    ColumnarSource.Kind.REAL);
        }
        if (layout.time() >= 0) {
            checkKind(file, src, layout.time(), "times", ColumnarSource.Kind.INTEGER, ColumnarSource.Kind.TIMESTAMP,
                    ColumnarSource.Kind.TEXT);
        }
        IdTable users = new IdTable();
        IdTable items = new IdTable();
        InteractionsReader.ItemSide itemSide = spec.itemsFile() == null ? null
                : InteractionsReader.readItems(spec, items);
        InteractionsReader.UserSide userSide = spec.usersFile() == null ? null
                : InteractionsReader.readUsers(spec, users);
        long rows = src.rows();
        if (rows > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(file, 0, rows + " rows: more than one dataset can hold ("
                    + (Integer.MAX_VALUE - 16) + ")");
        }
        // The footer gives the exact row count, which a compressed file's size does not: check the heap
        // before any column is read (ReadMixin's size-based check leaves columnar files to this one), with
        // what the source holds for its largest chunk of the columns read (a row group can be large).
        long held = src.chunkBufferBytes(roleColumns(layout));
        MemoryBudget.check(String.format(java.util.Locale.ROOT, "loading %s (%,d rows%s)", file, rows,
                held >= 1 << 20 ? String.format(java.util.Locale.ROOT, ", row groups of up to %,d MiB",
                        held >> 20) : ""), MemoryBudget.loadBytes(rows) + held);
        InteractionsReader.Columns c = new InteractionsReader.Columns((int) Math.max(1, rows));
        ProgressListener progress = options.progress();
        progress.start("reading " + file.getFileName(), rows);
        ColumnarPass p = new ColumnarPass(file, src, layout, spec, users, items, userSide != null, itemSide != null);
        p.run(c, progress);
        src.close(); // before the ids are sorted: the source's buffers (a row group's pages) are garbage now
        if (c.n == 0) {
            throw new DataFormatException(file, 0, "empty file: no interactions");
        }
        return InteractionsReader.finish(file, c, users, items, layout, spec, p.stats, options, itemSide, userSide,
                new RatingsFile.Gaps(), true);
    }

    private static void checkKind(Path file, ColumnarSource src, int col, String what, ColumnarSource.Kind... ok) {
        ColumnarSource.Kind k = src.kind(col);
        for (ColumnarSource.Kind o : ok) {
            if (k == o) {
                return;
            }
        }
        String allowed = switch (what) {
            case "user ids", "item ids" -> "whole numbers or strings";
            case "times" -> "epoch seconds, a timestamp or date, or ISO date strings";
            default -> "numbers";
        };
        throw new DataFormatException(file, 0, "column '" + src.columns().get(col) + "' holds " + what + " but is of "
                + "type " + src.typeName(col) + "; " + what + " must be " + allowed);
    }

    private void run(InteractionsReader.Columns c, ProgressListener progress) throws IOException {
        try {
            runColumns(c, progress);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One batch of decoded columns: the values of each role and how many rows they hold (0: the file ended). */
    private static final class Batch {
        final ColumnValues u = new ColumnValues();
        final ColumnValues i = new ColumnValues();
        final ColumnValues v = new ColumnValues();
        final ColumnValues t = new ColumnValues();
        final ColumnValues[] into;
        int m;

        Batch(int[] roles) {
            ColumnValues[] byRole = {u, i, v, t};
            into = new ColumnValues[4];
            int n = 0;
            for (int q = 0; q < 4; q++) {
                if (roles[q] >= 0) {
                    into[n++] = byRole[q];
                }
            }
        }
    }

    /**
     * The next batch decoded on another thread while this one's rows are looked up: whoever comes first runs
     * it (a busy or single-threaded executor makes the reading thread run it itself, no deadlock).
     */
    private final class Prefetch implements Runnable {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private final Batch batch;
        private final Executor executor;
        private Throwable failure;

        Prefetch(Batch batch, Executor executor) {
            this.batch = batch;
            this.executor = executor;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                Parallel.withExecutor(executor, () -> fill(batch));
            } catch (Throwable e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        /** Waits for the batch (running it here if no other thread has started it); rethrows its failure. */
        void await() throws IOException {
            run();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable f = failure;
            if (f instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (f instanceof IOException io) {
                throw io;
            }
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error err) {
                throw err;
            }
        }
    }

    private int[] cols;
    private long chunkLeft;

    /** Decodes the next batch of rows into {@code b} ({@code b.m = 0} at the end of the file). */
    private void fill(Batch b) {
        try {
            while (chunkLeft == 0) {
                long chunk = src.nextChunk();
                if (chunk < 0) {
                    b.m = 0;
                    return;
                }
                chunkLeft = chunk;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int m = (int) Math.min(chunkLeft, BATCH);
        // the columns decode (and decompress) side by side: a columnar source reads columns independently
        int[] read = cols;
        ColumnValues[] into = b.into;
        Parallel.forRange(read.length, (ch, from, to) -> {
            for (int q = from; q < to; q++) {
                try {
                    src.read(read[q], m, into[q]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        chunkLeft -= m;
        b.m = m;
    }

    /** The file's columns that the layout's roles read (user, item, value, time), in that order. */
    private static int[] roleColumns(InteractionsReader.Layout l) {
        int[] roles = {l.user(), l.item(), l.value(), l.time()};
        int[] cs = new int[4];
        int nCols = 0;
        for (int q = 0; q < 4; q++) {
            if (roles[q] >= 0) {
                cs[nCols++] = roles[q];
            }
        }
        return Arrays.copyOf(cs, nCols);
    }

    private void runColumns(InteractionsReader.Columns c, ProgressListener progress) throws IOException {
        InteractionsReader.Layout l = layout;
        int[] roles = {l.user(), l.item(), l.value(), l.time()};
        cols = roleColumns(l);
        src.project(cols);
        Batch cur = new Batch(roles);
        Batch spare = new Batch(roles);
        fill(cur);
        boolean ahead = Parallel.threads() > 1;
        Executor executor = Parallel.currentExecutor();
        while (cur.m > 0) {
            Prefetch next = null;
            if (ahead) { // the next batch decodes while this one's ids are looked up
                next = new Prefetch(spare, executor);
                try {
                    executor.execute(next);
                } catch (RejectedExecutionException e) {
                    // await() below runs it on this thread
                }
            }
            try {
                rows(c, cur);
            } catch (RuntimeException | Error e) {
                if (next != null) { // the source is closed after this: let the decoding thread finish first
                    try {
                        next.await();
                    } catch (IOException | RuntimeException ignored) {
                        // the row error is the one to report
                    }
                }
                throw e;
            }
            progress.advance(cur.m);
            if (next != null) {
                next.await();
            } else {
                fill(spare);
            }
            Batch b = cur;
            cur = spare;
            spare = b;
        }
    }

    /** Looks up and checks the rows of batch {@code b}, appending them to {@code c}. */
    private void rows(InteractionsReader.Columns c, Batch b) {
        int m = b.m;
        if (c.n + m > c.u.length) { // more rows than the file said it has
            throw new DataFormatException(file, 0, "holds more rows than its metadata says (" + src.rows()
                    + "): a corrupt file");
        }
        InteractionsReader.Layout l = layout;
        ColumnValues u = b.u;
        ColumnValues i = b.i;
        ColumnValues v = b.v;
        ColumnValues t = b.t;
        for (int k = 0; k < m; k++) {
            row++;
            int n = c.n;
            c.u[n] = lastUser = id(u, k, l.user(), users, closedUsers, "user", true);
            c.i[n] = lastItem = id(i, k, l.item(), items, closedItems, "item", false);
            c.r[n] = l.value() < 0 ? 1f : value(v, k, l.value());
            c.t[n] = l.time() < 0 ? 0L : time(t, k, l.time());
            c.n = n + 1;
        }
    }

    private DataFormatException error(String reason) {
        return new DataFormatException(file, 0, "row " + row + ": " + reason);
    }

    private String column(int col) {
        return " (column '" + src.columns().get(col) + "')";
    }

    private int id(ColumnValues vals, int k, int col, IdTable table, boolean closed, String what, boolean user) {
        if (vals.nulls[k]) {
            throw error("empty " + what + " id" + column(col));
        }
        byte[] b;
        int s;
        int e;
        boolean text = src.kind(col) == ColumnarSource.Kind.TEXT;
        long value = text ? -1 : vals.longs[k];
        int[] cache = user ? userCache : itemCache;
        if (value >= 0 && value < cache.length && cache[(int) value] != 0) {
            return cache[(int) value] - 1;
        }
        if (text) {
            b = vals.bytes;
            s = vals.start(k);
            e = vals.ends[k];
            if (s == e) {
                throw error("empty " + what + " id" + column(col));
            }
            if (k > 0 && !vals.nulls[k - 1] && Arrays.equals(b, s, e, b, vals.start(k - 1), s)) {
                return user ? lastUser : lastItem;
            }
        } else {
            b = digits;
            e = digits.length;
            s = decimal(vals.longs[k], digits);
        }
        int h = IdTable.hash(b, s, e);
        int id = table.find(b, s, e, h);
        if (id < 0) {
            if (closed) {
                Path side = user ? spec.usersFile() : spec.itemsFile();
                throw error(what + " '" + InteractionsReader.text(b, s, e) + "' is not in " + side.getFileName());
            }
            id = table.add(b, s, e, h, row);
        }
        if (value >= 0 && value < CACHE_LIMIT) {
            if (value >= cache.length) {
                cache = Arrays.copyOf(cache, (int) Math.min(CACHE_LIMIT, Math.max(value + 1, cache.length * 2L)));
                if (user) {
                    userCache = cache;
                } else {
                    itemCache = cache;
                }
            }
            cache[(int) value] = id + 1;
        }
        return id;
    }

    /** Writes {@code v}'s decimal digits at the end of {@code out}; returns where they start. */
    static int decimal(long v, byte[] out) {
        int p = out.length;
        long x = v < 0 ? v : -v; // negative, so that Long.MIN_VALUE works too
        do {
            out[--p] = (byte) ('0' - (x % 10));
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            out[--p] = '-';
        }
        return p;
    }

    private float value(ColumnValues vals, int k, int col) {
        String what = layout.valueName();
        if (vals.nulls[k]) {
            throw error("empty " + what + column(col));
        }
        double d = src.kind(col) == ColumnarSource.Kind.REAL ? vals.doubles[k] : vals.longs[k];
        if (!Double.isFinite(d) || Math.abs(d) > 1e8) {
            throw error(what + " " + d + " is not a finite number of at most 1e8 in magnitude");
        }
        float r = (float) d;
        if (layout.explicit()) {
            if (scale != null && !scale.isValid(r)) {
                throw error("rating " + InteractionsReader.fmt(r) + " is outside " + InteractionsReader.fmt(scale.min()) + ".."
                        + InteractionsReader.fmt(scale.max()) + " or off its grid of step "
                        + InteractionsReader.fmt(scale.step()) + " (--scale)");
            }
        } else if (!(r > 0)) {
            throw error(what + " " + InteractionsReader.fmt(r) + " is not positive (implicit feedback counts and weights must be > 0)");
        }
        stats.accept(r);
        return r;
    }

    private long time(ColumnValues vals, int k, int col) {
        if (vals.nulls[k]) {
            throw error("empty time" + column(col));
        }
        if (src.kind(col) == ColumnarSource.Kind.TEXT) {
            return InteractionsReader.parseTime(vals.bytes, vals.start(k), vals.ends[k], this::error);
        }
        return vals.longs[k];
    }

    /** For tests: the decimal digits {@link #decimal} writes. */
    static String decimalText(long v) {
        byte[] b = new byte[20];
        int s = decimal(v, b);
        return new String(Arrays.copyOfRange(b, s, b.length), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
