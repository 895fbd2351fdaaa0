package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.RatingScale;
import org.movierec.util.Parallel;

/**
 * The columnar pass of the interactions reader on an in-memory table (the Parquet reader itself is
 * tested in movierec-cli): the same dataset as the same rows in a CSV file, and errors that name the
 * row and the column.
 */
class ColumnarPassTest {
    @TempDir
    Path tmp;

    /** A table of columns held as objects (Long, Double, String or null), read in chunks of {@code chunk} rows. */
    static class Table implements ColumnarSource {
        final List<String> names = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        final List<Object[]> cols = new ArrayList<>();
        final int chunk;
        int chunkStart = -1;
        int chunkRows;
        int[] pos;
        boolean closed;

        Table(int chunk) {
            this.chunk = chunk;
        }

        Table col(String name, Kind kind, Object... values) {
            names.add(name);
            kinds.add(kind);
            cols.add(values);
            return this;
        }

        @Override
        public List<String> columns() {
            return names;
        }

        @Override
        public Kind kind(int col) {
            return kinds.get(col);
        }

        @Override
        public String typeName(int col) {
            return kinds.get(col) == Kind.OTHER ? "boolean" : kinds.get(col).name().toLowerCase();
        }

        @Override
        public long rows() {
            return cols.get(0).length;
        }

        @Override
        public long nextChunk() {
            chunkStart = chunkStart < 0 ? 0 : chunkStart + chunkRows;
            if (chunkStart >= rows()) {
                return -1;
            }
            chunkRows = (int) Math.min(chunk, rows() - chunkStart);
            pos = new int[names.size()];
            return chunkRows;
        }

        @Override
        public void read(int col, int count, ColumnValues out) throws IOException {
            assertThat(pos[col] + count).isLessThanOrEqualTo(chunkRows);
            out.reset(count);
            int len = 0;
            for (int k = 0; k < count; k++) {
                Object v = cols.get(col)[chunkStart + pos[col] + k];
                out.nulls[k] = v == null;
                if (v instanceof Long l) {
                    out.longs[k] = l;
                } else if (v instanceof Double d) {
                    out.doubles[k] = d;
                } else if (v instanceof String s) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.ensureBytes(len + b.length);
                    System.arraycopy(b, 0, out.bytes, len, b.length);
                    len += b.length;
                }
                out.ends[k] = len;
            }
            pos[col] += count;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static String rows(Dataset d) {
        return org.movierec.data.io.DatasetRows.of(d);
    }

    private Path file(String name) {
        return tmp.resolve(name);
    }

    private static Dataset read(Path f, Table t, InteractionsSpec spec) throws IOException {
        return ColumnarPass.read(f, t, spec, ReadOptions.DEFAULTS);
    }

    @Test
    void givesTheSameDatasetAsTheSameRowsInACsvFile() throws IOException {
        Table t = new Table(2)
                .col("customer", ColumnarSource.Kind.TEXT, "zoe", "adam", "zoe", "émile", "adam")
                .col("sku", ColumnarSource.Kind.INTEGER, 300L, 20L, 20L, 7L, 300L)
                .col("stars", ColumnarSource.Kind.REAL, 4.5, 1.0, 3.0, 2.5, 5.0)
                .col("ts", ColumnarSource.Kind.INTEGER, 100L, 50L, 70L, 10L, 60L);
        InteractionsSpec spec = InteractionsSpec.of(Map.of("user", "customer", "item", "sku", "rating", "stars",
                "time", "ts"));
        Dataset col = read(file("shop.parquet"), t, spec);
        Path csv = file("shop.csv");
        Files.writeString(csv, "customer,sku,stars,ts\nzoe,300,4.5,100\nadam,20,1,50\nzoe,20,3,70\némile,7,2.5,10\n"
                + "adam,300,5,60\n", StandardCharsets.UTF_8);
        Dataset text = InteractionsReader.read(csv, spec, ReadOptions.DEFAULTS);
        assertThat(rows(col)).isEqualTo(rows(text)).isEqualTo("""
                adam 20 1.0 50
                adam 300 5.0 60
                zoe 20 3.0 70
                zoe 300 4.5 100
                émile 7 2.5 10
                """);
        assertThat(col.name()).isEqualTo("shop");
        assertThat(col.ratingScale()).isEqualTo(text.ratingScale()).isEqualTo(new RatingScale(1f, 5f, 0.5f));
        assertThat(col.users().ids().names()).containsExactly("adam", "zoe", "émile");
        // whole-number ids are ints in numeric order, as in the CSV
        assertThat(col.movies().ids().hasNames()).isFalse();
        assertThat(col.movies().ids().externalIds()).containsExactly(7, 20, 300);
        assertThat(col.isImplicit()).isFalse();
    }

