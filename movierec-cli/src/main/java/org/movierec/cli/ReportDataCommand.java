package org.movierec.cli;

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

    @Override
    public Integer call() throws Exception {
        Main.requireOutputDirectory("--out", out);
        DataReport.Options options = new DataReport.Options(minRatings, top);
        long t0 = System.nanoTime();
        Dataset d = readOptions.read(dir);
        org.movierec.data.io.TmdbCredits credits = readOptions.credits();
        long t1 = System.nanoTime();
        if (credits != null) {
            int joined = d.movies().creditedMovies();
            spec.commandLine().getOut().printf(Locale.ROOT, "credits: %,d movies in %s, joined to %,d of %,d movies%s%n",
                    credits.size(), readOptions.tmdb, joined, d.numItems(), credits.duplicatesSkipped() == 0 ? ""
                    : String.format(Locale.ROOT, " (skipped %,d rows that repeat an earlier row exactly)",
                    credits.duplicatesSkipped()));
        }
        String html = DataReport.html(d, options, "Written by movierec " + Version.current()
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
