package org.movierec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.movierec.data.IdIndex;

/**
 * The rows of {@code recommend --all} as a Parquet file (Apache parquet-java), the same rows and column
 * names as the CSV: {@code userId, rank, movieId, score}, users in index order, ranks from 1. An id column
 * is {@code int32} when the dataset's ids are ints and a UTF-8 string ({@code binary (STRING)}) when they are
 * strings ({@link IdIndex#hasNames()}); {@code rank} is {@code int32}, {@code score} {@code float} (the
 * same float the CSV prints). All columns are required.
 *
 * <p>Written without Hadoop: parquet-java's {@link LocalOutputFile} and {@link PlainParquetConfiguration},
 * and no compression, because every compression codec of parquet-java 1.15 goes through Hadoop's
 * {@code CompressionCodec} (the columns are still dictionary and run-length encoded). Only this class
 * names Parquet types, and nothing else touches it unless a Parquet file is written (loading it loads
 * Parquet classes, which the CSV path and the other commands must not pay for;
 * {@link RecommendAll#parquet(Path)} decides without it). It is public and uses only public movierec API
 * because in {@code movierec.jar} it is loaded from a nested jar by another class loader ({@link ParquetOutput}).
 */
public final class RecsParquet {
    private RecsParquet() {
    }

    /** The file's schema for these id types. */
    static MessageType schema(boolean userNames, boolean movieNames) {
        return Types.buildMessage()
                .addField(id(userNames, "userId"))
                .required(PrimitiveTypeName.INT32).named("rank")
                .addField(id(movieNames, "movieId"))
                .required(PrimitiveTypeName.FLOAT).named("score")
                .named("recommendation");
    }

    private static org.apache.parquet.schema.PrimitiveType id(boolean names, String field) {
        return names
                ? Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(field)
                : Types.required(PrimitiveTypeName.INT32).named(field);
    }

    /**
     * Writes the lists to {@code file} (which must not exist yet): user {@code u}'s {@code counts[u]} movies
     * are {@code items[u * kk ..]} with {@code scores[u * kk ..]}.
     */
    public static void write(Path file, IdIndex users, IdIndex movies, int numUsers, int kk, int[] items, float[] scores,
                      int[] counts) throws IOException {
        Rows rows = new Rows(users, movies, kk, items, scores);
        try (ParquetWriter<Rows> w = new Builder(new LocalOutputFile(file), rows)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .build()) {
            for (int u = 0; u < numUsers; u++) {
                rows.user = u;
                for (int j = 0; j < counts[u]; j++) {
                    rows.rank = j;
                    w.write(rows);
                }
            }
        }
    }

    /** The lists and a cursor on one row (the "record" handed to the writer; one object for all rows). */
    private static final class Rows {
        final IdIndex users;
        final IdIndex movies;
        final Binary[] userNames;
        final Binary[] movieNames;
        final int kk;
        final int[] items;
        final float[] scores;
        final MessageType schema;
        int user;
        int rank;

        Rows(IdIndex users, IdIndex movies, int kk, int[] items, float[] scores) {
            this.users = users;
            this.movies = movies;
            this.userNames = users.hasNames() ? utf8(users) : null;
            this.movieNames = movies.hasNames() ? utf8(movies) : null;
            this.kk = kk;
            this.items = items;
            this.scores = scores;
            this.schema = schema(users.hasNames(), movies.hasNames());
        }

        private static Binary[] utf8(IdIndex ids) {
            Binary[] b = new Binary[ids.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = Binary.fromConstantByteArray(ids.name(i).getBytes(StandardCharsets.UTF_8));
            }
            return b;
        }
    }

    /** Writes the cursor's row; the Hadoop {@code init} is refused (this writer never has a Hadoop configuration). */
    private static final class Support extends WriteSupport<Rows> {
        private final Rows rows;
        private RecordConsumer out;

        Support(Rows rows) {
            this.rows = rows;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(rows.schema, Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            throw new UnsupportedOperationException("RecsParquet writes without Hadoop");
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
        public void write(Rows r) {
            int u = r.user;
            int p = u * r.kk + r.rank;
            int i = r.items[p];
            out.startMessage();
            out.startField("userId", 0);
            if (r.userNames != null) {
                out.addBinary(r.userNames[u]);
            } else {
                out.addInteger(r.users.externalId(u));
            }
            out.endField("userId", 0);
            out.startField("rank", 1);
            out.addInteger(r.rank + 1);
            out.endField("rank", 1);
            out.startField("movieId", 2);
            if (r.movieNames != null) {
                out.addBinary(r.movieNames[i]);
            } else {
                out.addInteger(r.movies.externalId(i));
            }
            out.endField("movieId", 2);
            out.startField("score", 3);
            out.addFloat(r.scores[p]);
            out.endField("score", 3);
            out.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Rows, Builder> {
        private final Rows rows;

        Builder(LocalOutputFile file, Rows rows) {
            super(file);
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Rows> getWriteSupport(ParquetConfiguration conf) {
            return new Support(rows);
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Rows> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            throw new UnsupportedOperationException("RecsParquet writes without Hadoop");
        }
    }
}
