package org.movierec.eval.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.movierec.eval.Evaluator;
import org.movierec.eval.Report;

/**
 * A report's per-user metrics ({@link Evaluator.Result#perUser()}) as CSV: a header
 * {@code algorithm,fold,user,METRIC...} over every per-user metric of any row (first-seen order), then
 * one line per algorithm, fold and test user (rows in run order, users in index order); an empty cell
 * where the user has no value for the metric (no relevant test movie for ranking metrics, a model
 * without the capability). Numbers in Java's shortest round-trip form.
 */
public final class PerUserCsv {
    private PerUserCsv() {
    }

    /**
     * The metric columns of {@code report}'s per-user values.
     *
     * @param report the report
     * @return every per-user metric name of any row, in first-seen order (a new, modifiable list; empty
     *         when the report has no per-user values)
     */
    public static List<String> columns(Report report) {
        Set<String> names = new LinkedHashSet<>();
        for (Report.Row r : report.rows()) {
            names.addAll(r.result().perUser().names());
        }
        return new ArrayList<>(names);
    }

    /**
     * Writes the report's per-user values as CSV (see the class comment), header first.
     *
     * @param report the report
     * @param userId the user's id as written (e.g. the dataset's external id) from its dense index
     * @param out    where the CSV goes; not closed or flushed
     * @throws IOException when writing to {@code out} fails
     */
    public static void write(Report report, IntFunction<String> userId, Writer out) throws IOException {
        List<String> cols = columns(report);
        StringBuilder sb = new StringBuilder("algorithm,fold,user");
        for (String c : cols) {
            sb.append(',').append(cell(c));
        }
        out.write(sb.append('\n').toString());
        for (Report.Row r : report.rows()) {
            Evaluator.PerUser pu = r.result().perUser();
            for (int row = 0; row < pu.size(); row++) {
                sb.setLength(0);
                sb.append(cell(r.algorithm())).append(',').append(cell(r.fold())).append(',')
                        .append(cell(userId.apply(pu.user(row))));
                for (String c : cols) {
                    sb.append(',');
                    double v = pu.value(c, row);
                    if (!Double.isNaN(v)) {
                        sb.append(v);
                    }
                }
                out.write(sb.append('\n').toString());
            }
        }
    }

    /** RFC 4180 quoting where needed. */
    static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
