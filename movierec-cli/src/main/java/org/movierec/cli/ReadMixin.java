package org.movierec.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.movierec.data.Dataset;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.InteractionsSpec;
import org.movierec.data.io.ReadOptions;
import org.movierec.data.io.TmdbCredits;
import org.movierec.util.MemoryBudget;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads a dataset: how to treat a duplicate (user, movie) pair,
 * and how to read a user's own interactions file ({@link org.movierec.data.io.InteractionsReader}):
 * any of {@code --columns}, {@code --data-format interactions} or a data path that is a file selects it.
 */
public final class ReadMixin {
    @Option(names = "--on-duplicate", defaultValue = "error", paramLabel = "error|last|sum",
            description = "A second rating of the same movie by the same user: 'error' (default) stops with the "
                    + "file and both lines; 'last' keeps the later line; 'sum' adds the values up (implicit "
                    + "feedback only).")
    String onDuplicate;

    @Option(names = "--data-format", defaultValue = "auto", paramLabel = "auto|movielens|interactions",
            description = "How to read the data: 'movielens' (a MovieLens directory), 'interactions' (your own "
                    + "delimited file with a header, or a .parquet file; see --columns), 'auto' (default: interactions when the data "
                    + "path is a file or --columns is given).")
    String dataFormat;

    @Option(names = "--columns", paramLabel = "ROLE=COLUMN,...",
            description = "Your own data: which header column holds what, e.g. "
                    + "user=customer_id,item=sku,rating=stars,time=ts. Roles: user, item (required), rating "
                    + "(explicit) or weight/count (implicit), time. Unmapped roles use columns named after them.")
    String columns;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Your own data: the field separator (one character, or tab, comma, semicolon, pipe, "
                    + "space); default: detected from the header. Not for .parquet files.")
    String delimiter;

    @Option(names = "--scale", paramLabel = "MIN..MAX[:STEP]",
            description = "Your own data: the explicit rating scale, e.g. 1..10 or 0.5..5:0.5; default: inferred "
                    + "from the ratings.")
    String scale;

    @Option(names = "--items-file", paramLabel = "FILE",
            description = "Your own data: an items side file (roles item, title, genres, text, year).")
    Path itemsFile;

