package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Checks shared by the report tests. */
final class ChartChecks {
    private ChartChecks() {
    }

    /**
     * Every chart of the sections has a title and both axis titles, the value axis with its unit in
     * parentheses.
     *
     * @return how many charts were checked
     */
    static int assertTitlesAxesAndUnits(List<Section> sections) {
        int charts = 0;
        for (Section s : sections) {
            for (Chart c : s.charts()) {
                charts++;
                assertThat(c.title()).as(c.id()).isNotBlank();
                assertThat(c.xAxis()).as("%s x axis", c.id()).isNotBlank();
                assertThat(c.yAxis()).as("%s y axis", c.id()).matches(".*\\(.+\\).*");
            }
        }
        return charts;
    }
}
