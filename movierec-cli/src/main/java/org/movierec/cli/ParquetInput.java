package org.movierec.cli;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.movierec.data.DataFormatException;
import org.movierec.data.io.ColumnValues;
import org.movierec.data.io.ColumnarFormats;
import org.movierec.data.io.ColumnarSource;

/**
 * Reads a user's interactions from a Parquet file (Apache parquet-java, without Hadoop): the file's
 * top-level columns, a row group at a time, only the columns the reader asks for. Types: whole numbers
 * ({@code int32}, {@code int64}, unsigned {@code int32}) are {@code INTEGER}; {@code float}, {@code double} and
 * decimals stored as {@code int32}/{@code int64} are {@code REAL}; {@code binary} (strings, enums, JSON or
 * unannotated) is {@code TEXT}; {@code TIMESTAMP} of any unit, {@code DATE} and Spark's legacy {@code int96}
 * timestamps are epoch seconds ({@code TIMESTAMP}). Booleans, fixed-length binaries, times of day, binary
 * decimals and repeated or nested fields are {@code OTHER}, which the reader refuses by name for a role.
 *
 * <p>Pages are decompressed by {@link ParquetCodecs} and decoded by {@code PageColumn}: PLAIN and dictionary
 * values straight from the page bytes (the encodings Spark, pyarrow, DuckDB and parquet-java write for
 * numbers and short strings), other encodings through parquet-java's values readers. parquet-java's read-options builder loads Hadoop
 * classes ({@code ParquetInputFormat}) in 1.15, so the options are made through the constructor that the
 * builder itself calls (package-private, reached by reflection); the test suite reads files in a JVM
 * without Hadoop to hold this. Like {@link RecsParquet} this class is public, uses only public movierec API,
 * and in {@code movierec.jar} is loaded from the nested Parquet jar ({@link ParquetOutput#loader()}).
 */
public final class ParquetInput implements ColumnarFormats.ColumnarFormat {
    @Override
    public String extension() {
        return "parquet";
    }

