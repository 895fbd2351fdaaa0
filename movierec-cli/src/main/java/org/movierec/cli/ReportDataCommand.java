package org.movierec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.util.Version;
import org.movierec.report.DataReport;
import org.movierec.report.HtmlFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec report data DIR --out data.html}: the data exploration report. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Explore a MovieLens dataset: rating distribution, ratings per user and movie (long tail), "
                + "by month and weekday, by gender, age, occupation and ZIP area, most-rated, best-loved and "
                + "worst-rated movies, release decades, genres and user activity over time. Sections whose "
                + "columns the dataset lacks are left out with a note.")
public final class ReportDataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Parameters(index = "0", paramLabel = "DIR", description = "A MovieLens directory (e.g. data/ml-100k) or your own interactions "
            + "file (see --columns).")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path out;

    @Option(names = "--min-ratings", defaultValue = "50",
            description = "Ratings a movie needs to be in the best-loved and worst-rated lists; also the prior "
                    + "weight of their Bayesian average (default: ${DEFAULT-VALUE}).")
    int minRatings;

    @Option(names = "--top", defaultValue = "20", description = "Movies per list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--tmdb", paramLabel = "FILE",
            description = "TMDB credits joined through links.csv for the directors and stars section: TMDB API "
                    + "responses with credits (JSON or JSON Lines), Kaggle's tmdb_5000_credits.csv or The Movies "
                    + "Dataset's credits.csv, or a CSV with tmdbId and director and/or cast (names separated by |).")
    Path tmdb;

    @Override
    public Integer call() throws Exception {
        Main.requireOutputDirectory("--out", out);
        DataReport.Options options = new DataReport.Options(minRatings, top);
        if (tmdb != null && !Files.isRegularFile(tmdb)) {
            throw new Main.UserException("--tmdb " + tmdb + ": no such file");
        }
        long t0 = System.nanoTime();
        Dataset d = readOptions.read(dir);
        org.movierec.data.io.TmdbCredits credits = tmdb == null ? null : org.movierec.data.io.TmdbCredits.read(tmdb);
        long t1 = System.nanoTime();
        if (credits != null) {
            spec.commandLine().getOut().printf(Locale.ROOT, "read credits of %,d movies from %s%s%n", credits.size(),
                    tmdb, credits.duplicatesSkipped() == 0 ? "" : String.format(Locale.ROOT,
                            " (skipped %,d rows that repeat an earlier row exactly)", credits.duplicatesSkipped()));
        }
        String html = DataReport.html(d, options, credits, "Written by movierec " + Version.current()
                + " (movierec report data " + dir.getFileName() + ").");
        HtmlFile.write(out, html);
        long t2 = System.nanoTime();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "wrote %s (%,d bytes): read %.2f s, report %.2f s (wall); process CPU so far %.2f s%n", out,
                html.length(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, processCpuSeconds());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** CPU time of the whole process (all threads), or NaN where the JVM does not say. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
