package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;

/**
 * A dataset's ratings as a Parquet file ({@code data synth --format parquet}): the columns of a MovieLens
 * {@code ratings.csv}, {@code userId, movieId} ({@code int32}, or UTF-8 strings for string ids),
 * {@code rating} ({@code float}) and {@code timestamp} ({@code int64}, epoch seconds), all required, one row per
 * rating in the dataset's order, Snappy-compressed ({@link ParquetCodecs}). Read back with
 * {@code --data ratings.parquet} it gives the same dataset (fingerprint) as the MovieLens CSV files.
 * Public and in the nested Parquet jar like {@link RecsParquet}.
 */
public final class RatingsParquet {
    private RatingsParquet() {
    }

    /**
     * Writes {@code d}'s ratings to {@code file}, which must not exist yet.
     *
     * @param file the file to write
     * @param d    the dataset
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Dataset d) throws IOException {
        IdIndex users = d.users().ids();
        IdIndex movies = d.movies().ids();
        Binary[] userNames = users.hasNames() ? RecsParquet.utf8(users) : null;
        Binary[] movieNames = movies.hasNames() ? RecsParquet.utf8(movies) : null;
        MessageType schema = Types.buildMessage()
                .addField(RecsParquet.id(userNames != null, "userId"))
                .addField(RecsParquet.id(movieNames != null, "movieId"))
                .required(PrimitiveTypeName.FLOAT).named("rating")
                .required(PrimitiveTypeName.INT64).named("timestamp")
                .named("ratings");
        Interactions in = d.interactions();
        ParquetRows.write(file, schema, CompressionCodecName.SNAPPY, in.size(), (row, out) -> {
            int p = (int) row;
            int u = in.user(p);
            int i = in.item(p);
            RecsParquet.id(out, "userId", 0, u, userNames, users);
            RecsParquet.id(out, "movieId", 1, i, movieNames, movies);
            out.startField("rating", 2);
            out.addFloat(in.rating(p));
            out.endField("rating", 2);
            out.startField("timestamp", 3);
            out.addLong(in.timestamp(p));
            out.endField("timestamp", 3);
        });
    }
}
