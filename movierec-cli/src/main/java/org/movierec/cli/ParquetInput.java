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
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
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
 * <p>Pages are decompressed by {@link ParquetCodecs}. parquet-java's read-options builder loads Hadoop
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
            reader = ParquetFileReader.open(new LocalInputFile(file), options());
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

    private static ParquetReadOptions options() {
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
                    ParquetMetadataConverter.NO_FILTER, new ParquetCodecs(), new HeapByteBufferAllocator(),
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
        private ColumnReader[] readers;
        private ColumnReadStoreImpl store;
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
            readers = new ColumnReader[columns.size()];
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
                store = null;
                return -1;
            }
            store = new ColumnReadStoreImpl(pages, new Ignored(projected.getFieldCount()), projected, createdBy);
            // every projected column's reader now, so that reads of different columns can run on different
            // threads (each reader owns its pages and decompressor)
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                if (col.descriptor != null && projected.containsField(col.name)) {
                    try {
                        readers[c] = store.getColumnReader(col.descriptor);
                    } catch (RuntimeException e) {
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
            ColumnReader r = readers[col];
            if (r == null) {
                throw new IllegalStateException("column '" + c.name + "' was not projected or no chunk is current");
            }
            try {
                fill(r, c, count, out);
            } catch (RuntimeException e) {
                throw new DataFormatException(file, 0, "corrupt Parquet data in column '" + c.name + "': "
                        + message(e), e);
            }
        }

        /** How a column's values are turned into {@link ColumnValues}, chosen once per call, not per value. */
        private enum Decode { INT, DATE, UINT, INT_DECIMAL, LONG, LONG_SCALED, LONG_DECIMAL, INT96, FLOAT, DOUBLE, TEXT }

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

        private static void fill(ColumnReader r, Column c, int count, ColumnValues out) {
            out.reset(count);
            int maxDef = c.descriptor.getMaxDefinitionLevel();
            LogicalTypeAnnotation a = c.type.getLogicalTypeAnnotation();
            Decode how = decode(c);
            long[] longs = out.longs;
            double[] doubles = out.doubles;
            // a timestamp's unit, a decimal's scale: the divisor of every value
            long unit = a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t ? switch (t.getUnit()) {
                case MILLIS -> 1_000L;
                case MICROS -> 1_000_000L;
                case NANOS -> 1_000_000_000L;
            } : 1L;
            double scale = a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d
                    ? Math.pow(10, d.getScale()) : 1.0;
            int len = 0;
            for (int k = 0; k < count; k++) {
                if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
                    out.nulls[k] = true;
                } else {
                    switch (how) {
                        case INT -> longs[k] = r.getInteger();
                        case DATE -> longs[k] = r.getInteger() * 86_400L;
                        case UINT -> longs[k] = Integer.toUnsignedLong(r.getInteger());
                        case INT_DECIMAL -> doubles[k] = r.getInteger() / scale;
                        case LONG -> longs[k] = r.getLong();
                        case LONG_SCALED -> longs[k] = Math.floorDiv(r.getLong(), unit);
                        case LONG_DECIMAL -> doubles[k] = r.getLong() / scale;
                        case INT96 -> {
                            // Impala/Spark legacy timestamp: nanoseconds of the day, then the Julian day, little-endian
                            ByteBuffer b = r.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                            long nanos = b.getLong();
                            int julianDay = b.getInt();
                            longs[k] = (julianDay - 2_440_588L) * 86_400L + Math.floorDiv(nanos, 1_000_000_000L);
                        }
                        case FLOAT -> doubles[k] = r.getFloat();
                        case DOUBLE -> doubles[k] = r.getDouble();
                        case TEXT -> {
                            Binary b = r.getBinary();
                            int n = b.length();
                            out.ensureBytes(len + n);
                            b.toByteBuffer().get(out.bytes, len, n);
                            len += n;
                        }
                        default -> throw new IllegalStateException(how.name());
                    }
                }
                out.ends[k] = len;
                r.consume();
            }
        }

        @Override
        public void close() throws IOException {
            store = null;
            java.util.Arrays.fill(readers, null);
            reader.close();
        }
    }

    /** The record converter ColumnReadStoreImpl asks for; columns are read through their readers, not it. */
    private static final class Ignored extends GroupConverter {
        private final Converter[] fields;

        Ignored(int n) {
            fields = new Converter[n];
            for (int k = 0; k < n; k++) {
                fields[k] = new PrimitiveConverter() {
                };
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fields[fieldIndex];
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
