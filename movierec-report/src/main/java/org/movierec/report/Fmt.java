package org.movierec.report;

import java.util.Locale;

/** Number formats of the reports (Locale.ROOT: "1,234", "3.529"). */
final class Fmt {
    private Fmt() {
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A mean rating: three decimals, "-" for an empty group. */
    static String mean(double sum, long n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.3f", sum / n);
    }

    static String dec(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@code part / whole} in percent with two decimals. */
    static String pct(double part, double whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    /** A rating value: "4" or "4.5". */
    static String star(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A metric value: four decimals, two from 10 on. */
    static String metric(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