    /** Runs of one text id (looked up once per run) and repeated whole-number ids (cached) across chunks. */
    @Test
    void repeatedIdsInAndAcrossBatchesKeepTheirIds() throws IOException {
        Table t = new Table(3).col("user", ColumnarSource.Kind.TEXT, "b", "b", "a", "a", "a", "c", "b")
                .col("item", ColumnarSource.Kind.INTEGER, 10L, 2L, 2L, 10L, 7L, 2L, 7L);
        assertThat(rows(read(file("runs.parquet"), t, InteractionsSpec.defaults()))).isEqualTo("""
                a 2 1.0 0
                a 7 1.0 0
                a 10 1.0 0
                b 2 1.0 0
                b 7 1.0 0
                b 10 1.0 0
                c 2 1.0 0
                """);
    }

    /** 50,000 rows in chunks of 20,000: batches of 16,384 that end inside and at the end of a chunk. */
    private static Table big(Table t, int nullUserAt) {
        int n = 50_000;
        Object[] user = new Object[n];
        Object[] item = new Object[n];
        Object[] stars = new Object[n];
        Object[] ts = new Object[n];
        for (int r = 0; r < n; r++) {
            user[r] = r == nullUserAt ? null : "u" + (r * 7919L % 3001);
            item[r] = r * 31L % 997;
            stars[r] = (r % 9 + 2) / 2.0;
            ts[r] = (long) r;
        }
        return t.col("user", ColumnarSource.Kind.TEXT, user).col("item", ColumnarSource.Kind.INTEGER, item)
                .col("stars", ColumnarSource.Kind.REAL, stars).col("ts", ColumnarSource.Kind.INTEGER, ts);
    }

    private static final InteractionsSpec BIG = InteractionsSpec.of(Map.of("user", "user", "item", "item",
            "rating", "stars", "time", "ts"));

