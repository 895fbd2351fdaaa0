package org.movierec.neural.feature;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;
import org.movierec.model.ModelIO;

/**
 * The neural models' feature tables, fitted on the training part only (never on validation or
 * test), one row per user and per movie, so that encoding a rating is a table lookup and allocates
 * nothing. The core's {@link org.movierec.feature.FeatureSpace} (used by the factorization machine)
 * is left as it is.
 *
 * <p>Below, {@code mu} is the training mean rating, {@code R(u)} a user's training ratings and
 * {@code R(i)} a movie's. Unknown attributes encode as 0 (dense) or -1 (categorical codes).
 *
 * <p>User blocks:
 * <ul>
 * <li>age scaled: {@code (age - mean) / sd} over the users with a known age; age bucket (code 0..6):
 *     {@code <18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+} (ML-1M's codes; ML-100k years fall in them);</li>
 * <li>gender: code 0 male, 1 female; one-hot in the dense demographic block;</li>
 * <li>occupation: code over the vocabulary; one-hot in the dense demographic block;</li>
 * <li>zip prefix: the first character of the zip code when it is a digit (code 0..9);</li>
 * <li>rating statistics (report 000's user features): average {@code (sum R(u) + 5 mu) / (|R(u)| + 5) - mu}
 *     (shrunk towards the mean by 5 pseudo-ratings, then centred), median of {@code R(u)} minus {@code mu},
 *     count {@code log(1 + |R(u)|) / log(1 + max_u |R(u)|)}, and the normalised genre histogram
 *     {@code h_g = #{r in R(u): movie has g} / sum_g' #{...g'}}.</li>
 * </ul>
 * Movie blocks: genres multi-hot (dense, and as an embedding bag with weights {@code 1/#genres});
 * release year scaled {@code (year - mean) / sd} and its decade bucket (code 0..10: {@code <1930},
 * 1930s .. 2010s, {@code >=2020}); average, median and count as for users. Release month (code
 * 0..11, {@link #releaseMonth}) where the catalogue has release dates (ML-100k's {@code u.item}; most of
 * its dates are 01-Jan, standing for the year alone, so the month says little there).
 *
 * <p>Credits, when the catalogue carries them ({@code --tmdb}, {@link Movies#hasCredits}): the
 * movie's director (its first listed) as a code, and its first {@link #STARS_PER_MOVIE} billed cast
 * members as a bag with weights {@code 1/#stars}. Only people in at least {@link #MIN_CREDITED_MOVIES}
 * movies of the catalogue get a code (one with a single movie would only repeat the movie's id);
 * the vocabulary comes from the catalogue's metadata, not from ratings, in movie order.
 *
 * <p>Context: the rating timestamp scaled to {@code [0, 1]} over the training range
 * ({@link #timeScaled}) and bucketised into {@link #TIME_BUCKETS} equal parts ({@link #timeBucket});
 * days since release at the rating's time, {@code d = floor(t / 86400) - releaseDay}, scaled as
 * {@code log(1 + max(0, d)) / log(1 + D)} with {@code D} the largest {@code d} among the training
 * ratings, capped at 1, 0 when the date is unknown ({@link #daysSinceRelease}).
 */
public final class Features {
    public static final int AGE_BUCKETS = 7;
    public static final int YEAR_BUCKETS = 11;
    public static final int ZIP_BUCKETS = 10;
    public static final int TIME_BUCKETS = 10;
    /** How many of a movie's cast, in billing order, its star bag holds. */
    public static final int STARS_PER_MOVIE = 3;
    /** The fewest catalogue movies a director or star needs to get a code. */
    public static final int MIN_CREDITED_MOVIES = 2;
    private static final float SHRINK = 5f;

