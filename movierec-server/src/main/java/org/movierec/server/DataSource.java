package org.movierec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.data.io.TmdbCredits;

/**
 * Where the server reads its dataset again when it retrains: a MovieLens directory, or a user's own
 * interactions file with the column mapping it was trained with ({@code serve --data FILE --columns ...}).
 *
 * @param path    the MovieLens directory or the interactions file
 * @param options the duplicate policy
 * @param spec    how to read the interactions file, or null for a MovieLens directory
 * @param tmdb    TMDB credits joined to the movies through links.csv ({@code --tmdb}), or null
 */
public record DataSource(Path path, ReadOptions options, InteractionsSpec spec, Path tmdb) {
    public DataSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
    }

    /**
     * A source without credits.
     *
     * @param path    the MovieLens directory or the interactions file
     * @param options the duplicate policy
     * @param spec    how to read the interactions file, or null for a MovieLens directory
     */
    public DataSource(Path path, ReadOptions options, InteractionsSpec spec) {
        this(path, options, spec, null);
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
        Dataset d = DatasetReader.read(path, options, spec);
        if (tmdb == null) {
            return d;
        }
        if (!d.movies().hasLinks()) {
            throw new IllegalArgumentException(path + " has no links.csv to join the TMDB credits " + tmdb
                    + " through");
        }
        return d.withMovies(TmdbCredits.read(tmdb).join(d.movies()));
    }

    @Override
    public String toString() {
        return path + (spec != null ? " (interactions file)" : "") + (tmdb != null ? " with credits " + tmdb : "");
    }
}
