package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a Parquet file without Hadoop: parquet-java's {@link LocalOutputFile} and
 * {@link PlainParquetConfiguration}, pages compressed by {@link ParquetCodecs}, each row written by a
 * callback straight to the {@link RecordConsumer} (no record object per row). Shared by
 * {@link RecsParquet} and {@link RatingsParquet}; lives in the nested Parquet jar like them.
 */
final class ParquetRows {
    /** Writes one row: its fields between {@code startMessage} and {@code endMessage}. */
    interface Row {
        void write(long row, RecordConsumer out);
    }

    private ParquetRows() {
    }

    /**
     * Writes rows {@code 0 .. count-1} to {@code file}, which must not exist yet.
     *
     * @throws IOException when the file cannot be written
     */
    static void write(Path file, MessageType schema, CompressionCodecName codec, long count, Row row)
            throws IOException {
        Support support = new Support(schema, row);
        try (ParquetWriter<Long> w = new Builder(new LocalOutputFile(file), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ParquetCodecs())
                .withCompressionCodec(codec)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            Long token = 0L; // the "record" the writer passes on: the row comes from the support's counter
            for (long r = 0; r < count; r++) {
                w.write(token);
            }
        }
    }

    /** Writes the next row through the callback; the Hadoop {@code init} is refused (no Hadoop here). */
    private static final class Support extends WriteSupport<Long> {
        private final MessageType schema;
        private final Row row;
        private RecordConsumer out;
        private long next;

        Support(MessageType schema, Row row) {
            this.schema = schema;
            this.row = row;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            throw new UnsupportedOperationException("movierec writes Parquet without Hadoop");
        }

        @Override
        public String getName() {
            return "movierec";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Long ignored) {
            out.startMessage();
            row.write(next++, out);
            out.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Long, Builder> {
        private final Support support;

        Builder(LocalOutputFile file, Support support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Long> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Long> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            throw new UnsupportedOperationException("movierec writes Parquet without Hadoop");
        }
    }
}
