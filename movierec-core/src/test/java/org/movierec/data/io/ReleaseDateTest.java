package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** u.item's hand-written release-date parser against java.time's strict {@code d-MMM-uuuu} formatter. */
class ReleaseDateTest {
    static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("d-MMM-uuuu").toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);

    static int reference(String s) {
        try {
            return (int) LocalDate.parse(s, REFERENCE).toEpochDay();
        } catch (DateTimeParseException e) {
            return Integer.MIN_VALUE;
        }
    }

    @Test
    void everyDayFrom1900To2030AgreesWithJavaTime() {
        DateTimeFormatter oneDigit = DateTimeFormatter.ofPattern("d-MMM-uuuu", Locale.ENGLISH);
        DateTimeFormatter twoDigits = DateTimeFormatter.ofPattern("dd-MMM-uuuu", Locale.ENGLISH);
        int checked = 0;
        for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() <= 2030; d = d.plusDays(1)) {
            for (String s : new String[] {d.format(oneDigit), d.format(twoDigits), d.format(twoDigits).toUpperCase(
                    Locale.ROOT), d.format(oneDigit).toLowerCase(Locale.ROOT)}) {
                assertThat(MovieLens100kReader.releaseDay(s)).as(s).isEqualTo(d.toEpochDay()).isEqualTo(reference(s));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4 * 47847);
    }

    @Test
    void badDatesAreRefusedAsJavaTimeRefusesThem() {
        for (String s : new String[] {"", "1995", "01-Jan-95", "01-Jan-19950", "0-Jan-1995", "00-Jan-1995",
            "32-Jan-1995", "29-Feb-1995", "31-Apr-1997", "30-Feb-2000", "01-Foo-1995", "01-Janu-1995", "01 Jan 1995",
            "01-Jan-199x", "-1-Jan-1995", "1-Jan-1995 ", " 1-Jan-1995", "01-Jan1995", "01Jan-1995", "aa-Jan-1995",
            "1-Ja-1995", "1-an-1995"}) {
            assertThat(MovieLens100kReader.releaseDay(s)).as("'%s'", s).isEqualTo(Integer.MIN_VALUE)
                    .isEqualTo(reference(s));
        }
        // Stricter than java.time's pattern, whose 'd' takes more digits: a day has one or two, as in every
        // MovieLens file.
        for (String s : new String[] {"001-Jan-1995", "0031-Jan-1995"}) {
            assertThat(reference(s)).as(s).isNotEqualTo(Integer.MIN_VALUE);
            assertThat(MovieLens100kReader.releaseDay(s)).as(s).isEqualTo(Integer.MIN_VALUE);
        }
        for (String s : new String[] {"29-Feb-1996", "29-Feb-2000", "4-Feb-1971", "01-jAn-1995", "31-Dec-1999"}) {
            assertThat(MovieLens100kReader.releaseDay(s)).as(s).isNotEqualTo(Integer.MIN_VALUE).isEqualTo(reference(s));
        }
    }
}