    private final int numUsers;
    private final int numMovies;
    private final int numGenres;
    private final int numOccupations;
    private final float mean;
    private final long timeMin;
    private final long timeMax;
    /** Categorical codes per user: age bucket, gender, occupation, zip prefix (-1 unknown). */
    private final int[] userCodes;
    /** Per movie: year bucket (-1 unknown). */
    private final int[] movieYearBucket;
    /** Dense user demographics: [age scaled, male, female, occupation one-hot]. */
    private final float[] userDemo;
    /** Dense user statistics: [avg, median, count, genre histogram]. */
    private final float[] userStats;
    /** Dense movie genres multi-hot. */
    private final float[] movieGenres;
    /** Dense movie statistics: [year scaled, avg, median, count]. */
    private final float[] movieStats;
    /** Genre bag (CSR over movies). */
    private final int[] genreOffsets;
    private final int[] genreIndex;
    private final float[] genreWeight;
    /** Credits: director code per movie (-1 none) and the star bag (CSR over movies); empty without credits. */
    private final int numDirectors;
    private final int[] movieDirector;
    private final int numStars;
    private final int[] starOffsets;
    private final int[] starIndex;
    private final float[] starWeight;
    /** Release date per movie (days since 1970-01-01, Movies.UNKNOWN_DAY unknown); empty without dates. */
    private final int[] movieReleaseDay;
    private final int[] movieMonth;
    /** {@code log(1 + D)}, D the largest days-since-release among the training ratings. */
    private final float logMaxAge;

    private Features(int numUsers, int numMovies, int numGenres, int numOccupations, float mean, long timeMin,
                     long timeMax, int[] userCodes, int[] movieYearBucket, float[] userDemo, float[] userStats,
                     float[] movieGenres, float[] movieStats, int[] genreOffsets, int[] genreIndex, float[] genreWeight,
                     Credits credits, int[] movieReleaseDay, float logMaxAge) {
        this.numUsers = numUsers;
        this.numMovies = numMovies;
        this.numGenres = numGenres;
        this.numOccupations = numOccupations;
        this.mean = mean;
        this.timeMin = timeMin;
        this.timeMax = timeMax;
        this.userCodes = userCodes;
        this.movieYearBucket = movieYearBucket;
        this.userDemo = userDemo;
        this.userStats = userStats;
        this.movieGenres = movieGenres;
        this.movieStats = movieStats;
        this.genreOffsets = genreOffsets;
        this.genreIndex = genreIndex;
        this.genreWeight = genreWeight;
        this.numDirectors = credits.numDirectors;
        this.movieDirector = credits.director;
        this.numStars = credits.numStars;
        this.starOffsets = credits.starOffsets;
        this.starIndex = credits.starIndex;
        this.starWeight = credits.starWeight;
        this.movieReleaseDay = movieReleaseDay;
        this.logMaxAge = logMaxAge;
        this.movieMonth = new int[movieReleaseDay.length];
        for (int i = 0; i < movieReleaseDay.length; i++) {
            movieMonth[i] = movieReleaseDay[i] == Movies.UNKNOWN_DAY ? -1
                    : java.time.LocalDate.ofEpochDay(movieReleaseDay[i]).getMonthValue() - 1;
        }
    }

    /** Days from a movie's release to {@code t} (seconds since the epoch); -1 when the date is unknown. */
    private static long age(int releaseDay, long t) {
        return releaseDay == Movies.UNKNOWN_DAY ? -1 : Math.max(0, Math.floorDiv(t, 86_400L) - releaseDay);
    }

