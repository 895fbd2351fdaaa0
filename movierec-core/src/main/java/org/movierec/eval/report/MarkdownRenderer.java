package org.movierec.eval.report;

import org.movierec.eval.RatingErrors;
import org.movierec.eval.Report;
import org.movierec.split.Fold;

/** The tables of {@link TableRenderer} as GitHub pipe tables, after a short header naming the run. */
public final class MarkdownRenderer implements ReportRenderer {
    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public String render(Report report) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(report.dataset()).append(", split ").append(report.split()).append(", seed ")
                .append(report.seed()).append("\n\n");
        sb.append("K = ").append(report.config().k()).append(", relevant = test rating >= ")
                .append(report.config().relevance()).append(", predictions ")
                .append(report.config().clip() ? "clipped" : "not clipped").append(" to the rating scale")
                .append(", mae_norm and mape_norm on ratings scaled ").append(RatingErrors.NORM_NAME).append("\n\n");
        for (Fold.Sizes f : report.folds()) {
            sb.append("- ").append(f.describe()).append('\n');
        }
        sb.append('\n');
        sb.append(Tables.of(report).markdown());
        if (!report.comparisons().isEmpty()) {
            sb.append('\n').append(Report.COMPARISON_NOTE).append('\n');
        }
        return sb.toString();
    }
}
