package org.movierec.eval.report;

import org.movierec.eval.Report;

/**
 * Plain-text tables, one per group of metrics (rating metrics, ranking metrics at K, top-K
 * accuracy) so that lines stay readable: one line per algorithm and fold, then a
 * {@code mean±std} line per algorithm with more than one fold; "-" where a model lacks the
 * capability. Training and evaluation times (seconds) close the first table. Algorithms without
 * any metric of a group are left out of that group's table.
 */
public final class TableRenderer implements ReportRenderer {
    @Override
    public String format() {
        return "table";
    }

    @Override
    public String render(Report report) {
        String text = Tables.of(report).text();
        return report.comparisons().isEmpty() ? text : text + Report.COMPARISON_NOTE + "\n";
    }
}