    /** The credit codes of a catalogue; {@link #NONE} without credits. */
    private record Credits(int numDirectors, int[] director, int numStars, int[] starOffsets, int[] starIndex,
                           float[] starWeight) {
        static final Credits NONE = new Credits(0, new int[0], 0, new int[1], new int[0], new float[0]);

        static Credits of(Movies movies) {
            if (!movies.hasCredits()) {
                return NONE;
            }
            int ni = movies.size();
            java.util.Map<String, Integer> dirCount = new java.util.HashMap<>();
            java.util.Map<String, Integer> starCount = new java.util.HashMap<>();
            for (int i = 0; i < ni; i++) {
                java.util.List<String> d = movies.directors(i);
                if (!d.isEmpty()) {
                    dirCount.merge(d.get(0), 1, Integer::sum);
                }
                for (String name : stars(movies, i)) {
                    starCount.merge(name, 1, Integer::sum);
                }
            }
            java.util.Map<String, Integer> dirCode = new java.util.HashMap<>();
            java.util.Map<String, Integer> starCode = new java.util.HashMap<>();
            int[] director = new int[ni];
            int[] off = new int[ni + 1];
            java.util.List<Integer> idx = new java.util.ArrayList<>();
            for (int i = 0; i < ni; i++) {
                java.util.List<String> d = movies.directors(i);
                director[i] = -1;
                if (!d.isEmpty() && dirCount.get(d.get(0)) >= MIN_CREDITED_MOVIES) {
                    director[i] = dirCode.computeIfAbsent(d.get(0), k -> dirCode.size());
                }
                for (String name : stars(movies, i)) {
                    if (starCount.get(name) >= MIN_CREDITED_MOVIES) {
                        idx.add(starCode.computeIfAbsent(name, k -> starCode.size()));
                    }
                }
                off[i + 1] = idx.size();
            }
            int[] starIndex = new int[idx.size()];
            float[] starWeight = new float[idx.size()];
            for (int i = 0; i < ni; i++) {
                for (int k = off[i]; k < off[i + 1]; k++) {
                    starIndex[k] = idx.get(k);
                    starWeight[k] = 1f / (off[i + 1] - off[i]);
                }
            }
            return new Credits(dirCode.size(), director, starCode.size(), off, starIndex, starWeight);
        }

        /** The movie's first {@link #STARS_PER_MOVIE} distinct billed cast members. */
        private static java.util.List<String> stars(Movies movies, int i) {
            java.util.List<String> c = movies.cast(i);
            return c.subList(0, Math.min(STARS_PER_MOVIE, c.size()));
        }
    }