    /**
     * The next batch decodes while the current one is checked: the same rows as the CSV file however the
     * executor runs (or refuses) the decoding task.
     */
    @Test
    void batchesDecodedAheadGiveTheCsvFilesRowsOnAnyExecutor() throws IOException {
        StringBuilder csv = new StringBuilder("user,item,stars,ts\n");
        Table t0 = big(new Table(20_000), -1);
        for (int r = 0; r < 50_000; r++) {
            csv.append(t0.cols.get(0)[r]).append(',').append(t0.cols.get(1)[r]).append(',')
                    .append(t0.cols.get(2)[r]).append(',').append(t0.cols.get(3)[r]).append('\n');
        }
        Path f = file("big.csv");
        Files.writeString(f, csv);
        String expected = rows(InteractionsReader.read(f, BIG, ReadOptions.DEFAULTS));
        assertThat(expected.lines().count()).isEqualTo(50_000);
        assertThat(rows(read(file("big.parquet"), t0, BIG))).isEqualTo(expected);
        Executor inline = Runnable::run;
        Executor refusing = r -> {
            throw new RejectedExecutionException("full");
        };
        for (Executor e : new Executor[] {inline, refusing}) {
            String got = Parallel.withExecutor(e, () -> {
                try {
                    return rows(read(file("big.parquet"), big(new Table(20_000), -1), BIG));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
            assertThat(got).isEqualTo(expected);
        }
    }

    /** A bad row while the next batch decodes: its row is named, and the decoding has stopped when it is. */
    @Test
    void anErrorInALaterBatchWaitsForTheBatchBeingDecoded() {
        AtomicInteger reading = new AtomicInteger();
        Table slow = new Table(20_000) {
            @Override
            public void read(int col, int count, ColumnValues out) throws IOException {
                reading.incrementAndGet();
                try {
                    if (chunkStart + pos[col] >= 40_000) {
                        Thread.sleep(100); // the last batch decodes slowly
                    }
                    super.read(col, count, out);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                } finally {
                    reading.decrementAndGet();
                }
            }
        };
        Path f = file("late.parquet");
        // row 36,485: in the batch of rows 36,385..40,000, while rows 40,001..50,000 decode
        assertThatThrownBy(() -> read(f, big(slow, 36_484), BIG))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": row 36485: empty user id (column 'user')");
        assertThat(reading.get()).isZero();
        Table failing = new Table(20_000) {
            @Override
            public void read(int col, int count, ColumnValues out) throws IOException {
                if (chunkStart >= 40_000) {
                    throw new IOException("disk gone");
                }
                super.read(col, count, out);
            }
        };
        assertThatThrownBy(() -> read(f, big(failing, -1), BIG))
                .isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void infersDecimalStepsFromFloatValuesAsFromText() throws IOException {
        Table t = new Table(10).col("user", ColumnarSource.Kind.INTEGER, 1L, 1L, 2L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L, 2L, 1L)
                .col("rating", ColumnarSource.Kind.REAL, (double) 0.25f, 1.0, (double) 0.7f);
        assertThat(read(file("r.parquet"), t, InteractionsSpec.defaults()).ratingScale())
                .isEqualTo(new RatingScale(0.25f, 1f, 0.01f));
        Table tenths = new Table(10).col("user", ColumnarSource.Kind.INTEGER, 1L, 2L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L, 1L)
                .col("rating", ColumnarSource.Kind.REAL, (double) 3.7f, 1.0);
        assertThat(read(file("r.parquet"), tenths, InteractionsSpec.defaults()).ratingScale())
                .isEqualTo(new RatingScale(1f, 3.7f, 0.1f));
    }

    @Test
    void implicitWeightsTimestampsAndIsoTextTimes() throws IOException {
        Table t = new Table(1).col("user", ColumnarSource.Kind.TEXT, "a", "b")
                .col("item", ColumnarSource.Kind.TEXT, "x", "x")
                .col("plays", ColumnarSource.Kind.INTEGER, 3L, 1L)
                .col("when", ColumnarSource.Kind.TIMESTAMP, 86400L, 7L);
        Dataset d = read(file("p.parquet"), t, InteractionsSpec.of(Map.of("weight", "plays", "time", "when")));
        assertThat(d.isImplicit()).isTrue();
        assertThat(rows(d)).isEqualTo("a x 3.0 86400\nb x 1.0 7\n");
        Table iso = new Table(5).col("user", ColumnarSource.Kind.TEXT, "a")
                .col("item", ColumnarSource.Kind.TEXT, "x")
                .col("time", ColumnarSource.Kind.TEXT, "1970-01-02T00:00:01Z");
        assertThat(rows(read(file("i.parquet"), iso, InteractionsSpec.defaults()))).isEqualTo("a x 1.0 86401\n");
    }

    @Test
    void errorsNameTheRowAndTheColumn() {
        Path f = file("bad.parquet");
        Table nullUser = new Table(2).col("user", ColumnarSource.Kind.TEXT, "a", "b", null)
                .col("item", ColumnarSource.Kind.INTEGER, 1L, 2L, 3L);
        assertThatThrownBy(() -> read(f, nullUser, InteractionsSpec.defaults()))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": row 3: empty user id (column 'user')");
        Table realIds = new Table(2).col("user", ColumnarSource.Kind.REAL, 1.0)
                .col("item", ColumnarSource.Kind.INTEGER, 1L);
        assertThatThrownBy(() -> read(f, realIds, InteractionsSpec.defaults()))
                .hasMessage(f + ": column 'user' holds user ids but is of type real; user ids must be whole numbers "
                        + "or strings");
        Table boolRating = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L).col("rating", ColumnarSource.Kind.OTHER, (Object) null);
        assertThatThrownBy(() -> read(f, boolRating, InteractionsSpec.defaults()))
                .hasMessage(f + ": column 'rating' holds rating values but is of type boolean; rating values must be "
                        + "numbers");
        Table offScale = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L, 2L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L, 1L).col("rating", ColumnarSource.Kind.REAL, 5.0, 6.0);
        assertThatThrownBy(() -> read(f, offScale, InteractionsSpec.defaults().withScale(new RatingScale(1, 5, 1))))
                .hasMessage(f + ": row 2: rating 6 is outside 1..5 or off its grid of step 1 (--scale)");
        Table nan = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L).col("rating", ColumnarSource.Kind.REAL, Double.NaN);
        assertThatThrownBy(() -> read(f, nan, InteractionsSpec.defaults()))
                .hasMessage(f + ": row 1: rating NaN is not a finite number of at most 1e8 in magnitude");
        Table zeroWeight = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L).col("w", ColumnarSource.Kind.INTEGER, 0L);
        assertThatThrownBy(() -> read(f, zeroWeight, InteractionsSpec.of(Map.of("weight", "w"))))
                .hasMessage(f + ": row 1: weight 0 is not positive (implicit feedback counts and weights must be > 0)");
        Table dup = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L, 2L, 3L, 1L)
                .col("item", ColumnarSource.Kind.INTEGER, 5L, 5L, 5L, 5L);
        assertThatThrownBy(() -> read(f, dup, InteractionsSpec.defaults()))
                .hasMessage(f + ": row 4: duplicate interaction for the same user and item as row 1 (--on-duplicate "
                        + "last keeps the later row, sum adds the values up)");
        Table noItem = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L).col("sku", ColumnarSource.Kind.INTEGER,
                1L);
        assertThatThrownBy(() -> read(f, noItem, InteractionsSpec.defaults()))
                .hasMessageStartingWith(f + ": missing column: no column for the required role 'item': column 'item' "
                        + "is not in the file's schema (columns: user, sku)");
        Table badTime = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L).col("time", ColumnarSource.Kind.TEXT, "yesterday");
        assertThatThrownBy(() -> read(f, badTime, InteractionsSpec.defaults()))
                .hasMessage(f + ": row 1: time 'yesterday' is neither epoch seconds nor an ISO date (YYYY-MM-DD or "
                        + "YYYY-MM-DDTHH:MM[:SS])");
    }

    @Test
    void anItemMissingFromTheItemsFileIsNamed() throws IOException {
        Path items = file("items.csv");
        Files.writeString(items, "item,title\n1,One\n2,Two\n");
        Table t = new Table(2).col("user", ColumnarSource.Kind.INTEGER, 1L, 1L, 2L)
                .col("item", ColumnarSource.Kind.INTEGER, 1L, 2L, 3L);
        Path f = file("x.parquet");
        assertThatThrownBy(() -> read(f, t, InteractionsSpec.defaults().withItems(items, Map.of())))
                .hasMessage(f + ": row 3: item '3' is not in items.csv");
    }

    @Test
    void wholeNumberIdsAreWrittenAsTheirDecimalDigits() {
        assertThat(ColumnarPass.decimalText(0)).isEqualTo("0");
        assertThat(ColumnarPass.decimalText(123)).isEqualTo("123");
        assertThat(ColumnarPass.decimalText(-5)).isEqualTo("-5");
        assertThat(ColumnarPass.decimalText(Long.MIN_VALUE)).isEqualTo(Long.toString(Long.MIN_VALUE));
        assertThat(ColumnarPass.decimalText(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void aParquetFileWithoutTheReaderIsAClearErrorAndRegisteredFormatsAreUsed() throws IOException {
        Path f = file("data.parquet");
        Files.write(f, new byte[] {'P', 'A', 'R', '1'});
        if (ColumnarFormats.find("parquet") == null) {
            assertThatThrownBy(() -> InteractionsReader.read(f, InteractionsSpec.defaults(), ReadOptions.DEFAULTS))
                    .isInstanceOf(DataFormatException.class)
                    .hasMessageContaining("reading .parquet files needs movierec's Parquet reader");
        }
        Table t = new Table(3).col("user", ColumnarSource.Kind.INTEGER, 1L, 2L)
                .col("item", ColumnarSource.Kind.INTEGER, 9L, 9L);
        Path g = file("data.testcolumns");
        Files.write(g, new byte[0]);
        ColumnarFormats.register(new ColumnarFormats.ColumnarFormat() {
            @Override
            public String extension() {
                return "testcolumns";
            }

            @Override
            public ColumnarSource open(Path file) {
                assertThat(file).isEqualTo(g);
                return t;
            }
        });
        Dataset d = DatasetReader.read(g, ReadOptions.DEFAULTS, InteractionsSpec.defaults());
        assertThat(rows(d)).isEqualTo("1 9 1.0 0\n2 9 1.0 0\n");
        assertThat(t.closed).isTrue();
        assertThatThrownBy(() -> DatasetReader.read(g, ReadOptions.DEFAULTS, InteractionsSpec.defaults()
                .withDelimiter(';'))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--delimiter is for delimited text files, not data.testcolumns");
        assertThat(Arrays.asList(ColumnarFormats.extension(g), ColumnarFormats.extension(file("noext"))))
                .containsExactly("testcolumns", "");
    }
}
