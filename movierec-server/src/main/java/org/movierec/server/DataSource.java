package org.movierec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;

/**
 * Where the server reads its dataset again when it retrains: a MovieLens directory, or a user's own
 * interactions file with the column mapping it was trained with ({@code serve --data FILE --columns ...}).
 *
 * @param path    the MovieLens directory or the interactions file
 * @param options the duplicate policy
 * @param spec    how to read the interactions file, or null for a MovieLens directory
 */
public record DataSource(Path path, ReadOptions options, InteractionsSpec spec) {
    public DataSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
    }

    /**
     * A MovieLens directory, or, when {@code path} is a file, an interactions file with the default
     * column names ({@code user}, {@code item}, {@code rating}, {@code time}).
     *
     * @param path the directory or file
     * @return the source
     */
    public static DataSource of(Path path) {
        return new DataSource(path, ReadOptions.DEFAULTS,
                Files.isRegularFile(path) ? InteractionsSpec.defaults() : null);
    }

    /**
     * Reads the dataset.
     *
     * @return the dataset
     * @throws IOException when a file cannot be read (malformed content names the file and line)
     */
    public Dataset read() throws IOException {
        return DatasetReader.read(path, options, spec);
    }

    @Override
    public String toString() {
        return path + (spec != null ? " (interactions file)" : "");
    }
}
