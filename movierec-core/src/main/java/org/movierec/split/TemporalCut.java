package org.movierec.split;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/**
 * A global temporal cut: ratings made strictly before a cut-off instant train, the rest test. One
 * fold, no validation. The cut-off is either given (an ISO date, meaning midnight UTC, or an ISO
 * instant) or derived from a fraction {@code f}: it is the timestamp of the rating at index
 * {@code round(f * n)} of all ratings sorted by time, so about a fraction {@code f} of the ratings
 * train. Ratings sharing the cut-off second all go to test, so the training part never holds a
 * rating made at or after any test rating's time; with ties the train share is slightly below f.
 */
public final class TemporalCut implements Split {
    private final String spec;
    private final double fraction;
    private final long cutoffSeconds;

    private TemporalCut(String spec, double fraction, long cutoffSeconds) {
        this.spec = spec;
        this.fraction = fraction;
        this.cutoffSeconds = cutoffSeconds;
    }

    /**
     * Cut at the time that leaves about {@code fraction} of the ratings before it.
     *
     * @param fraction the training share, strictly between 0 and 1
     * @return the split, named {@code temporal:FRACTION}
     * @throws IllegalArgumentException when {@code fraction} is outside (0, 1)
     */
    public static TemporalCut atFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("temporal cut fraction must be strictly between 0 and 1, got " + fraction);
        }
        return new TemporalCut("temporal:" + RandomSplit.fmt(fraction), fraction, Long.MIN_VALUE);
    }

    /**
     * Cut at an instant (compared in whole epoch seconds, the unit of MovieLens timestamps).
     *
     * @param cutoff ratings strictly before it train
     * @param label  how the user wrote the instant, for the split's name {@code temporal:LABEL}
     * @return the split
     */
    public static TemporalCut atInstant(Instant cutoff, String label) {
        return new TemporalCut("temporal:" + label, Double.NaN, cutoff.getEpochSecond());
    }

    /**
     * Cut at midnight UTC of an ISO date or at an ISO instant.
     *
     * @param iso a date such as {@code 2001-01-01} or an instant such as {@code 2001-01-01T00:00:00Z}
     * @return the split, named {@code temporal:ISO}
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static TemporalCut atDate(String iso) {
        Instant t;
        try {
            t = iso.contains("T") ? Instant.parse(iso)
                    : java.time.LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("temporal cut '" + iso + "' is neither a fraction in (0, 1) nor an ISO "
                    + "date such as 2001-01-01 or instant such as 2001-01-01T00:00:00Z");
        }
        return atInstant(t, iso);
    }

    @Override
    public String name() {
        return spec;
    }

    /**
     * The cut-off for a dataset (for a fraction it depends on the data's timestamps).
     *
     * @param data the dataset to split
     * @return epoch seconds: ratings with a timestamp below it train
     * @throws IllegalArgumentException when a fraction cut is asked of an empty dataset
     */
    public long cutoff(Dataset data) {
        if (Double.isNaN(fraction)) {
            return cutoffSeconds;
        }
        long[] t = data.interactions().timestampsArray().clone();
        if (t.length == 0) {
            throw new IllegalArgumentException("cannot cut an empty dataset by time");
        }
        Arrays.sort(t);
        int m = (int) Math.min(t.length - 1, Math.round(fraction * t.length));
        return t[m];
    }

    @Override
    public List<Fold> folds(Dataset data) {
        long cut = cutoff(data);
        Interactions in = data.interactions();
        long[] ts = in.timestampsArray();
        byte[] assign = new byte[in.size()];
        int nTest = 0;
        for (int p = 0; p < ts.length; p++) {
            if (ts[p] >= cut) {
                assign[p] = Parts.TEST;
                nTest++;
            }
        }
        if (nTest == 0 || nTest == ts.length) {
            throw new IllegalArgumentException("temporal cut " + spec + " (at " + Instant.ofEpochSecond(cut)
                    + ") leaves an empty " + (nTest == 0 ? "test" : "train") + " part: ratings span "
                    + Instant.ofEpochSecond(min(ts)) + " .. " + Instant.ofEpochSecond(max(ts)));
        }
        return List.of(Parts.fold(data, spec, assign, false));
    }

    private static long min(long[] a) {
        long m = Long.MAX_VALUE;
        for (long v : a) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static long max(long[] a) {
        long m = Long.MIN_VALUE;
        for (long v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
