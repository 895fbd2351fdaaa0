package org.movierec.report;

import java.util.List;

/**
 * One section of a report. A section whose data the dataset lacks is kept with only a
 * {@code note} saying why it is left out, so that a reader sees it was not forgotten.
 *
 * @param id     HTML id (anchor of the table of contents)
 * @param title  heading
 * @param intro  one or two sentences on what the section shows (may be empty)
 * @param note   why the section is left out, or null when it has content
 * @param charts the charts, each with its numbers
 * @param tables tables shown on their own (not behind a chart)
 */
public record Section(String id, String title, String intro, String note, List<Chart> charts, List<Table> tables) {
    public Section {
        charts = List.copyOf(charts);
        tables = List.copyOf(tables);
    }

    public static Section of(String id, String title, String intro, List<Chart> charts, List<Table> tables) {
        return new Section(id, title, intro, null, charts, tables);
    }

    /** A section left out, with the reason. */
    public static Section leftOut(String id, String title, String note) {
        return new Section(id, title, "", note, List.of(), List.of());
    }

    public boolean isLeftOut() {
        return note != null;
    }
}