    /** Fits the tables on {@code train}'s ratings and catalogue. */
    public static Features fit(Dataset train) {
        Users users = train.users();
        Movies movies = train.movies();
        Interactions in = train.interactions();
        if (in.size() == 0) {
            throw new IllegalArgumentException("cannot fit features on an empty training part (" + train.name() + ")");
        }
        int nu = users.size();
        int ni = movies.size();
        int ng = Math.max(1, movies.genreVocabulary().size());
        int nOcc = Math.max(1, users.occupationVocabulary().size());
        float mu = (float) in.meanRating();
        int[] codes = new int[nu * 4];
        float[] demo = new float[nu * (3 + nOcc)];
        double ageSum = 0;
        double ageSq = 0;
        int ageN = 0;
        for (int u = 0; u < nu; u++) {
            int age = users.age(u);
            if (age > 0) {
                ageSum += age;
                ageSq += (double) age * age;
                ageN++;
            }
        }
        double ageMean = ageN == 0 ? 0 : ageSum / ageN;
        double ageSd = ageN == 0 ? 1 : Math.max(1e-6, Math.sqrt(ageSq / ageN - ageMean * ageMean));
        for (int u = 0; u < nu; u++) {
            int age = users.age(u);
            int g = users.gender(u);
            int occ = users.occupation(u);
            String zip = users.zip(u);
            codes[u * 4] = age > 0 ? bucketOfAge(age) : -1;
            codes[u * 4 + 1] = g == Users.GENDER_MALE ? 0 : g == Users.GENDER_FEMALE ? 1 : -1;
            codes[u * 4 + 2] = occ;
            codes[u * 4 + 3] = zip != null && !zip.isEmpty() && Character.isDigit(zip.charAt(0)) ? zip.charAt(0) - '0' : -1;
            int o = u * (3 + nOcc);
            demo[o] = age > 0 ? (float) ((age - ageMean) / ageSd) : 0f;
            if (codes[u * 4 + 1] >= 0) {
                demo[o + 1 + codes[u * 4 + 1]] = 1f;
            }
            if (occ >= 0) {
                demo[o + 3 + occ] = 1f;
            }
        }
        // movies: genres and year
        float[] mg = new float[ni * ng];
        int[] gOff = new int[ni + 1];
        int total = 0;
        for (int i = 0; i < ni; i++) {
            total += Long.bitCount(movies.genreBits(i));
            gOff[i + 1] = total;
        }
        int[] gIdx = new int[total];
        float[] gW = new float[total];
        int[] yb = new int[ni];
        double ySum = 0;
        double ySq = 0;
        int yN = 0;
        for (int i = 0; i < ni; i++) {
            long bits = movies.genreBits(i);
            int c = Long.bitCount(bits);
            int k = gOff[i];
            for (int g = 0; g < ng && bits != 0; g++) {
                if ((bits & (1L << g)) != 0) {
                    mg[i * ng + g] = 1f;
                    gIdx[k] = g;
                    gW[k++] = 1f / c;
                }
            }
            int y = movies.year(i);
            yb[i] = y <= 0 ? -1 : y < 1930 ? 0 : y >= 2020 ? 10 : 1 + (y - 1930) / 10;
            if (y > 0) {
                ySum += y;
                ySq += (double) y * y;
                yN++;
            }
        }
        double yMean = yN == 0 ? 0 : ySum / yN;
        double ySd = yN == 0 ? 1 : Math.max(1e-6, Math.sqrt(ySq / yN - yMean * yMean));
        // rating statistics
        float[] us = new float[nu * (3 + ng)];
        float[] ms = new float[ni * 4];
        int[] items = in.itemsArray();
        float[] ratings = in.ratingsArray();
        int maxU = 1;
        for (int u = 0; u < nu; u++) {
            maxU = Math.max(maxU, in.userCount(u));
        }
        float[] buf = new float[Math.max(maxU, 1)];
        long tMin = Long.MAX_VALUE;
        long tMax = Long.MIN_VALUE;
        for (int p = 0; p < in.size(); p++) {
            tMin = Math.min(tMin, in.timestamp(p));
            tMax = Math.max(tMax, in.timestamp(p));
        }
        for (int u = 0; u < nu; u++) {
            int s = in.userStart(u);
            int e = in.userEnd(u);
            int o = u * (3 + ng);
            if (s == e) {
                continue;
            }
            double sum = 0;
            double hTotal = 0;
            for (int p = s; p < e; p++) {
                sum += ratings[p];
                buf[p - s] = ratings[p];
                long bits = movies.genreBits(items[p]);
                for (int g = 0; g < ng; g++) {
                    if ((bits & (1L << g)) != 0) {
                        us[o + 3 + g] += 1f;
                        hTotal++;
                    }
                }
            }
            us[o] = (float) ((sum + SHRINK * mu) / (e - s + SHRINK) - mu);
            us[o + 1] = median(buf, e - s) - mu;
            us[o + 2] = (float) (Math.log1p(e - s) / Math.log1p(maxU));
            if (hTotal > 0) {
                for (int g = 0; g < ng; g++) {
                    us[o + 3 + g] /= (float) hTotal;
                }
            }
        }
        Interactions.ItemView byItem = in.byItem();
        int maxI = 1;
        for (int i = 0; i < ni; i++) {
            maxI = Math.max(maxI, byItem.itemEnd(i) - byItem.itemStart(i));
        }
        buf = new float[maxI];
        for (int i = 0; i < ni; i++) {
            int s = byItem.itemStart(i);
            int e = byItem.itemEnd(i);
            int y = movies.year(i);
            ms[i * 4] = y > 0 ? (float) ((y - yMean) / ySd) : 0f;
            if (s == e) {
                continue;
            }
            double sum = 0;
            for (int k = s; k < e; k++) {
                float r = ratings[byItem.position(k)];
                sum += r;
                buf[k - s] = r;
            }
            ms[i * 4 + 1] = (float) ((sum + SHRINK * mu) / (e - s + SHRINK) - mu);
            ms[i * 4 + 2] = median(buf, e - s) - mu;
            ms[i * 4 + 3] = (float) (Math.log1p(e - s) / Math.log1p(maxI));
        }
        int[] release = new int[movies.hasReleaseDates() ? ni : 0];
        long maxAge = 0;
        if (movies.hasReleaseDates()) {
            for (int i = 0; i < ni; i++) {
                release[i] = movies.releaseDay(i);
            }
            for (int p = 0; p < in.size(); p++) {
                maxAge = Math.max(maxAge, age(release[items[p]], in.timestamp(p)));
            }
        }
        return new Features(nu, ni, ng, nOcc, mu, tMin, tMax, codes, yb, demo, us, mg, ms, gOff, gIdx, gW,
                Credits.of(movies), release, (float) Math.log1p(maxAge));
    }