    @Option(names = "--item-columns", paramLabel = "ROLE=COLUMN,...",
            description = "Your own data: the items file's mapping, e.g. item=sku,title=name,genres=category.")
    String itemColumns;

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "Your own data: a users side file (roles user, age, gender, occupation).")
    Path usersFile;

    @Option(names = "--user-columns", paramLabel = "ROLE=COLUMN,...",
            description = "Your own data: the users file's mapping, e.g. user=customer_id,age=age_years.")
    String userColumns;

    @Option(names = "--tmdb", paramLabel = "FILE",
            description = "TMDB credits (directors and cast) joined to the movies through links.csv, used by dcn "
                    + "and report data: TMDB API responses with credits (JSON or JSON Lines), Kaggle's "
                    + "tmdb_5000_credits.csv or The Movies Dataset's credits.csv, or a CSV with tmdbId and director "
                    + "and/or cast (names separated by |).")
    Path tmdb;

    /** The credits the last {@link #read} joined, or null. */
    private TmdbCredits credits;

    /** Stops before reading when the ratings file will not fit in the heap (see {@link MemoryBudget}). */
    static void checkHeap(Path dir) throws IOException {
        Path[] candidates = Files.isRegularFile(dir) ? new Path[] {dir}
                : new Path[] {dir.resolve("ratings.csv"), dir.resolve("ratings.dat"), dir.resolve("u.data")};
        for (Path f : candidates) {
            if (f.getFileName() != null && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
                return; // a columnar file's size says little; the reader checks the footer's row count
            }
            if (Files.isRegularFile(f)) {
                try {
                    MemoryBudget.checkLoad(f);
                } catch (MemoryBudget.InsufficientHeapException e) {
                    throw new Main.UserException(e.getMessage());
                }
                return;
            }
        }
    }

    /**
     * The interactions spec of these options, or null when the data is a MovieLens directory.
     *
     * @throws IllegalArgumentException for a bad option value (named)
     */
    InteractionsSpec spec(Path data) {
        boolean custom = columns != null || delimiter != null || scale != null || itemsFile != null
                || usersFile != null || itemColumns != null || userColumns != null;
        switch (dataFormat.toLowerCase(Locale.ROOT)) {
            case "movielens" -> {
                if (custom) {
                    throw new Main.UserException("--columns, --delimiter, --scale, --items-file and --users-file are "
                            + "for --data-format interactions, not movielens");
                }
                return null;
            }
            case "interactions" -> custom = true;
            case "auto" -> custom |= data != null && Files.isRegularFile(data);
            default -> throw new Main.UserException("--data-format must be auto, movielens or interactions, not '"
                    + dataFormat + "'");
        }
        if (!custom) {
            return null;
        }
        InteractionsSpec s = new InteractionsSpec(InteractionsSpec.parseMapping(columns, "--columns"),
                delimiter == null ? (char) 0 : InteractionsSpec.parseDelimiter(delimiter),
                scale == null ? null : InteractionsSpec.parseScale(scale), itemsFile,
                InteractionsSpec.parseMapping(itemColumns, "--item-columns"), usersFile,
                InteractionsSpec.parseMapping(userColumns, "--user-columns"));
        return s;
    }

    /** True when these options read a user's own interactions file rather than a MovieLens directory. */
    boolean isInteractions(Path data) {
        return spec(data) != null;
    }

    ReadOptions.OnDuplicate policy() {
        return switch (onDuplicate.toLowerCase(Locale.ROOT)) {
            case "error" -> ReadOptions.OnDuplicate.ERROR;
            case "last" -> ReadOptions.OnDuplicate.LAST;
            case "sum" -> ReadOptions.OnDuplicate.SUM;
            default -> throw new Main.UserException("--on-duplicate must be error, last or sum, not '" + onDuplicate
                    + "'");
        };
    }

    /**
     * The data source a server retrains from: {@code path} read with these options, checked to exist
     * (a MovieLens directory, or a file with the interactions options).
     */
    org.movierec.server.DataSource source(Path path) {
        InteractionsSpec s = spec(path);
        if (s == null && !Files.isDirectory(path)) {
            throw new Main.UserException("--data " + path + " is not a MovieLens directory"
                    + (Files.exists(path) ? " (for your own interactions file give --columns or --data-format "
                    + "interactions)" : ": no such directory"));
        }
        if (s != null && !Files.isRegularFile(path)) {
            throw new Main.UserException("--data " + path + " is not a file" + (Files.exists(path) ? "" : ": no such file"));
        }
        checkTmdb();
        return new org.movierec.server.DataSource(path, ReadOptions.DEFAULTS.withOnDuplicate(policy()), s, tmdb);
    }

    /**
     * These options as command-line arguments (only those not at their defaults), for printing a next
     * command that reads the same data the same way.
     */
    java.util.List<String> asArgs() {
        java.util.List<String> a = new java.util.ArrayList<>();
        if (!"error".equalsIgnoreCase(onDuplicate)) {
            a.addAll(java.util.List.of("--on-duplicate", onDuplicate));
        }
        if (!"auto".equalsIgnoreCase(dataFormat)) {
            a.addAll(java.util.List.of("--data-format", dataFormat));
        }
        String[][] pairs = {{"--tmdb", tmdb == null ? null : tmdb.toString()}, {"--columns", columns},
                {"--delimiter", delimiter}, {"--scale", scale},
                {"--items-file", itemsFile == null ? null : itemsFile.toString()}, {"--item-columns", itemColumns},
                {"--users-file", usersFile == null ? null : usersFile.toString()}, {"--user-columns", userColumns}};
        for (String[] p : pairs) {
            if (p[1] != null) {
                a.add(p[0]);
                a.add(p[1]);
            }
        }
        return a;
    }

    /** Reads {@code dir} (or the interactions file) with the chosen options, with {@code --tmdb}'s credits joined. */
    Dataset read(Path dir) throws IOException {
        ReadOptions.OnDuplicate policy = policy();
        InteractionsSpec s = spec(dir);
        checkTmdb();
        checkHeap(dir);
        return withCredits(DatasetReader.read(dir, ReadOptions.DEFAULTS.withOnDuplicate(policy), s));
    }

    /** Fails when {@code --tmdb} names no file (before any data is read). */
    void checkTmdb() {
        if (tmdb != null && !Files.isRegularFile(tmdb)) {
            throw new Main.UserException("--tmdb " + tmdb + ": no such file");
        }
    }

    /**
     * Joins {@code --tmdb}'s credits to a dataset read some other way (a split's catalogue); the dataset
     * itself without {@code --tmdb}.
     */
    Dataset withCredits(Dataset d) throws IOException {
        if (tmdb == null) {
            return d;
        }
        checkTmdb();
        if (!d.movies().hasLinks()) {
            throw new Main.UserException("--tmdb " + tmdb + ": the dataset has no links.csv, so no movie has a TMDB "
                    + "id to join the credits through");
        }
        credits = TmdbCredits.read(tmdb);
        return d.withMovies(credits.join(d.movies()));
    }

    /** The credits the last read joined ({@code --tmdb}), or null. */
    TmdbCredits credits() {
        return credits;
    }
}
