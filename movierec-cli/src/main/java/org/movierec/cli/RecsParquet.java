package org.movierec.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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
 * <p>Written without Hadoop ({@link ParquetRows}: parquet-java's {@code LocalOutputFile} and
 * {@code PlainParquetConfiguration}), compressed by {@link ParquetCodecs} (Snappy unless asked otherwise;
 * the columns are dictionary and run-length encoded either way). Only this class
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

    /** An id column: {@code int32}, or a UTF-8 string for string ids. */
    static org.apache.parquet.schema.PrimitiveType id(boolean names, String field) {
        return names
                ? Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(field)
                : Types.required(PrimitiveTypeName.INT32).named(field);
    }

    /**
     * Writes the lists to {@code file} (which must not exist yet): user {@code u}'s {@code counts[u]} movies
     * are {@code items[u * kk ..]} with {@code scores[u * kk ..]}; {@code codec} names a
     * {@link CompressionCodecName} that {@link ParquetCodecs} writes.
     */
    public static void write(Path file, String codec, IdIndex users, IdIndex movies, int numUsers, int kk,
                             int[] items, float[] scores, int[] counts) throws IOException {
        Binary[] userNames = users.hasNames() ? utf8(users) : null;
        Binary[] movieNames = movies.hasNames() ? utf8(movies) : null;
        long total = 0;
        for (int u = 0; u < numUsers; u++) {
            total += counts[u];
        }
        int[] cursor = {0, 0}; // user, rank: rows come in order, users' lists one after another
        ParquetRows.write(file, schema(userNames != null, movieNames != null), CompressionCodecName.valueOf(codec),
                total, (row, out) -> {
                    while (cursor[1] >= counts[cursor[0]]) {
                        cursor[0]++;
                        cursor[1] = 0;
                    }
                    int u = cursor[0];
                    int rank = cursor[1]++;
                    int p = u * kk + rank;
                    int i = items[p];
                    id(out, "userId", 0, u, userNames, users);
                    out.startField("rank", 1);
                    out.addInteger(rank + 1);
                    out.endField("rank", 1);
                    id(out, "movieId", 2, i, movieNames, movies);
                    out.startField("score", 3);
                    out.addFloat(scores[p]);
                    out.endField("score", 3);
                });
    }

    /**
     * Writes the field {@code name} at {@code pos}: the id's name as UTF-8 when {@code names} is given (string
     * ids), else its integer id.
     */
    static void id(RecordConsumer out, String name, int pos, int index, Binary[] names,
                   IdIndex ids) {
        out.startField(name, pos);
        if (names != null) {
            out.addBinary(names[index]);
        } else {
            out.addInteger(ids.externalId(index));
        }
        out.endField(name, pos);
    }

    /** Each id's name as UTF-8, made once. */
    static Binary[] utf8(IdIndex ids) {
        Binary[] b = new Binary[ids.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Binary.fromConstantByteArray(ids.name(i).getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }
}
