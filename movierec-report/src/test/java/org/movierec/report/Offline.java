package org.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a page loads nothing from elsewhere: no src/href to another file or host, no @import. */
final class Offline {
    private static final Pattern REF = Pattern.compile("(?i)\\b(?:src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"");

    private Offline() {
    }

    static void assertSelfContained(String html) {
        Matcher m = REF.matcher(html);
        while (m.find()) {
            // in-page anchors and inline data (the heat map's colour scale is an embedded PNG) only
            assertThat(m.group(1)).as("reference in the page").matches("#.*|data:image/png;base64,.*");
        }
        assertThat(html).doesNotContain("@import").doesNotContainIgnoringCase("<script src").doesNotContain("url(http");
    }
}