    /** The age bucket of core's {@link org.movierec.feature.FeatureSpace#ageBucket} (one definition of the buckets). */
    static int bucketOfAge(int age) {
        return org.movierec.feature.FeatureSpace.ageBucket(age);
    }

    /** Median of the first {@code n} values (sorts them in place). */
    static float median(float[] a, int n) {
        Arrays.sort(a, 0, n);
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    public int numUsers() {
        return numUsers;
    }

    public int numMovies() {
        return numMovies;
    }

    public int numGenres() {
        return numGenres;
    }

    public int numOccupations() {
        return numOccupations;
    }

    /** The training mean rating. */
    public float mean() {
        return mean;
    }

    public int ageBucket(int user) {
        return userCodes[user * 4];
    }

    public int gender(int user) {
        return userCodes[user * 4 + 1];
    }

    public int occupation(int user) {
        return userCodes[user * 4 + 2];
    }

    public int zipPrefix(int user) {
        return userCodes[user * 4 + 3];
    }

    public int yearBucket(int movie) {
        return movieYearBucket[movie];
    }

    /** Width of {@link #userDemographics}: age scaled, male, female, occupations. */
    public int userDemoDim() {
        return 3 + numOccupations;
    }

    /** Width of {@link #userStats}: avg, median, count, genre histogram. */
    public int userStatsDim() {
        return 3 + numGenres;
    }

    /** Width of {@link #movieStats}: year scaled, avg, median, count. */
    public int movieStatsDim() {
        return 4;
    }

    /** Copies the user's demographic row into {@code x[off ..]}. */
    public void userDemographics(int user, float[] x, int off) {
        System.arraycopy(userDemo, user * userDemoDim(), x, off, userDemoDim());
    }

    public void userStats(int user, float[] x, int off) {
        System.arraycopy(userStats, user * userStatsDim(), x, off, userStatsDim());
    }

    public void movieGenres(int movie, float[] x, int off) {
        System.arraycopy(movieGenres, movie * numGenres, x, off, numGenres);
    }

    public void movieStats(int movie, float[] x, int off) {
        System.arraycopy(movieStats, movie * 4, x, off, 4);
    }

    public boolean movieHasGenre(int movie, int genre) {
        return movieGenres[movie * numGenres + genre] != 0f;
    }

    /** CSR offsets of each movie's genres (length movies + 1), for embedding bags. */
    public int genreStart(int movie) {
        return genreOffsets[movie];
    }

    public int genreEnd(int movie) {
        return genreOffsets[movie + 1];
    }

    public int genreAt(int k) {
        return genreIndex[k];
    }

    public float genreWeightAt(int k) {
        return genreWeight[k];
    }

    /** Rating time scaled to [0, 1] over the training range (clamped). */
    public float timeScaled(long t) {
        if (timeMax <= timeMin) {
            return 0f;
        }
        return (float) Math.min(1, Math.max(0, (double) (t - timeMin) / (timeMax - timeMin)));
    }

    /** Rating time bucket 0..TIME_BUCKETS-1 of the training range. */
    public int timeBucket(long t) {
        return Math.min(TIME_BUCKETS - 1, (int) (timeScaled(t) * TIME_BUCKETS));
    }

    /** The movie's release month, 0 (January) .. 11, or -1 when its date is unknown. */
    public int releaseMonth(int movie) {
        return movieMonth.length == 0 ? -1 : movieMonth[movie];
    }

    /**
     * Days since the movie's release at time {@code t}, scaled to {@code [0, 1]} (formula in the class
     * comment); 0 when the date is unknown.
     */
    public float daysSinceRelease(int movie, long t) {
        if (movieReleaseDay.length == 0 || logMaxAge <= 0) {
            return 0f;
        }
        long d = age(movieReleaseDay[movie], t);
        return d < 0 ? 0f : Math.min(1f, (float) (Math.log1p(d) / logMaxAge));
    }

    /** Whether the catalogue carried credits with at least one director or star in two or more movies. */
    public boolean hasCredits() {
        return numDirectors > 0 || numStars > 0;
    }

    /** Directors with a code. */
    public int numDirectors() {
        return numDirectors;
    }

    /** The movie's director code, -1 when it has none with a code (or there are no credits). */
    public int director(int movie) {
        return movieDirector.length == 0 ? -1 : movieDirector[movie];
    }

    /** Stars with a code. */
    public int numStars() {
        return numStars;
    }

    /** First entry of the movie's star bag ({@link #starAt}); equal to {@link #starEnd} when empty. */
    public int starStart(int movie) {
        return movieDirector.length == 0 ? 0 : starOffsets[movie];
    }

    public int starEnd(int movie) {
        return movieDirector.length == 0 ? 0 : starOffsets[movie + 1];
    }

    public int starAt(int k) {
        return starIndex[k];
    }

    public float starWeightAt(int k) {
        return starWeight[k];
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(numUsers);
        out.writeInt(numMovies);
        out.writeInt(numGenres);
        out.writeInt(numOccupations);
        out.writeFloat(mean);
        out.writeLong(timeMin);
        out.writeLong(timeMax);
        ModelIO.writeInts(out, userCodes);
        ModelIO.writeInts(out, movieYearBucket);
        ModelIO.writeFloats(out, userDemo);
        ModelIO.writeFloats(out, userStats);
        ModelIO.writeFloats(out, movieGenres);
        ModelIO.writeFloats(out, movieStats);
        ModelIO.writeInts(out, genreOffsets);
        ModelIO.writeInts(out, genreIndex);
        ModelIO.writeFloats(out, genreWeight);
        out.writeInt(numDirectors);
        ModelIO.writeInts(out, movieDirector);
        out.writeInt(numStars);
        ModelIO.writeInts(out, starOffsets);
        ModelIO.writeInts(out, starIndex);
        ModelIO.writeFloats(out, starWeight);
        ModelIO.writeInts(out, movieReleaseDay);
        out.writeFloat(logMaxAge);
    }

    /**
     * Reads tables written by {@link #write}.
     *
     * @param withCredits whether the credit codes and release dates follow (payload version 2 on; version 1
     *                    files have neither)
     */
    public static Features read(DataInputStream in, boolean withCredits) throws IOException {
        int nu = in.readInt();
        int ni = in.readInt();
        int ng = in.readInt();
        int nOcc = in.readInt();
        float mu = in.readFloat();
        long tMin = in.readLong();
        long tMax = in.readLong();
        int[] codes = ModelIO.readInts(in);
        int[] yb = ModelIO.readInts(in);
        float[] demo = ModelIO.readFloats(in);
        float[] us = ModelIO.readFloats(in);
        float[] mg = ModelIO.readFloats(in);
        float[] ms = ModelIO.readFloats(in);
        int[] gOff = ModelIO.readInts(in);
        int[] gIdx = ModelIO.readInts(in);
        float[] gW = ModelIO.readFloats(in);
        Credits credits = !withCredits ? Credits.NONE : new Credits(in.readInt(), ModelIO.readInts(in), in.readInt(),
                ModelIO.readInts(in), ModelIO.readInts(in), ModelIO.readFloats(in));
        if (credits.director().length != 0 && (credits.director().length != ni || credits.starOffsets().length != ni + 1
                || credits.starIndex().length != credits.starWeight().length)) {
            throw new IOException("model file's credit codes do not match its " + ni + " movies");
        }
        int[] release = withCredits ? ModelIO.readInts(in) : new int[0];
        float logMaxAge = withCredits ? in.readFloat() : 0f;
        if (release.length != 0 && release.length != ni) {
            throw new IOException("model file's release dates do not match its " + ni + " movies");
        }
        return new Features(nu, ni, ng, nOcc, mu, tMin, tMax, codes, yb, demo, us, mg, ms, gOff, gIdx, gW, credits,
                release, logMaxAge);
    }
}
