package org.movierec.report;

import java.util.List;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Everything the data report draws, aggregated in one pass over the ratings (walked user by user
 * through the CSR offsets, so the user of a rating is never looked up) into flat primitive
 * counters. Nothing is allocated per rating: the month, day of week and period of a timestamp come
 * from per-day lookup tables built once for the dataset's day range.
 *
 * <p>Times are in UTC. The period of the "over time" sections is the calendar month when the
 * ratings span at most {@value #MAX_MONTH_PERIODS} months, else the calendar year.
 */
public final class DataProfile {
    static final int MAX_MONTH_PERIODS = 36;
    /** Day ranges longer than this (about 400 years) are treated as broken timestamps. */
    static final long MAX_DAYS = 146_097;
    static final String[] AGE_GROUPS = {"under 18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+", "unknown"};
    static final String[] GENDERS = {"unknown", "male", "female"};
    /** US ZIP code areas by first digit (USPS national areas), then non-US and missing codes. */
    static final String[] REGIONS = {
        "0: CT MA ME NH NJ PR RI VT", "1: DE NY PA", "2: DC MD NC SC VA WV", "3: AL FL GA MS TN",
        "4: IN KY MI OH", "5: IA MN MT ND SD WI", "6: IL KS MO NE", "7: AR LA OK TX",
        "8: AZ CO ID NM NV UT WY", "9: AK CA HI OR WA", "not a US ZIP code", "missing",
    };

    final Dataset dataset;
    final int users;
    final int movies;
    final long ratings;
    final RatingScale scale;
    /** Count per rating value of the scale (bin b is {@code min + b * step}). */
    final long[] ratingCounts;
    final long offScale;
    final double ratingSum;

    final int[] userCounts;
    final double[] userSums;
    final int[] movieCounts;
    final double[] movieSums;

    /** Whether the ratings have usable timestamps (not all zero, within {@link #MAX_DAYS} days). */
    final boolean hasTime;
    final String timeNote;
    final long firstSecond;
    final long lastSecond;
    final long[] monthCounts = new long[12];
    final double[] monthSums = new double[12];
    /** Monday = 0 .. Sunday = 6. */
    final long[] dowCounts = new long[7];
    final double[] dowSums = new double[7];
    final boolean monthlyPeriods;
    /** Label of each period ("1997-09" or "1998"). */
    final String[] periodLabels;
    final long[] periodCounts;
    final double[] periodSums;
    final int[] periodActiveUsers;
    final int[] periodNewUsers;

    final List<String> genreNames;
    final long[] genreCounts;
    final double[] genreSums;
    /** Ratings of genre g in period p at {@code g * periods + p}. */
    final long[] genrePeriodCounts;

    DataProfile(Dataset d) {
        this.dataset = d;
        Interactions in = d.interactions();
        Users us = d.users();
        Movies ms = d.movies();
        users = d.numUsers();
        movies = d.numItems();
        ratings = in.size();
        scale = d.ratingScale();
        int[] items = in.itemsArray();
        float[] r = in.ratingsArray();
        long[] t = in.timestampsArray();
        int[] offsets = in.userOffsetsArray();
        int n = items.length;

        long tMin = Long.MAX_VALUE;
        long tMax = Long.MIN_VALUE;
        for (int p = 0; p < n; p++) {
            long v = t[p];
            if (v < tMin) {
                tMin = v;
            }
            if (v > tMax) {
                tMax = v;
            }
        }
        long dayMin = n == 0 ? 0 : Math.floorDiv(tMin, 86_400L);
        long dayMax = n == 0 ? 0 : Math.floorDiv(tMax, 86_400L);
        if (n == 0) {
            hasTime = false;
            timeNote = "the dataset has no ratings";
        } else if (tMin == 0 && tMax == 0) {
            hasTime = false;
            timeNote = "the ratings have no timestamps";
        } else if (dayMax - dayMin > MAX_DAYS) {
            hasTime = false;
            timeNote = "the timestamps span " + (dayMax - dayMin) + " days, more than 400 years: they are not dates";
        } else {
            hasTime = true;
            timeNote = null;
        }
        firstSecond = hasTime ? tMin : 0;
        lastSecond = hasTime ? tMax : 0;

        // Per-day lookup tables: month of year and period of every day in the range.
        int days = hasTime ? (int) (dayMax - dayMin + 1) : 0;
        byte[] monthOfDay = new byte[days];
        int[] periodOfDay = new int[days];
        int firstYear = hasTime ? civilYear(dayMin) : 0;
        int firstMonth = hasTime ? civilMonth(dayMin) : 0;
        int spanMonths = hasTime ? (civilYear(dayMax) - firstYear) * 12 + civilMonth(dayMax) - firstMonth + 1 : 0;
        monthlyPeriods = spanMonths <= MAX_MONTH_PERIODS;
        int periods = !hasTime ? 0 : monthlyPeriods ? spanMonths : civilYear(dayMax) - firstYear + 1;
        for (int k = 0; k < days; k++) {
            long day = dayMin + k;
            int y = civilYear(day);
            int m = civilMonth(day);
            monthOfDay[k] = (byte) (m - 1);
            periodOfDay[k] = monthlyPeriods ? (y - firstYear) * 12 + m - firstMonth : y - firstYear;
        }
        periodLabels = new String[periods];
        for (int p = 0; p < periods; p++) {
            if (monthlyPeriods) {
                int m0 = firstMonth - 1 + p;
                periodLabels[p] = String.format(java.util.Locale.ROOT, "%04d-%02d", firstYear + m0 / 12, m0 % 12 + 1);
            } else {
                periodLabels[p] = Integer.toString(firstYear + p);
            }
        }
        periodCounts = new long[periods];
        periodSums = new double[periods];
        periodActiveUsers = new int[periods];
        periodNewUsers = new int[periods];

        genreNames = ms.genreVocabulary();
        int genres = genreNames.size();
        long[] genreBits = new long[movies];
        for (int m = 0; m < movies; m++) {
            genreBits[m] = ms.genreBits(m);
        }
        genreCounts = new long[genres];
        genreSums = new double[genres];
        genrePeriodCounts = new long[genres * periods];

        int bins = (int) Math.round((scale.max() - scale.min()) / (double) scale.step()) + 1;
        ratingCounts = new long[bins];
        long off = 0;
        double sum = 0;
        userCounts = new int[users];
        userSums = new double[users];
        movieCounts = new int[movies];
        movieSums = new double[movies];
        double min = scale.min();
        double step = scale.step();

        for (int u = 0; u < users; u++) {
            int start = offsets[u];
            int end = offsets[u + 1];
            userCounts[u] = end - start;
            double us0 = 0;
            int lastPeriod = -1;
            for (int p = start; p < end; p++) {
                float v = r[p];
                int m = items[p];
                us0 += v;
                movieCounts[m]++;
                movieSums[m] += v;
                double k = (v - min) / step;
                long b = Math.round(k);
                if (b >= 0 && b < bins && Math.abs(k - b) < 1e-4) {
                    ratingCounts[(int) b]++;
                } else {
                    off++;
                }
                long bits = genreBits[m];
                int day = -1;
                int per = -1;
                if (hasTime) {
                    day = (int) (Math.floorDiv(t[p], 86_400L) - dayMin);
                    int mo = monthOfDay[day];
                    monthCounts[mo]++;
                    monthSums[mo] += v;
                    int dow = (int) Math.floorMod(dayMin + day + 3, 7L); // 1970-01-01 was a Thursday (3)
                    dowCounts[dow]++;
                    dowSums[dow] += v;
                    per = periodOfDay[day];
                    periodCounts[per]++;
                    periodSums[per] += v;
                    // A user's ratings are sorted by time, so periods never go back: count each once.
                    if (per != lastPeriod) {
                        if (lastPeriod < 0) {
                            periodNewUsers[per]++;
                        }
                        periodActiveUsers[per]++;
                        lastPeriod = per;
                    }
                }
                while (bits != 0) {
                    int g = Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    genreCounts[g]++;
                    genreSums[g] += v;
                    if (per >= 0) {
                        genrePeriodCounts[g * periods + per]++;
                    }
                }
            }
            userSums[u] = us0;
            sum += us0;
        }
        offScale = off;
        ratingSum = sum;
    }

    /** Profiles a dataset. */
    public static DataProfile of(Dataset d) {
        return new DataProfile(d);
    }

    double meanRating() {
        return ratings == 0 ? 0 : ratingSum / ratings;
    }

    int periods() {
        return periodLabels.length;
    }

    float binRating(int b) {
        return (float) (scale.min() + b * (double) scale.step());
    }

    /** Age group of an age as stored (ML-100k: years; ML-1M: the bucket's lower bound), 7 for unknown. */
    static int ageGroup(int age) {
        // The buckets are core's (FeatureSpace.ageBucket, also used by the FM and the neural features);
        // unknown (-1 there) is the last group here.
        int bucket = org.movierec.feature.FeatureSpace.ageBucket(age);
        return bucket < 0 ? 7 : bucket;
    }

    /** Index into {@link #REGIONS} of a zip code. */
    static int region(String zip) {
        if (zip == null || zip.isBlank()) {
            return 11;
        }
        String z = zip.trim();
        char c = z.charAt(0);
        if (c < '0' || c > '9') {
            return 10;
        }
        for (int i = 0; i < z.length(); i++) {
            char ch = z.charAt(i);
            if (ch < '0' || ch > '9') {
                return ch == '-' && i == 5 ? c - '0' : 10;
            }
        }
        return z.length() == 5 || z.length() == 9 ? c - '0' : 10;
    }

    // Civil calendar from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).

    static int civilYear(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    }

    static int civilMonth(long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        return (int) (mp < 10 ? mp + 3 : mp - 9);
    }
}
