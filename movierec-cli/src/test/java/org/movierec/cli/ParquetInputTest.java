package org.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;
import org.movierec.data.io.ColumnarFormats;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.testing.Fixtures;

/**
 * Interactions read from Parquet files ({@link ParquetInput}): files written here by parquet-java with every
 * codec {@link ParquetCodecs} handles and the column types people's files have, read back to the same
 * dataset as the same rows in a CSV file; bad files and columns as clear errors; the real ML-100k ratings
 * through Parquet equal to the MovieLens reader's; every command on a Parquet file.
 */
class ParquetInputTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void register() {
        ParquetOutput.registerInput();
    }

    @Test
    void otherProgramsFindTheFormatAsAService() {
        List<String> found = new ArrayList<>();
        for (ColumnarFormats.ColumnarFormat f : ServiceLoader.load(ColumnarFormats.ColumnarFormat.class)) {
            found.add(f.getClass().getName() + " " + f.extension());
        }
        assertThat(found).containsExactly(ParquetFormat.class.getName() + " parquet");
    }

    /** A column to write: its Parquet type and one value per row (null for a missing one). */
    record Col(PrimitiveType type, Object[] values) {
    }

    /** How a file's pages are written: page format and value encodings. */
    enum Pages {
        /** Format 1 pages, dictionary-encoded (parquet-java's default). */
        V1_DICTIONARY,
        /** Format 1 pages, plain values. */
        V1_PLAIN,
        /** Format 1 pages whose dictionary outgrows 1,000 bytes: dictionary pages first, then plain ones. */
        V1_DICTIONARY_FULL,
        /** Format 2 pages, dictionary-encoded. */
        V2_DICTIONARY,
        /** Format 2 pages without dictionary: delta-encoded whole numbers and strings. */
        V2_DELTA,
        /** Format 2 pages, floating-point columns byte-stream-split. */
        V2_BYTE_STREAM_SPLIT
    }

    /** Writes the columns to {@code file} with {@code codec}, in row groups of about {@code rowGroupBytes}. */
    static void write(Path file, CompressionCodecName codec, int rowGroupBytes, Col... cols) throws IOException {
        write(file, codec, rowGroupBytes, Pages.V1_DICTIONARY, cols);
    }

    /** Writes the columns as {@link #write(Path, CompressionCodecName, int, Col...)} with pages as {@code pages}. */
    static void write(Path file, CompressionCodecName codec, int rowGroupBytes, Pages pages, Col... cols)
            throws IOException {
        Files.deleteIfExists(file);
        List<Type> fields = new ArrayList<>();
        for (Col c : cols) {
            fields.add(c.type);
        }
        MessageType schema = new MessageType("interactions", fields);
        WriteSupport<Integer> support = new WriteSupport<>() {
            private RecordConsumer rc;

            @Override
            public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
                throw new UnsupportedOperationException("no Hadoop");
            }

            @Override
            public WriteContext init(ParquetConfiguration configuration) {
                return new WriteContext(schema, Map.of());
            }

            @Override
            public void prepareForWrite(RecordConsumer recordConsumer) {
                rc = recordConsumer;
            }

            @Override
            public void write(Integer row) {
                rc.startMessage();
                for (int k = 0; k < cols.length; k++) {
                    Object v = cols[k].values[row];
                    if (v == null) {
                        continue;
                    }
                    String name = cols[k].type.getName();
                    rc.startField(name, k);
                    switch (cols[k].type.getPrimitiveTypeName()) {
                        case INT32 -> rc.addInteger(((Number) v).intValue());
                        case INT64 -> rc.addLong(((Number) v).longValue());
                        case FLOAT -> rc.addFloat(((Number) v).floatValue());
                        case DOUBLE -> rc.addDouble(((Number) v).doubleValue());
                        case BOOLEAN -> rc.addBoolean((Boolean) v);
                        case BINARY, INT96 -> rc.addBinary(v instanceof byte[] b ? Binary.fromConstantByteArray(b)
                                : Binary.fromString((String) v));
                        default -> throw new IllegalArgumentException(name);
                    }
                    rc.endField(name, k);
                }
                rc.endMessage();
            }
        };
        class Builder extends ParquetWriter.Builder<Integer, Builder> {
            Builder() {
                super(new LocalOutputFile(file));
            }

            @Override
            protected Builder self() {
                return this;
            }

            @Override
            protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
                throw new UnsupportedOperationException("no Hadoop");
            }

            @Override
            protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
                return support;
            }
        }
        Builder b = new Builder();
        b.withConf(new PlainParquetConfiguration()).withCodecFactory(new ParquetCodecs()).withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes).withPageSize(1024).withPageRowCountLimit(100)
                .withWriterVersion(pages.name().startsWith("V2") ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .withDictionaryEncoding(pages.name().contains("DICTIONARY"))
                .withByteStreamSplitEncoding(pages == Pages.V2_BYTE_STREAM_SPLIT);
        if (pages == Pages.V1_DICTIONARY_FULL) {
            b.withDictionaryPageSize(1000);
        }
        try (ParquetWriter<Integer> w = b.build()) {
            for (int r = 0; r < cols[0].values.length; r++) {
                w.write(r);
            }
        }
    }

    static PrimitiveType required(PrimitiveTypeName t, String name) {
        return Types.required(t).named(name);
    }

    static PrimitiveType optional(PrimitiveTypeName t, LogicalTypeAnnotation a, String name) {
        return Types.optional(t).as(a).named(name);
    }

    static PrimitiveType string(String name) {
        return Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static String rows(Dataset d) {
        return org.movierec.data.io.DatasetRows.of(d);
    }

    private static Dataset read(Path file, InteractionsSpec spec) throws IOException {
        return DatasetReader.read(file, ReadOptions.DEFAULTS, spec);
    }

    /** 2,000 ratings of 40 string-named users on 300 items (some ids not ASCII, one with a comma). */
    static final int N = 2000;

    static String user(int r) {
        int u = r % 40;
        return u == 3 ? "user, the third" : u == 4 ? "usuário-4" : "user-" + u;
    }

    static long item(int r) {
        return (r / 40) * 7L % 300 + (r % 40) * 11L % 300 * 1000;
    }

    static double stars(int r) {
        return 1 + (r * 7 % 9) * 0.5;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void everyCodecGivesTheSameDatasetAsTheCsv(CompressionCodecName codec) throws IOException {
        sameDatasetAsTheCsv(codec, Pages.V1_DICTIONARY);
    }

    @ParameterizedTest
    @EnumSource(Pages.class)
    void everyPageFormatAndEncodingGivesTheSameDatasetAsTheCsv(Pages pages) throws IOException {
        Path f = sameDatasetAsTheCsv(CompressionCodecName.SNAPPY, pages);
        // the file has the pages asked for
        try (var r = ParquetFileReader.open(new LocalInputFile(f), ParquetInput.options(false))) {
            java.util.Set<Encoding> used = new java.util.HashSet<>();
            for (var block : r.getFooter().getBlocks()) {
                for (var chunk : block.getColumns()) {
                    used.addAll(chunk.getEncodings());
                }
            }
            switch (pages) {
                case V1_DICTIONARY, V2_DICTIONARY -> assertThat(used).containsAnyOf(Encoding.PLAIN_DICTIONARY,
                        Encoding.RLE_DICTIONARY);
                case V1_PLAIN -> assertThat(used).contains(Encoding.PLAIN).doesNotContain(Encoding.PLAIN_DICTIONARY);
                case V1_DICTIONARY_FULL -> assertThat(used).contains(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN);
                case V2_DELTA -> assertThat(used).contains(Encoding.DELTA_BINARY_PACKED, Encoding.DELTA_BYTE_ARRAY);
                case V2_BYTE_STREAM_SPLIT -> assertThat(used).contains(Encoding.BYTE_STREAM_SPLIT);
                default -> throw new AssertionError(pages);
            }
        }
        // a missing id on the second page of an optional column: its row is named
        Object[] users = new Object[N];
        Object[] items = new Object[N];
        for (int r = 0; r < N; r++) {
            users[r] = r == 150 ? null : user(r);
            items[r] = r < 300 ? r / 40 : 1000 + r; // few values first (a dictionary pays), then all distinct
        }
        Path g = tmp.resolve("nulls-" + pages + ".parquet");
        write(g, CompressionCodecName.SNAPPY, 1 << 20, pages,
                new Col(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("who"),
                        users), new Col(Types.optional(PrimitiveTypeName.INT32).named("sku"), items));
        assertThatThrownBy(() -> read(g, InteractionsSpec.of(Map.of("user", "who", "item", "sku"))))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(g + ": row 151: empty user id (column 'who')");
        users[150] = user(150);
        write(g, CompressionCodecName.SNAPPY, 1 << 20, pages, new Col(Types.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType()).named("who"), users), new Col(Types.optional(
                PrimitiveTypeName.INT32).named("sku"), items));
        assertThat(read(g, InteractionsSpec.of(Map.of("user", "who", "item", "sku"))).interactions().size())
                .isEqualTo(N);
        try (var r = ParquetFileReader.open(new LocalInputFile(g), ParquetInput.options(false))) {
            var sku = r.getFooter().getBlocks().get(0).getColumns().get(1).getEncodings();
            assertThat(sku.containsAll(List.of(Encoding.PLAIN_DICTIONARY, Encoding.PLAIN)))
                    .as("dictionary and plain pages in one column chunk: %s", sku)
                    .isEqualTo(pages == Pages.V1_DICTIONARY_FULL);
        }
    }

    /** The same ratings written to Parquet and to CSV read back alike; returns the Parquet file. */
    private static Path sameDatasetAsTheCsv(CompressionCodecName codec, Pages pages) throws IOException {
        Object[] users = new Object[N];
        Object[] items = new Object[N];
        Object[] ratings = new Object[N];
        Object[] millis = new Object[N];
        StringBuilder csv = new StringBuilder("who,sku,stars,ts\n");
        for (int r = 0; r < N; r++) {
            users[r] = user(r);
            items[r] = item(r);
            ratings[r] = stars(r);
            millis[r] = 1_600_000_000_000L + r * 1_999L;
            csv.append('"').append(users[r]).append("\",").append(items[r]).append(',').append(ratings[r]).append(',')
                    .append(Math.floorDiv((long) millis[r], 1000L)).append('\n');
        }
        Path f = tmp.resolve("shop-" + codec + "-" + pages + ".parquet");
        write(f, codec, 4096, pages, new Col(string("who"), users), new Col(required(PrimitiveTypeName.INT64, "sku"), items),
                new Col(Types.optional(PrimitiveTypeName.DOUBLE).named("stars"), ratings),
                new Col(Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.timestampType(true,
                        LogicalTypeAnnotation.TimeUnit.MILLIS)).named("ts"), millis));
        try (var src = new ParquetInput().open(f)) {
            assertThat(src.rows()).isEqualTo(N);
            int chunks = 0;
            while (src.nextChunk() >= 0) {
                chunks++;
            }
            assertThat(chunks).as("row groups").isGreaterThan(1);
        }
        Path c = tmp.resolve("shop-" + codec + "-" + pages + ".csv");
        Files.writeString(c, csv.toString(), StandardCharsets.UTF_8);
        InteractionsSpec spec = InteractionsSpec.of(Map.of("user", "who", "item", "sku", "rating", "stars",
                "time", "ts"));
        Dataset fromParquet = read(f, spec);
        Dataset fromCsv = read(c, spec);
        assertThat(fromParquet.interactions().size()).isEqualTo(N);
        assertThat(rows(fromParquet)).isEqualTo(rows(fromCsv));
        assertThat(fromParquet.ratingScale()).isEqualTo(fromCsv.ratingScale());
        assertThat(fromParquet.users().ids().names()).isEqualTo(fromCsv.users().ids().names())
                .contains("user, the third", "usuário-4");
        assertThat(fromParquet.movies().ids().externalIds()).isEqualTo(fromCsv.movies().ids().externalIds());
        assertThat(fromParquet.name()).isEqualTo("shop-" + codec + "-" + pages);
        return f;
    }

    @Test
    void datesInt96TimestampsDecimalsFloatsAndUnsignedIds() throws IOException {
        Path f = tmp.resolve("types.parquet");
        byte[] int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(3_600_000_000_123L)
                .putInt(2_440_588 + 2).array(); // 1970-01-03 01:00:00.000000123
        write(f, CompressionCodecName.SNAPPY, 1 << 20,
                new Col(Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(32, false))
                        .named("u"), new Object[] {-1, 7}), // -1 is 4294967295 unsigned
                new Col(required(PrimitiveTypeName.INT32, "i"), new Object[] {5, 5}),
                new Col(Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.decimalType(1, 3))
                        .named("r"), new Object[] {35, 40}), // 3.5 and 4.0
                new Col(Types.required(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named("d"),
                        new Object[] {1, 18_690}),
                new Col(required(PrimitiveTypeName.INT96, "t96"), new Object[] {int96, int96}),
                new Col(required(PrimitiveTypeName.FLOAT, "f"), new Object[] {2.5f, 0.5f}));
        Dataset byDate = read(f, InteractionsSpec.of(Map.of("user", "u", "item", "i", "rating", "r", "time", "d")));
        // 4294967295 does not fit an int, so the user ids are names in string order (as in a CSV file)
        assertThat(rows(byDate)).isEqualTo("4294967295 5 3.5 86400\n7 5 4.0 " + 18_690L * 86_400 + "\n");
        Dataset by96 = read(f, InteractionsSpec.of(Map.of("user", "u", "item", "i", "rating", "f", "time", "t96")));
        assertThat(rows(by96)).isEqualTo("4294967295 5 2.5 " + (2 * 86_400 + 3_600) + "\n7 5 0.5 "
                + (2 * 86_400 + 3_600) + "\n");
        assertThat(by96.ratingScale().step()).isEqualTo(0.5f);
    }

    @Test
    void badColumnsAndFilesAreNamed() throws IOException {
        Path f = tmp.resolve("bad.parquet");
        write(f, CompressionCodecName.ZSTD, 1 << 20,
                new Col(string("user"), new Object[] {"a", "b", "c"}),
                new Col(required(PrimitiveTypeName.INT64, "item"), new Object[] {1L, 2L, 3L}),
                new Col(Types.optional(PrimitiveTypeName.FLOAT).named("rating"), new Object[] {4f, null, 2f}),
                new Col(required(PrimitiveTypeName.BOOLEAN, "liked"), new Object[] {true, false, true}));
        assertThatThrownBy(() -> read(f, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessage(f + ": row 2: empty rating (column 'rating')");
        assertThatThrownBy(() -> read(f, InteractionsSpec.of(Map.of("user", "liked"))))
                .hasMessage(f + ": column 'liked' holds user ids but is of type boolean; user ids must be whole "
                        + "numbers or strings");
        assertThatThrownBy(() -> read(f, InteractionsSpec.of(Map.of("rating", "score"))))
                .hasMessageStartingWith(f + ": missing column: --columns maps rating to 'score', which is not in the "
                        + "file's schema (columns: user, item, rating, liked)");

        Path text = tmp.resolve("text.parquet");
        Files.writeString(text, "user,item\n1,2\n");
        assertThatThrownBy(() -> read(text, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(text + ": not a readable Parquet file: ");
        Path cut = tmp.resolve("cut.parquet");
        byte[] whole = Files.readAllBytes(f);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(cut, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(cut + ": not a readable Parquet file: ");
        // a page whose bytes are damaged: the page checksum or the decompressor says so, never a silent misread
        Path damaged = tmp.resolve("damaged.parquet");
        byte[] d = whole.clone();
        for (int k = 8; k < 60; k++) {
            d[k] ^= 0x5a;
        }
        Files.write(damaged, d);
        assertThatThrownBy(() -> read(damaged, InteractionsSpec.defaults())).isInstanceOf(DataFormatException.class)
                .hasMessageContaining(damaged + ": corrupt Parquet");
        assertThatThrownBy(() -> new ParquetCodecs().getDecompressor(CompressionCodecName.BROTLI))
                .hasMessage("Parquet compression BROTLI is not supported (movierec reads UNCOMPRESSED, SNAPPY, GZIP, "
                        + "ZSTD, LZ4_RAW)");
        assertThatThrownBy(() -> read(tmp.resolve("none.parquet"), InteractionsSpec.defaults()))
                .isInstanceOf(DataFormatException.class).hasMessage(tmp.resolve("none.parquet") + ": no such file");
    }

    /** The real ML-100k ratings written to Parquet read back as the MovieLens reader reads u.data. */
    @Test
    void realMl100kThroughParquetEqualsTheMovieLensReader() throws IOException {
        Path dir = Fixtures.requireMl100k();
        Dataset ml = DatasetReader.read(dir);
        List<String> lines = Files.readAllLines(dir.resolve("u.data"), StandardCharsets.ISO_8859_1);
        int n = lines.size();
        Object[][] cols = new Object[4][n];
        for (int r = 0; r < n; r++) {
            String[] f = lines.get(r).split("\t");
            cols[0][r] = Integer.parseInt(f[0]);
            cols[1][r] = Integer.parseInt(f[1]);
            cols[2][r] = Integer.parseInt(f[2]);
            cols[3][r] = Long.parseLong(f[3]);
        }
        Path f = tmp.resolve("ml100k.parquet");
        write(f, CompressionCodecName.SNAPPY, 256 << 10, new Col(required(PrimitiveTypeName.INT32, "userId"), cols[0]),
                new Col(required(PrimitiveTypeName.INT32, "movieId"), cols[1]),
                new Col(required(PrimitiveTypeName.INT32, "rating"), cols[2]),
                new Col(required(PrimitiveTypeName.INT64, "timestamp"), cols[3]));
        Dataset pq = read(f, InteractionsSpec.of(Map.of("user", "userId", "item", "movieId", "time", "timestamp")));
        assertThat(pq.interactions().size()).isEqualTo(100_000).isEqualTo(ml.interactions().size());
        assertThat(pq.ratingScale()).isEqualTo(ml.ratingScale());
        assertThat(pq.users().ids().externalIds()).isEqualTo(ml.users().ids().externalIds());
        assertThat(pq.movies().ids().externalIds()).isEqualTo(ml.movies().ids().externalIds());
        assertThat(rows(pq)).isEqualTo(rows(ml));
    }

    /** Every command reads a Parquet file as it reads the same rows in CSV. */
    /** Items and users side files may be Parquet too; they give the same catalogue and users as the same rows in CSV. */
    @Test
    void parquetSideFilesReadAsTheirCsvTwins(@TempDir Path tmp) throws IOException {
        Path ratings = tmp.resolve("ratings.csv");
        Files.writeString(ratings, "who,sku,stars\nann,10,4\nbob,20,2\nann,30,5\ncy,10,3\n");
        Path itemsCsv = tmp.resolve("items.csv");
        Files.writeString(itemsCsv, "sku,name,cats,blurb,yr\n10,Heat (1995),Crime|Drama,\"A \"\"heist\"\" film\",1995\n"
                + "20,Caf\u00e9,,,\n30,Up,Animation,Balloons,2009\n");
        Path usersCsv = tmp.resolve("users.csv");
        Files.writeString(usersCsv, "who,years,sex,job\nann,34,F,writer\nbob,,m,\ncy,7,,student\n");
        Path itemsPq = tmp.resolve("items.parquet");
        write(itemsPq, CompressionCodecName.SNAPPY, 1 << 20, new Col(required(PrimitiveTypeName.INT64, "sku"),
                new Object[] {10L, 20L, 30L}), new Col(string("name"), new Object[] {"Heat (1995)", "Caf\u00e9", "Up"}),
                new Col(optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), "cats"),
                        new Object[] {"Crime|Drama", null, "Animation"}),
                new Col(optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), "blurb"),
                        new Object[] {"A \"heist\" film", null, "Balloons"}),
                new Col(Types.optional(PrimitiveTypeName.INT32).named("yr"), new Object[] {1995, null, 2009}));
        Path usersPq = tmp.resolve("users.parquet");
        write(usersPq, CompressionCodecName.SNAPPY, 1 << 20, new Col(string("who"), new Object[] {"ann", "bob", "cy"}),
                new Col(Types.optional(PrimitiveTypeName.INT32).named("years"), new Object[] {34, null, 7}),
                new Col(optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), "sex"),
                        new Object[] {"F", "m", null}),
                new Col(optional(PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType(), "job"),
                        new Object[] {"writer", null, "student"}));
        Map<String, String> cols = Map.of("user", "who", "item", "sku", "rating", "stars");
        Map<String, String> itemCols = Map.of("item", "sku", "title", "name", "genres", "cats", "text", "blurb",
                "year", "yr");
        Map<String, String> userCols = Map.of("user", "who", "age", "years", "gender", "sex", "occupation", "job");
        Dataset csv = read(ratings, new InteractionsSpec(cols, (char) 0, null, itemsCsv, itemCols, usersCsv, userCols));
        Dataset pq = read(ratings, new InteractionsSpec(cols, (char) 0, null, itemsPq, itemCols, usersPq, userCols));
        assertThat(pq.fingerprint()).isEqualTo(csv.fingerprint());
        for (int m = 0; m < csv.numItems(); m++) {
            assertThat(pq.movies().title(m)).isEqualTo(csv.movies().title(m));
            assertThat(pq.movies().year(m)).isEqualTo(csv.movies().year(m));
            assertThat(pq.movies().genreNames(m)).isEqualTo(csv.movies().genreNames(m));
            assertThat(pq.movies().text(m)).isEqualTo(csv.movies().text(m));
        }
        assertThat(pq.movies().text(pq.movies().ids().indexOfName("10"))).isEqualTo("A \"heist\" film");
        for (int u = 0; u < csv.numUsers(); u++) {
            assertThat(pq.users().age(u)).isEqualTo(csv.users().age(u));
            assertThat(pq.users().gender(u)).isEqualTo(csv.users().gender(u));
            assertThat(pq.users().occupationName(u)).isEqualTo(csv.users().occupationName(u));
        }
        assertThat(pq.users().age(pq.users().ids().indexOfName("ann"))).isEqualTo(34);
        // errors name the file and the row
        Path dup = tmp.resolve("dup.parquet");
        write(dup, CompressionCodecName.SNAPPY, 1 << 20, new Col(required(PrimitiveTypeName.INT64, "sku"),
                new Object[] {10L, 20L, 10L}));
        assertThatThrownBy(() -> read(ratings, new InteractionsSpec(cols, (char) 0, null, dup, Map.of("item", "sku"),
                null, Map.of()))).isInstanceOf(DataFormatException.class).hasMessageContaining("dup.parquet")
                .hasMessageContaining("row 3: duplicate item '10' (first on row 1)");
        Path badAge = tmp.resolve("age.parquet");
        write(badAge, CompressionCodecName.SNAPPY, 1 << 20, new Col(string("who"), new Object[] {"ann"}),
                new Col(Types.optional(PrimitiveTypeName.DOUBLE).named("years"), new Object[] {34.5}));
        assertThatThrownBy(() -> read(ratings, new InteractionsSpec(cols, (char) 0, null, null, Map.of(), badAge,
                Map.of("user", "who", "age", "years")))).hasMessageContaining("age.parquet")
                .hasMessageContaining("row 1: age '34.5' is not a whole number");
        assertThatThrownBy(() -> read(ratings, new InteractionsSpec(cols, (char) 0, null, itemsPq,
                Map.of("item", "nope"), null, Map.of()))).hasMessageContaining("'nope', which is not in the file's schema");
        // a column movierec does not read may sit beside the mapped ones, but not be mapped itself
        Path flags = tmp.resolve("flags.parquet");
        write(flags, CompressionCodecName.SNAPPY, 1 << 20, new Col(required(PrimitiveTypeName.INT64, "sku"),
                new Object[] {10L, 20L, 30L}), new Col(Types.required(PrimitiveTypeName.BOOLEAN).named("adult"),
                new Object[] {true, false, false}));
        assertThat(read(ratings, new InteractionsSpec(cols, (char) 0, null, flags, Map.of("item", "sku"), null,
                Map.of())).numItems()).isEqualTo(3);
        assertThatThrownBy(() -> read(ratings, new InteractionsSpec(cols, (char) 0, null, flags,
                Map.of("item", "sku", "title", "adult"), null, Map.of()))).hasMessageContaining("flags.parquet")
                .hasMessageContaining("column 'adult' is of type");
    }

    /**
     * A compressed file's size understates its rows (here 1.5 million ratings in about 11 MB), so the
     * heap is checked against the footer's row count before any column is read: one error line, exit
     * code 2, not an out-of-memory crash.
     */
    @Test
    void theHeapIsCheckedAgainstTheFootersRowCount(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("big");
        Cli.Result w = Cli.run("data", "synth", "--users", "6000", "--movies", "3000", "--ratings", "1500000",
                "--format", "parquet", "--out", out.toString());
        assertThat(w.exitCode()).as(w.toString()).isZero();
        Path file = out.resolve("ratings.parquet");
        assertThat(org.movierec.util.MemoryBudget.estimateLines(file) * 3).as("the size-based estimate")
                .isLessThan(1_500_000L);
        assertRefusedUpFrontIn48MiB(file, "1,500,000 rows");
    }

    /** {@code data info FILE} in a JVM of 48 MiB: one error line naming {@code what} and -Xmx, exit 2, no crash. */
    static void assertRefusedUpFrontIn48MiB(Path file, String what) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "data", "info", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(2);
        assertThat(err.strip()).startsWith("error: ").contains(what).contains("-Xmx")
                .doesNotContain("out of memory").doesNotContain("\tat ");
    }

    /**
     * Few rows in one large row group (2,000 item ids of 16 KiB each, random so that Snappy cannot shrink
     * them): the rows alone would pass, the row group's pages (held compressed and decompressed while it
     * is read) would not, so the check counts them and names them.
     */
    @Test
    void theHeapCheckCountsTheRowGroupsPages(@TempDir Path tmp) throws Exception {
        int n = 2000;
        Object[] u = new Object[n];
        Object[] i = new Object[n];
        java.util.Random rnd = new java.util.Random(11);
        char[] text = new char[16 * 1024];
        for (int k = 0; k < n; k++) {
            u[k] = "u" + (k % 50);
            for (int c = 0; c < text.length; c++) {
                text[c] = (char) ('a' + rnd.nextInt(26));
            }
            i[k] = new String(text);
        }
        Path pq = tmp.resolve("wide.parquet");
        write(pq, CompressionCodecName.SNAPPY, 256 << 20, new Col(string("user"), u), new Col(string("item"), i));
        assertThat(org.movierec.util.MemoryBudget.loadBytes(n)).as("the rows alone").isLessThan(1 << 20);
        assertRefusedUpFrontIn48MiB(pq, "2,000 rows, row groups of up to");
        // with heap enough for them, the same file reads
        Cli.Result ok = Cli.run("data", "info", pq.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void commandsReadParquetAsTheyReadCsv() throws IOException {
        int n = 3000;
        Object[] u = new Object[n];
        Object[] i = new Object[n];
        Object[] r = new Object[n];
        StringBuilder csv = new StringBuilder("user,item,rating\n");
        java.util.Random rnd = new java.util.Random(3);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 0; k < n; ) {
            int uu = rnd.nextInt(60);
            int ii = rnd.nextInt(120);
            if (!seen.add(uu * 1000L + ii)) {
                continue;
            }
            u[k] = "u" + uu;
            i[k] = (long) ii;
            r[k] = 1 + (uu + ii) % 5;
            csv.append(u[k]).append(',').append(i[k]).append(',').append(r[k]).append('\n');
            k++;
        }
        Path pq = tmp.resolve("mine.parquet");
        write(pq, CompressionCodecName.SNAPPY, 8192, new Col(string("user"), u),
                new Col(required(PrimitiveTypeName.INT64, "item"), i), new Col(required(PrimitiveTypeName.INT32,
                        "rating"), r));
        Path c = tmp.resolve("mine.csv");
        Files.writeString(c, csv.toString());
        Cli.Result a = Cli.run("evaluate", "--data", pq.toString(), "--algo", "bias,biased-mf", "--seed", "5");
        Cli.Result b = Cli.run("evaluate", "--data", c.toString(), "--algo", "bias,biased-mf", "--seed", "5");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(metricLines(a.out())).isEqualTo(metricLines(b.out())).isNotEmpty();
        Path model = tmp.resolve("mine.bin");
        Cli.Result t = Cli.run("train", "--data", pq.toString(), "--algo", "biased-mf", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Cli.Result rec = Cli.run("recommend", "--model", model.toString(), "--user", "u7", "-n", "3");
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        Cli.Result info = Cli.run("data", "info", pq.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).containsPattern("ratings\\s+3000\\R").contains("rating scale       1 .. 5, step 1")
                .isEqualTo(Cli.run("data", "info", c.toString()).out());
    }

    /** The result table's rows without timing columns, which differ between runs. */
    static List<String> metricLines(String out) {
        List<String> keep = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith("bias") || line.startsWith("biased-mf")) {
                String[] cells = line.trim().split("\\s+");
                keep.add(String.join(" ", java.util.Arrays.copyOf(cells, Math.min(cells.length, 6))));
            }
        }
        return keep;
    }
}
