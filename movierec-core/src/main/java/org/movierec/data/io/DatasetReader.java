package org.movierec.data.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.data.DataFormatException;
import org.movierec.data.Dataset;

/**
 * Reads a MovieLens directory, detecting its format from the files present:
 * <ul>
 * <li>{@code u.data}: ML-100k ({@link MovieLens100kReader}), named "ml-100k";</li>
 * <li>{@code ratings.dat} with {@code users.dat}: ML-1M, named "ml-1m";</li>
 * <li>{@code ratings.dat} with {@code tags.dat} and no users.dat: ML-10M, named "ml-10m"
 *     ({@link MovieLensDatReader});</li>
 * <li>{@code ratings.csv}: ml-latest(-small), ML-20M/25M/32M ({@link MovieLensCsvReader}), named after
 *     the directory.</li>
 * </ul>
 * Every problem in the files is a {@link DataFormatException} naming the file, the line and the reason.
 *
 * <p>A user's own data (any delimited file with a header, string ids, explicit or implicit feedback)
 * is read by {@link InteractionsReader} when an {@link InteractionsSpec} is given
 * ({@link #read(Path, ReadOptions, InteractionsSpec)}); the path is then the interactions file.
 */
public final class DatasetReader {
    private DatasetReader() {
    }

    /** The formats this reader recognises. */
    public enum Format {
        /** MovieLens 100k: {@code u.data}, {@code u.item}, {@code u.user}, {@code u.genre}, tab and pipe separated. */
        ML_100K,
        /** MovieLens 1M: {@code ratings.dat}, {@code movies.dat}, {@code users.dat}, {@code ::} separated. */
        ML_1M,
        /** MovieLens 10M: {@code ratings.dat}, {@code movies.dat}, {@code tags.dat}, half stars. */
        ML_10M,
        /** The CSV releases (ml-latest, ml-latest-small, 20M, 25M, 32M): {@code ratings.csv}, {@code movies.csv}. */
        CSV
    }

    /**
     * Reads a dataset directory with the default options (duplicates are errors, no progress).
     *
     * @param dir a MovieLens directory (see the class comment for the formats)
     * @return the dataset, named after its format or directory
     * @throws IOException          when a file cannot be read
     * @throws DataFormatException  naming the file, line and reason for any malformed content, or the
     *                              directory when its format is unknown
     */
    public static Dataset read(Path dir) throws IOException {
        return read(dir, ReadOptions.DEFAULTS);
    }

    /**
     * Reads either a user's own interactions file or a MovieLens directory. With a non-null {@code spec},
     * {@code path} is a user's interactions file read by {@link InteractionsReader}; with null, a MovieLens
     * directory as in {@link #read(Path, ReadOptions)}.
     *
     * @param path    the interactions file (with a spec) or the MovieLens directory (without)
     * @param options the duplicate policy and a progress listener
     * @param spec    how to read the interactions file, or null to read a MovieLens directory
     * @return the dataset: named after the file without its extension (with a spec), or after its format
     *         or directory (without)
     * @throws IOException              when a file cannot be read
     * @throws DataFormatException      naming the file, line and reason for any malformed content, a
     *                                  missing file or an unknown directory format
     * @throws IllegalArgumentException when the spec does not fit the file (such as two roles mapped to
     *                                  one column, or {@code --on-duplicate sum} on explicit ratings)
     */
    public static Dataset read(Path path, ReadOptions options, InteractionsSpec spec) throws IOException {
        if (spec != null) {
            if (!Files.exists(path)) {
                throw new DataFormatException(path, 0, "no such file");
            }
            return InteractionsReader.read(path, spec, options);
        }
        return read(path, options);
    }

    /**
     * Reads a dataset directory.
     *
     * @param dir     a MovieLens directory (see the class comment for the formats)
     * @param options the duplicate policy and a progress listener
     * @return the dataset, named after its format or directory
     * @throws IOException          when a file cannot be read
     * @throws DataFormatException  naming the file, line and reason for any malformed content, or the
     *                              directory when its format is unknown
     */
    public static Dataset read(Path dir, ReadOptions options) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw new DataFormatException(dir, 0, "is a file; a MovieLens dataset is a directory (for your own "
                    + "interactions file give --columns or --data-format interactions)");
        }
        return switch (detect(dir)) {
            case ML_100K -> MovieLens100kReader.read(dir, options);
            case ML_1M -> MovieLensDatReader.read1m(dir, options);
            case ML_10M -> MovieLensDatReader.read10m(dir, options);
            case CSV -> MovieLensCsvReader.read(dir, options);
        };
    }

    /**
     * The format of a directory, from the files present (nothing is parsed).
     *
     * @param dir a directory
     * @return its format
     * @throws DataFormatException when {@code dir} is missing, not a directory, or holds none of the known
     *                             ratings files
     */
    public static Format detect(Path dir) {
        if (!Files.exists(dir)) {
            throw new DataFormatException(dir, 0, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, 0, "not a directory");
        }
        if (Files.exists(dir.resolve("u.data"))) {
            return Format.ML_100K;
        }
        if (Files.exists(dir.resolve("ratings.dat"))) {
            if (Files.exists(dir.resolve("users.dat"))) {
                return Format.ML_1M;
            }
            if (Files.exists(dir.resolve("tags.dat"))) {
                return Format.ML_10M;
            }
            throw new DataFormatException(dir.resolve("users.dat"), 0, "missing required file: a directory with "
                    + "ratings.dat needs users.dat (ML-1M) or tags.dat (ML-10M)");
        }
        if (Files.exists(dir.resolve("ratings.csv"))) {
            return Format.CSV;
        }
        throw new DataFormatException(dir, 0, "unknown dataset format: looked for u.data (ML-100k), ratings.dat "
                + "(ML-1M, ML-10M) and ratings.csv (ml-latest, ML-20M/25M/32M), found none");
    }

    /**
     * The tags of a dataset directory ({@code tags.dat} of ML-10M, {@code tags.csv} of the CSV
     * releases), with every movie checked against the movie file.
     *
     * @param dir a dataset directory
     * @return the tags, or null when the dataset has none (ML-100k, ML-1M, a CSV release without tags.csv)
     * @throws IOException         when a file cannot be read
     * @throws DataFormatException naming the file, line and reason for a malformed tag or unknown movie
     */
    public static Tags readTags(Path dir) throws IOException {
        switch (detect(dir)) {
            case ML_10M -> {
                MovieLensDatReader.requireFiles(dir, "movies.dat");
                return MovieLensDatReader.readTags(dir.resolve("tags.dat"),
                        MovieLensDatReader.readMovies(dir.resolve("movies.dat"), StandardCharsets.UTF_8));
            }
            case CSV -> {
                Path tags = dir.resolve("tags.csv");
                if (!Files.exists(tags)) {
                    return null;
                }
                MovieLensDatReader.requireFiles(dir, "movies.csv");
                return MovieLensCsvReader.readTags(tags, MovieLensCsvReader.readMovies(dir));
            }
            default -> {
                return null;
            }
        }
    }
}
