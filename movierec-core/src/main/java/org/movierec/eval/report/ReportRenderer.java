package org.movierec.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.movierec.eval.Report;

/**
 * Turns a {@link Report} into a document. Core has a plain-text table ({@link TableRenderer}), JSON
 * ({@link JsonRenderer}) and Markdown ({@link MarkdownRenderer}); other modules add formats (an HTML
 * page, say) by implementing this interface and listing the class in their
 * {@code META-INF/services/org.movierec.eval.report.ReportRenderer}, which {@link #forFormat} finds.
 */
public interface ReportRenderer {
    /**
     * The format's name.
     *
     * @return the name as given to {@code --format} (lower case, e.g. {@code table})
     */
    String format();

    /**
     * Renders a report.
     *
     * @param report the report
     * @return the whole document, ending with a newline
     */
    String render(Report report);

    /**
     * The built-in renderers and those registered by other modules; a registered renderer whose format a
     * built-in one already has is ignored.
     *
     * @return a new list, built-ins first
     */
    static List<ReportRenderer> all() {
        List<ReportRenderer> out = new ArrayList<>(List.of(new TableRenderer(), new JsonRenderer(),
                new MarkdownRenderer()));
        for (ReportRenderer r : ServiceLoader.load(ReportRenderer.class)) {
            if (out.stream().noneMatch(x -> x.format().equals(r.format()))) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The renderer of {@code format}.
     *
     * @param format a format name such as {@code table}, {@code json} or {@code markdown}
     * @return its renderer
     * @throws IllegalArgumentException naming the format and the known ones
     */
    static ReportRenderer forFormat(String format) {
        List<ReportRenderer> all = all();
        for (ReportRenderer r : all) {
            if (r.format().equals(format)) {
                return r;
            }
        }
        List<String> names = new ArrayList<>();
        for (ReportRenderer r : all) {
            names.add(r.format());
        }
        throw new IllegalArgumentException("unknown report format '" + format + "'; known: " + String.join(", ", names));
    }
}
