package org.movierec.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of a report: a caption, column headers and rows of already formatted cells. Columns
 * marked numeric are right-aligned.
 *
 * @param caption what the table shows
 * @param headers the column headers
 * @param numeric per column, whether its cells are numbers
 * @param rows    the rows, each with one cell per header
 */
public record Table(String caption, List<String> headers, List<Boolean> numeric, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        if (numeric.size() != headers.size()) {
            throw new IllegalArgumentException("numeric flags " + numeric.size() + " != headers " + headers.size());
        }
        for (List<String> r : rows) {
            if (r.size() != headers.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, expected " + headers.size());
            }
        }
    }

    /** Starts a table whose first column is text and the others numbers. */
    public static Builder builder(String caption, String... headers) {
        return new Builder(caption, headers);
    }

    /** Builds a {@link Table} row by row. */
    public static final class Builder {
        private final String caption;
        private final List<String> headers;
        private final List<Boolean> numeric = new ArrayList<>();
        private final List<List<String>> rows = new ArrayList<>();

        Builder(String caption, String... headers) {
            this.caption = caption;
            this.headers = List.of(headers);
            for (int c = 0; c < headers.length; c++) {
                numeric.add(c > 0);
            }
        }

        /** Marks the first {@code n} columns as text (the others stay numeric). */
        public Builder textColumns(int n) {
            for (int c = 0; c < numeric.size(); c++) {
                numeric.set(c, c >= n);
            }
            return this;
        }

        public Builder row(Object... cells) {
            List<String> r = new ArrayList<>(cells.length);
            for (Object c : cells) {
                r.add(c == null ? "" : c.toString());
            }
            rows.add(r);
            return this;
        }

        public Table build() {
            return new Table(caption, headers, numeric, rows);
        }
    }
}
