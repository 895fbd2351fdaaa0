package org.movierec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.movierec.data.Dataset;
import org.movierec.data.DatasetStats;
import org.movierec.data.io.DatasetReader;
import org.movierec.data.io.Tags;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code movierec data info DIR}: statistics of a dataset directory. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show users, movies, ratings, the rating histogram, sparsity, ratings per user and movie, "
                + "the date range and the side information of a dataset directory.")
public final class DataInfoCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { table, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ReadMixin readOptions = new ReadMixin();

    @Parameters(index = "0", paramLabel = "DIR", description = "A MovieLens directory (e.g. data/ml-100k) or your own interactions file "
            + "(delimited text or .parquet; see --columns).")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        Tags tags = readOptions.isInteractions(dir) ? null : DatasetReader.readTags(dir);
        Dataset d = readOptions.read(dir);
        DatasetStats s = DatasetStats.of(d, tags == null ? 0 : tags.size());
        PrintWriter out = spec.commandLine().getOut();
        String text = format == Format.json ? withFeedback(s.toJson(), d) + System.lineSeparator() : table(s);
        if (format == Format.table && d.isImplicit()) {
            text = text.replace("rating scale ", "feedback           implicit (no ratings; values are counts or weights, "
                    + "1 per line without a weight column)" + System.lineSeparator() + "value range  ");
        }
        out.print(text);
        out.flush();
        return 0;
    }

    /** The JSON with {@code "feedback": "explicit"|"implicit"} after the name. */
    static String withFeedback(String json, Dataset d) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        com.fasterxml.jackson.databind.node.ObjectNode in = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(json);
        com.fasterxml.jackson.databind.node.ObjectNode out = m.createObjectNode();
        in.fields().forEachRemaining(e -> {
            out.set(e.getKey(), e.getValue());
            if (e.getKey().equals("name")) {
                out.put("feedback", d.isImplicit() ? "implicit" : "explicit");
            }
        });
        return m.writeValueAsString(out);
    }

    /** A two-column human-readable summary with a bar per histogram bin. */
    static String table(DatasetStats s) {
        StringBuilder b = new StringBuilder();
        row(b, "dataset", s.name());
        row(b, "users", Integer.toString(s.users()));
        row(b, "movies", Integer.toString(s.movies()));
        row(b, "ratings", Long.toString(s.ratings()));
        row(b, "rating scale", num(s.scale().min()) + " .. " + num(s.scale().max()) + ", step " + num(s.scale().step()));
        row(b, "mean rating", String.format(Locale.ROOT, "%.4f", s.meanRating()));
        row(b, "sparsity", String.format(Locale.ROOT, "%.6f", s.sparsity()));
        row(b, "ratings per user", distribution(s.ratingsPerUser()));
        row(b, "ratings per movie", distribution(s.ratingsPerMovie()));
        row(b, "dates", s.firstDate() == null ? "-" : s.firstDate() + " .. " + s.lastDate());
        DatasetStats.SideInformation si = s.sideInformation();
        row(b, "side information", "demographics " + yes(si.demographics()) + ", genres " + yes(si.genres())
                + ", years " + yes(si.years()) + ", release dates " + yes(si.releaseDates()) + ", links "
                + yes(si.links()) + (si.credits() > 0 ? String.format(Locale.ROOT, ", credits %,d movies",
                si.credits()) : "") + ", tags " + si.tags());
        b.append("rating histogram").append(System.lineSeparator());
        long max = 1;
        for (DatasetStats.Bin bin : s.histogram()) {
            max = Math.max(max, bin.count());
        }
        for (DatasetStats.Bin bin : s.histogram()) {
            double pct = s.ratings() == 0 ? 0 : 100.0 * bin.count() / s.ratings();
            b.append(String.format(Locale.ROOT, "  %5s %10d %6.2f%% %s%n", num(bin.rating()), bin.count(), pct,
                    "#".repeat((int) Math.round(40.0 * bin.count() / max))));
        }
        if (s.offScaleRatings() > 0) {
            b.append(String.format(Locale.ROOT, "  %5s %10d%n", "other", s.offScaleRatings()));
        }
        b.append("(median of an even count: the mean of the two middle values)").append(System.lineSeparator());
        return b.toString();
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append(String.format(Locale.ROOT, "%-18s %s%n", key, value));
    }

    private static String distribution(DatasetStats.Distribution d) {
        return "min " + d.min() + ", median " + num(d.median()) + ", max " + d.max() + ", mean "
                + String.format(Locale.ROOT, "%.2f", d.mean());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
