package org.movierec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.data.io.MovieLensWriter;
import org.movierec.data.io.TmdbCredits;
import org.movierec.data.synth.SyntheticCredits;
import org.movierec.data.synth.SyntheticGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code movierec data synth}: generates a synthetic dataset with planted structure
 * ({@link SyntheticGenerator}) and writes it in a MovieLens file format. The CSV format uses half
 * stars 0.5..5 like the CSV MovieLens releases; 100k and 1m use whole stars.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate a synthetic MovieLens-like dataset and write it as MovieLens files.")
public final class DataSynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--users", defaultValue = "943", description = "Number of users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--movies", defaultValue = "1682", description = "Number of movies (default: ${DEFAULT-VALUE}).")
    int movies;

    @Option(names = "--ratings", defaultValue = "100000",
            description = "Number of ratings (default: ${DEFAULT-VALUE}).")
    long ratings;

    @Option(names = "--format", defaultValue = "100k",
            description = "File format: 100k, 1m, csv, or parquet (ratings.parquet alone: the csv format's "
                    + "ratings as userId, movieId, rating, timestamp, Snappy; read it with --data DIR/ratings.parquet) "
                    + "(default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--credits",
            description = "Also write links.csv and credits.jsonl (TMDB API credits, one movie per line): synthetic "
                    + "directors and cast planted to follow the movies' hidden factors (csv format only; use them "
                    + "with --tmdb DIR/credits.jsonl).")
    boolean credits;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "Directory to write into (created if needed).")
    Path out;

    @Override
    public Integer call() throws IOException {
        boolean parquet = format.equalsIgnoreCase("parquet");
        MovieLensWriter.Format f;
        try {
            f = MovieLensWriter.Format.parse(parquet ? "csv" : format);
        } catch (IllegalArgumentException e) {
            throw new Main.UserException("unknown format '" + format + "': expected 100k, 1m, csv or parquet");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new Main.UserException("--out " + out + " exists and is not a directory");
        }
        if (credits && (parquet || f != MovieLensWriter.Format.CSV)) {
            throw new Main.UserException("--credits needs --format csv (the releases with links.csv), not " + format);
        }
        SyntheticGenerator.Result truth = SyntheticGenerator.generateWithTruth(SyntheticGenerator.Config.of(users,
                movies, ratings, seed).withHalfStars(f == MovieLensWriter.Format.CSV));
        Dataset d = credits ? SyntheticCredits.attach(truth, seed) : truth.dataset();
        List<Path> files;
        if (parquet) {
            Path file = Files.createDirectories(out).resolve("ratings.parquet");
            Files.deleteIfExists(file);
            ParquetOutput.writeRatings(file, d);
            files = List.of(file);
        } else {
            files = MovieLensWriter.write(d, f, out);
            if (credits) {
                Path file = out.resolve("credits.jsonl");
                TmdbCredits.writeJsonLines(d.movies(), file);
                files = new java.util.ArrayList<>(files);
                files.add(file);
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s as %s to %s%n", d, parquet ? "parquet" : f, out);
        for (Path p : files) {
            w.printf("  %-14s %,d bytes%n", p.getFileName(), Files.size(p));
        }
        w.printf("fingerprint %s%n", d.fingerprint());
        w.flush();
        return 0;
    }
}