    @Override
    public ColumnarSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, 0, Files.exists(file) ? "not a file" : "no such file");
        }
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new ParquetInputFile(file), options(true));
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            if (CorruptDeltaByteArrays.requiresSequentialReads(createdBy, Encoding.DELTA_BYTE_ARRAY)) {
                // PARQUET-246: a page's delta strings may continue the previous page's last value, which must
                // then outlive the next page's decompression
                reader.close();
                reader = ParquetFileReader.open(new ParquetInputFile(file), options(false));
            }
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, 0, "not a readable Parquet file: " + message(e), e);
        }
        return new Source(file, reader);
    }

    /** The root cause's message (parquet-java wraps its errors several times). */
    static String message(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** Read options without Hadoop; {@code reuse}: each column chunk decompresses its pages into one array. */
    static ParquetReadOptions options(boolean reuse) {
        try {
            Constructor<ParquetReadOptions> k = ParquetReadOptions.class.getDeclaredConstructor(boolean.class,
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class,
                    ByteBufferAllocator.class, int.class, Map.class, FileDecryptionProperties.class,
                    ParquetMetricsCallback.class, ParquetConfiguration.class);
            k.setAccessible(true);
            // signed string min/max, stats, dictionary, record, column-index filters: off (nothing is filtered);
            // page checksums: verified; bloom filter, off-heap decryption, Hadoop vectored I/O: off
            return k.newInstance(false, false, false, false, false, true, false, false, false, FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER, new ParquetCodecs(reuse), new HeapByteBufferAllocator(),
                    8 << 20, Map.of(), null, null, new PlainParquetConfiguration());
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("this parquet-java has no ParquetReadOptions constructor movierec "
                    + "knows (built against 1.15.2): " + e, e);
        }
    }

    /** One column: where it is in the file's schema and how its values convert. */
    private record Column(String name, ColumnDescriptor descriptor, PrimitiveType type, ColumnarSource.Kind kind,
                          String typeName) {
    }

    /** Reads of different columns may run on different threads (see {@link ColumnarSource#read}). */
    private static final class Source implements ColumnarSource {
        private final Path file;
        private final ParquetFileReader reader;
        private final MessageType schema;
        private final List<Column> columns = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final String createdBy;
        private PageColumn[] readers;
        private MessageType projected;

        Source(Path file, ParquetFileReader reader) {
            this.file = file;
            this.reader = reader;
            this.schema = reader.getFooter().getFileMetaData().getSchema();
            this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            for (Type t : schema.getFields()) {
                ColumnDescriptor d = t.isPrimitive() ? schema.getColumnDescription(new String[] {t.getName()}) : null;
                PrimitiveType p = t.isPrimitive() ? t.asPrimitiveType() : null;
                Kind kind = p == null || t.isRepetition(Type.Repetition.REPEATED) ? Kind.OTHER : kindOf(p);
                String typeName = p == null ? "group (nested)" : (t.isRepetition(Type.Repetition.REPEATED)
                        ? "repeated " : "") + p.getPrimitiveTypeName().name().toLowerCase(java.util.Locale.ROOT)
                        + (p.getLogicalTypeAnnotation() == null ? "" : " (" + p.getLogicalTypeAnnotation() + ")");
                columns.add(new Column(t.getName(), d, p, kind, typeName));
                names.add(t.getName());
            }
            readers = new PageColumn[columns.size()];
            projected = schema;
        }

        private static Kind kindOf(PrimitiveType p) {
            LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
            return switch (p.getPrimitiveTypeName()) {
                case INT32 -> a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ? Kind.INTEGER
                        : a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Kind.TIMESTAMP
                        : a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.REAL : Kind.OTHER;
                case INT64 -> a == null || a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation ? Kind.INTEGER
                        : a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? Kind.TIMESTAMP
                        : a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Kind.REAL : Kind.OTHER;
                case INT96 -> Kind.TIMESTAMP;
                case FLOAT, DOUBLE -> Kind.REAL;
                case BINARY -> a == null || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation ? Kind.TEXT : Kind.OTHER;
                default -> Kind.OTHER;
            };
        }

        @Override
        public List<String> columns() {
            return names;
        }

        @Override
        public Kind kind(int col) {
            return columns.get(col).kind;
        }

        @Override
        public String typeName(int col) {
            return columns.get(col).typeName;
        }

        @Override
        public long rows() {
            return reader.getRecordCount();
        }

        /** The largest row group's column chunks of these columns, compressed plus decompressed (footer sizes). */
        @Override
        public long chunkBufferBytes(int[] cols) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (int c : cols) {
                names.add(columns.get(c).name);
            }
            long max = 0;
            for (org.apache.parquet.hadoop.metadata.BlockMetaData b : reader.getFooter().getBlocks()) {
                long sum = 0;
                for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData m : b.getColumns()) {
                    if (names.contains(m.getPath().toArray()[0])) {
                        sum += m.getTotalSize() + m.getTotalUncompressedSize();
                    }
                }
                max = Math.max(max, sum);
            }
            return max;
        }

        @Override
        public void project(int[] cols) {
            List<Type> fields = new ArrayList<>();
            for (int c : cols) {
                fields.add(schema.getType(columns.get(c).name));
            }
            projected = new MessageType(schema.getName(), fields);
            reader.setRequestedSchema(projected);
        }

        @Override
        public long nextChunk() throws IOException {
            PageReadStore pages;
            try {
                pages = reader.readNextRowGroup();
            } catch (IOException | RuntimeException e) {
                throw new DataFormatException(file, 0, "corrupt Parquet row group: " + message(e), e);
            }
            java.util.Arrays.fill(readers, null);
            if (pages == null) {
                return -1;
            }
            // every projected column's pages now, so that reads of different columns can run on different
            // threads (each column owns its pages and decompressor)
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if (col.descriptor != null && projected.containsField(col.name)) {
                    try {
                        readers[c] = new PageColumn(col, pages.getPageReader(col.descriptor), createdBy);
                    } catch (IOException | RuntimeException e) {
                        throw new DataFormatException(file, 0, "corrupt Parquet data in column '" + col.name + "': "
                                + message(e), e);
                    }
                }
            }
            return pages.getRowCount();
        }

        @Override
        public void read(int col, int count, ColumnValues out) {
            Column c = columns.get(col);
            PageColumn r = readers[col];
            if (r == null) {
                throw new IllegalStateException("column '" + c.name + "' was not projected or no chunk is current");
            }
            try {
                r.read(count, out);
            } catch (IOException | RuntimeException e) {
                throw new DataFormatException(file, 0, "corrupt Parquet data in column '" + c.name + "': "
                        + message(e), e);
            }
        }

        @Override
        public void close() throws IOException {
            java.util.Arrays.fill(readers, null);
            reader.close();
        }
    }

    /** How a column's values are turned into {@link ColumnValues}, chosen once per column, not per value. */
    private enum Decode { INT, DATE, UINT, INT_DECIMAL, LONG, LONG_SCALED, LONG_DECIMAL, INT96, FLOAT, DOUBLE, TEXT }

    /** Where a page's values come from. */
    private enum Values { PLAIN, DICTIONARY, OTHER }

    /**
     * One column of one row group, read page by page: definition levels (nulls) through parquet-java's level
     * readers; values of the two encodings writers use for data like this (PLAIN and dictionary) decoded here
     * straight from the page's bytes, any other encoding (delta, byte-stream-split) through parquet-java's
     * values reader. Only flat (non-repeated) columns are read.
     */
    private static final class PageColumn {
        private final Column c;
        private final PageReader pages;
        private final ColumnDescriptor d;
        private final int maxDef;
        private final String createdBy;
        private final Decode how;
        /** A timestamp's unit (the divisor of every value) and a decimal's scale. */
        private final long unit;
        private final double scale;
        /** The dictionary's values, decoded once: one of these by type. */
        private int[] dictInts;
        private long[] dictLongs;
        private double[] dictDoubles;
        private byte[][] dictBytes;
        /** The current page: values left (nulls included), its levels and values. */
        private int left;
        private ValuesReader defsV1;
        private RunLengthBitPackingHybridDecoder defsV2;
        private Values mode;
        private ByteBuffer plain;
        private RunLengthBitPackingHybridDecoder ids;
        private ValuesReader other;
        private ValuesReader previous;
        private final byte[] int96 = new byte[12];

        PageColumn(Column c, PageReader pages, String createdBy) throws IOException {
            this.c = c;
            this.pages = pages;
            this.d = c.descriptor;
            this.maxDef = d.getMaxDefinitionLevel();
            this.createdBy = createdBy;
            if (d.getMaxRepetitionLevel() > 0) {
                throw new IllegalStateException("repeated column '" + c.name + "' is not readable");
            }
            this.how = decode(c);
            LogicalTypeAnnotation a = c.type.getLogicalTypeAnnotation();
            unit = a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t ? switch (t.getUnit()) {
                case MILLIS -> 1_000L;
                case MICROS -> 1_000_000L;
                case NANOS -> 1_000_000_000L;
            } : 1L;
            scale = a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation dec
                    ? Math.pow(10, dec.getScale()) : 1.0;
            DictionaryPage dp = pages.readDictionaryPage();
            if (dp != null) {
                Dictionary dict = dp.getEncoding().initDictionary(d, dp);
                int n = dict.getMaxId() + 1;
                switch (c.type.getPrimitiveTypeName()) {
                    case INT32 -> {
                        dictInts = new int[n];
                        for (int k = 0; k < n; k++) {
                            dictInts[k] = dict.decodeToInt(k);
                        }
                    }
                    case INT64 -> {
                        dictLongs = new long[n];
                        for (int k = 0; k < n; k++) {
                            dictLongs[k] = dict.decodeToLong(k);
                        }
                    }
                    case FLOAT, DOUBLE -> {
                        dictDoubles = new double[n];
                        boolean f = c.type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FLOAT;
                        for (int k = 0; k < n; k++) {
                            dictDoubles[k] = f ? dict.decodeToFloat(k) : dict.decodeToDouble(k);
                        }
                    }
                    default -> {
                        dictBytes = new byte[n][];
                        for (int k = 0; k < n; k++) {
                            dictBytes[k] = dict.decodeToBinary(k).getBytes();
                        }
                    }
                }
            }
        }

        private static Decode decode(Column c) {
            LogicalTypeAnnotation a = c.type.getLogicalTypeAnnotation();
            return switch (c.type.getPrimitiveTypeName()) {
                case INT32 -> a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Decode.DATE
                        : a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Decode.INT_DECIMAL
                        : a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() ? Decode.UINT
                        : Decode.INT;
                case INT64 -> a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ? Decode.LONG_SCALED
                        : a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation ? Decode.LONG_DECIMAL
                        : Decode.LONG;
                case INT96 -> Decode.INT96;
                case FLOAT -> Decode.FLOAT;
                case DOUBLE -> Decode.DOUBLE;
                case BINARY -> Decode.TEXT;
                default -> throw new IllegalStateException("column '" + c.name + "' of type " + c.typeName
                        + " is not readable");
            };
        }

        /** Moves to the next data page. */
        private void nextPage() throws IOException {
            DataPage page = pages.readPage();
            if (page == null) {
                throw new IOException("the column's pages end before its row group's rows");
            }
            left = page.getValueCount();
            ByteBufferInputStream in;
            Encoding encoding;
            if (page instanceof DataPageV1 v1) {
                in = v1.getBytes().toInputStream();
                if (maxDef > 0) {
                    defsV1 = v1.getDlEncoding().getValuesReader(d, ValuesType.DEFINITION_LEVEL);
                    defsV1.initFromPage(left, in);
                }
                encoding = v1.getValueEncoding();
            } else if (page instanceof DataPageV2 v2) {
                if (maxDef > 0) {
                    defsV2 = new RunLengthBitPackingHybridDecoder(BytesUtils.getWidthFromMaxInt(maxDef),
                            v2.getDefinitionLevels().toInputStream());
                }
                in = v2.getData().toInputStream();
                encoding = v2.getDataEncoding();
            } else {
                throw new IOException("unknown data page " + page.getClass().getSimpleName());
            }
            if (encoding.usesDictionary()) {
                if (dictInts == null && dictLongs == null && dictDoubles == null && dictBytes == null) {
                    throw new IOException("a dictionary-encoded page without a dictionary page");
                }
                mode = Values.DICTIONARY;
                ids = new RunLengthBitPackingHybridDecoder(in.read(), in);
            } else if (encoding == Encoding.PLAIN) {
                mode = Values.PLAIN;
                plain = in.slice(in.available()).order(ByteOrder.LITTLE_ENDIAN);
            } else {
                mode = Values.OTHER;
                ValuesReader r = encoding.getValuesReader(d, ValuesType.VALUES);
                if (CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)
                        && previous != null && r instanceof RequiresPreviousReader p) {
                    p.setPreviousReader(previous); // PARQUET-246: old writers continued delta arrays across pages
                }
                r.initFromPage(left, in);
                other = r;
                previous = r;
            }
        }

        private int dictId(int size) throws IOException {
            int id = ids.readInt();
            if (id < 0 || id >= size) {
                throw new IOException("dictionary id " + id + " outside the dictionary's " + size + " values");
            }
            return id;
        }

        private int nextInt() throws IOException {
            return switch (mode) {
                case PLAIN -> plain.getInt();
                case DICTIONARY -> dictInts[dictId(dictInts.length)];
                case OTHER -> other.readInteger();
            };
        }

        private long nextLong() throws IOException {
            return switch (mode) {
                case PLAIN -> plain.getLong();
                case DICTIONARY -> dictLongs[dictId(dictLongs.length)];
                case OTHER -> other.readLong();
            };
        }

        private double nextFloat() throws IOException {
            return switch (mode) {
                case PLAIN -> plain.getFloat();
                case DICTIONARY -> dictDoubles[dictId(dictDoubles.length)];
                case OTHER -> other.readFloat();
            };
        }

        private double nextDouble() throws IOException {
            return switch (mode) {
                case PLAIN -> plain.getDouble();
                case DICTIONARY -> dictDoubles[dictId(dictDoubles.length)];
                case OTHER -> other.readDouble();
            };
        }

        /** The next text value appended to {@code out.bytes} from {@code len}; returns the new length. */
        private int nextBytes(ColumnValues out, int len) throws IOException {
            switch (mode) {
                case PLAIN -> {
                    int n = plain.getInt();
                    if (n < 0 || n > plain.remaining()) {
                        throw new IOException("a value of " + n + " bytes where " + plain.remaining() + " are left");
                    }
                    out.ensureBytes(len + n);
                    plain.get(out.bytes, len, n);
                    return len + n;
                }
                case DICTIONARY -> {
                    byte[] b = dictBytes[dictId(dictBytes.length)];
                    out.ensureBytes(len + b.length);
                    System.arraycopy(b, 0, out.bytes, len, b.length);
                    return len + b.length;
                }
                default -> {
                    Binary b = other.readBytes();
                    int n = b.length();
                    out.ensureBytes(len + n);
                    b.toByteBuffer().get(out.bytes, len, n);
                    return len + n;
                }
            }
        }

        /** Spark's legacy int96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
        private long nextInt96() throws IOException {
            ByteBuffer b;
            switch (mode) {
                case PLAIN -> {
                    plain.get(int96);
                    b = ByteBuffer.wrap(int96);
                }
                case DICTIONARY -> b = ByteBuffer.wrap(dictBytes[dictId(dictBytes.length)]);
                default -> b = other.readBytes().toByteBuffer();
            }
            b.order(ByteOrder.LITTLE_ENDIAN);
            long nanos = b.getLong();
            int julianDay = b.getInt();
            return (julianDay - 2_440_588L) * 86_400L + Math.floorDiv(nanos, 1_000_000_000L);
        }

        void read(int count, ColumnValues out) throws IOException {
            out.reset(count);
            long[] longs = out.longs;
            double[] doubles = out.doubles;
            int len = 0;
            for (int k = 0; k < count; k++) {
                if (left == 0) {
                    nextPage();
                }
                left--;
                if (maxDef > 0 && (defsV1 != null ? defsV1.readInteger() : defsV2.readInt()) < maxDef) {
                    out.nulls[k] = true;
                } else {
                    switch (how) {
                        case INT -> longs[k] = nextInt();
                        case DATE -> longs[k] = nextInt() * 86_400L;
                        case UINT -> longs[k] = Integer.toUnsignedLong(nextInt());
                        case INT_DECIMAL -> doubles[k] = nextInt() / scale;
                        case LONG -> longs[k] = nextLong();
                        case LONG_SCALED -> longs[k] = Math.floorDiv(nextLong(), unit);
                        case LONG_DECIMAL -> doubles[k] = nextLong() / scale;
                        case INT96 -> longs[k] = nextInt96();
                        case FLOAT -> doubles[k] = nextFloat();
                        case DOUBLE -> doubles[k] = nextDouble();
                        case TEXT -> len = nextBytes(out, len);
                        default -> throw new IllegalStateException(how.name());
                    }
                }
                out.ends[k] = len;
            }
        }
    }
}
