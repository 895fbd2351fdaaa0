package org.movierec.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.movierec.data.Dataset;
import org.movierec.data.Movies;
import org.movierec.data.Users;
import org.movierec.report.Charts.Bars;
import org.movierec.report.Charts.Line;

/**
 * {@code movierec report data}: a self-contained HTML page exploring a MovieLens dataset. Every
 * section works from a {@link DataProfile}; a section whose columns the dataset lacks (demographics,
 * zip codes, timestamps, genres, TMDB credits) is kept with a note saying why it is left out.
 */
public final class DataReport {
    /** Section ids in page order (the browser test and the CLI help name them). */
    public static final List<String> SECTION_IDS = List.of("overview", "rating-distribution", "ratings-per-user",
            "ratings-per-movie", "month-of-year", "day-of-week", "gender", "age", "occupation", "region",
            "most-rated", "best-loved", "worst-rated", "release-decade", "genres", "activity", "directors-stars");
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final int TOP_GENRE_LINES = 8;

    /**
     * Settings of the report.
     *
     * @param minRatings a movie needs at least this many ratings to be in the best-loved and worst-rated lists;
     *                   it is also the prior weight of the Bayesian average
     * @param top        how many movies the movie lists show
     */
    public record Options(int minRatings, int top) {
        public static final Options DEFAULTS = new Options(50, 20);

        public Options {
            if (minRatings < 1) {
                throw new IllegalArgumentException("min-ratings must be at least 1, got " + minRatings);
            }
            if (top < 1 || top > 100) {
                throw new IllegalArgumentException("top must be in 1..100, got " + top);
            }
        }
    }

    private final DataProfile p;
    private final Options o;
    private final double mu;

    /** How many of a movie's cast, in billing order, count as its stars. */
    static final int STARS = 5;

    private DataReport(DataProfile p, Options o) {
        this.p = p;
        this.o = o;
        this.mu = p.meanRating();
    }

    /**
     * The whole page for a dataset; the directors and stars section needs credits on its catalogue
     * ({@link org.movierec.data.Movies#hasCredits}, joined by {@link org.movierec.data.io.TmdbCredits#join}).
     */
    public static String html(Dataset d, Options options, String generatedBy) {
        return new DataReport(DataProfile.of(d), options).page(generatedBy);
    }

    /** The sections for a profile (tests look at them directly). */
    static List<Section> sections(DataProfile p, Options options) {
        return new DataReport(p, options).sections();
    }

    String page(String generatedBy) {
        Dataset d = p.dataset;
        String subtitle = d.name() + ": " + Fmt.count(p.users) + " users, " + Fmt.count(p.movies) + " movies, "
                + Fmt.count(p.ratings) + " ratings";
        return Html.page("Data report: " + d.name(), subtitle, sections(), generatedBy);
    }

    List<Section> sections() {
        List<Section> s = new ArrayList<>();
        s.add(overview());
        s.add(ratingDistribution());
        s.add(longTail("ratings-per-user", "Ratings per user", "user", p.userCounts));
        s.add(longTail("ratings-per-movie", "Ratings per movie", "movie", p.movieCounts));
        s.add(monthOfYear());
        s.add(dayOfWeek());
        Users us = p.dataset.users();
        if (!us.hasDemographics()) {
            String why = "the dataset has no user file with demographics (ML-100k and ML-1M have one)";
            s.add(Section.leftOut("gender", "Ratings by gender", why));
            s.add(Section.leftOut("age", "Ratings by age group", why));
            s.add(Section.leftOut("occupation", "Ratings by occupation", why));
            s.add(Section.leftOut("region", "Ratings by region (ZIP code area)", why));
        } else {
            int[] gender = new int[p.users];
            int[] age = new int[p.users];
            int[] occ = new int[p.users];
            int[] region = new int[p.users];
            boolean anyZip = false;
            for (int u = 0; u < p.users; u++) {
                gender[u] = us.gender(u);
                age[u] = DataProfile.ageGroup(us.age(u));
                occ[u] = us.occupation(u) < 0 ? us.occupationVocabulary().size() : us.occupation(u);
                region[u] = DataProfile.region(us.zip(u));
                anyZip |= region[u] != 11;
            }
            List<String> occNames = new ArrayList<>(us.occupationVocabulary());
            occNames.add("unknown");
            s.add(group("gender", "Ratings by gender", "gender", Arrays.asList(DataProfile.GENDERS), gender, false));
            s.add(group("age", "Ratings by age group", "age group (years)", Arrays.asList(DataProfile.AGE_GROUPS),
                    age, false));
            s.add(group("occupation", "Ratings by occupation", "occupation", occNames, occ, true));
            s.add(anyZip
                    ? group("region", "Ratings by region (ZIP code area)", "ZIP code area (first digit: states)",
                            Arrays.asList(DataProfile.REGIONS), region, true)
                    : Section.leftOut("region", "Ratings by region (ZIP code area)", "the users have no zip codes"));
        }
        s.addAll(movieLists());
        s.add(releaseDecade());
        s.add(genres());
        s.add(activity());
        s.add(directorsAndStars());
        return s;
    }

    /**
     * The directors and cast members whose movies were rated most, when TMDB credits are joined through
     * links.csv: per person, the movies in the dataset, their ratings and the mean of those ratings.
     */
    private Section directorsAndStars() {
        String title = "Busiest directors and stars";
        Movies ms = p.dataset.movies();
        if (!ms.hasCredits()) {
            return Section.leftOut("directors-stars", title, "needs TMDB credits (director, cast) joined to the "
                    + "movies: give --tmdb FILE (TMDB API JSON, Kaggle's TMDB credits CSV, or columns tmdbId, "
                    + "director, cast)" + (ms.hasLinks() ? "" : "; this dataset has no links.csv to join them "
                    + "through either"));
        }
        Map<String, long[]> dirCounts = new HashMap<>();
        Map<String, double[]> dirSums = new HashMap<>();
        Map<String, long[]> castCounts = new HashMap<>();
        Map<String, double[]> castSums = new HashMap<>();
        int joined = 0;
        for (int m = 0; m < p.movies; m++) {
            List<String> dirs = ms.directors(m);
            List<String> cast = ms.cast(m);
            if (dirs.isEmpty() && cast.isEmpty()) {
                continue;
            }
            joined++;
            for (String name : new java.util.LinkedHashSet<>(dirs)) {
                add(dirCounts, dirSums, name, m);
            }
            for (String name : new java.util.LinkedHashSet<>(cast.subList(0, Math.min(STARS, cast.size())))) {
                add(castCounts, castSums, name, m);
            }
        }
        if (joined == 0) {
            return Section.leftOut("directors-stars", title, "no movie's TMDB id (links.csv) is in the credits file");
        }
        List<Chart> charts = new ArrayList<>();
        if (!dirCounts.isEmpty()) {
            charts.add(people("chart-directors", "Directors with the most-rated movies", "director", dirCounts, dirSums));
        }
        if (!castCounts.isEmpty()) {
            charts.add(people("chart-stars", "Cast members with the most-rated movies", "cast member", castCounts,
                    castSums));
        }
        return Section.of("directors-stars", title, "From TMDB credits joined through links.csv: " + Fmt.count(joined)
                + " of " + Fmt.count(p.movies) + " movies have a director or cast there. Every director of a movie "
                + "counts, and its first " + STARS + " billed cast members (its stars). A person's ratings are those "
                + "of all their movies; the mean is over those ratings.", charts, List.of());
    }

    /** Adds movie {@code m}'s ratings to person {@code name}: counts[0] ratings, counts[1] movies. */
    private void add(Map<String, long[]> counts, Map<String, double[]> sums, String name, int m) {
        long[] c = counts.computeIfAbsent(name, k -> new long[2]);
        c[0] += p.movieCounts[m];
        c[1]++;
        sums.computeIfAbsent(name, k -> new double[1])[0] += p.movieSums[m];
    }

    private Chart people(String id, String title, String who, Map<String, long[]> counts, Map<String, double[]> sums) {
        List<String> names = counts.keySet().stream()
                .sorted(Comparator.<String>comparingLong(n -> -counts.get(n)[0]).thenComparing(n -> n))
                .limit(o.top()).toList();
        Table.Builder t = Table.builder(title, "rank", who, "movies", "ratings", "mean rating").textColumns(2);
        List<String> cats = new ArrayList<>();
        double[] v = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            long[] c = counts.get(n);
            cats.add((j + 1) + ". " + Fmt.shorten(n, 32));
            v[j] = c[0];
            t.row(Integer.toString(j + 1), n, Fmt.count(c[1]), Fmt.count(c[0]), Fmt.mean(sums.get(n)[0], c[0]));
        }
        return Charts.bar(id, title, who, "ratings of their movies (count)", cats, List.of(Bars.of("ratings", v)),
                true, t.build());
    }

    private Section overview() {
        Table.Builder t = Table.builder("Dataset summary", "what", "value").textColumns(2);
        t.row("users", Fmt.count(p.users));
        t.row("movies", Fmt.count(p.movies));
        t.row("ratings", Fmt.count(p.ratings));
        t.row("rating scale", Fmt.star(p.scale.min()) + " to " + Fmt.star(p.scale.max()) + " stars, step "
                + Fmt.star(p.scale.step()));
        t.row("mean rating", Fmt.mean(p.ratingSum, p.ratings) + " stars");
        double cells = (double) p.users * p.movies;
        t.row("density", cells == 0 ? "-" : Fmt.pct(p.ratings, cells) + " of user x movie pairs rated");
        t.row("first rating", p.hasTime ? date(p.firstSecond) : "-");
        t.row("last rating", p.hasTime ? date(p.lastSecond) : "-");
        Users us = p.dataset.users();
        Movies ms = p.dataset.movies();
        t.row("side information", "demographics " + yes(us.hasDemographics()) + ", genres "
                + yes(!ms.genreVocabulary().isEmpty()) + ", links " + yes(ms.hasLinks()));
        return Section.of("overview", "Overview", "What the dataset holds. Times are UTC.", List.of(),
                List.of(t.build()));
    }

    private Section ratingDistribution() {
        int bins = p.ratingCounts.length;
        List<String> cats = new ArrayList<>();
        double[] v = new double[bins];
        Table.Builder t = Table.builder("Ratings per star value", "stars", "ratings", "share");
        for (int b = 0; b < bins; b++) {
            String star = Fmt.star(p.binRating(b));
            cats.add(star);
            v[b] = p.ratingCounts[b];
            t.row(star, Fmt.count(p.ratingCounts[b]), Fmt.pct(p.ratingCounts[b], p.ratings));
        }
        if (p.offScale > 0) {
            t.row("off the scale", Fmt.count(p.offScale), Fmt.pct(p.offScale, p.ratings));
        }
        Chart c = Charts.bar("chart-rating-distribution", "Rating distribution", "rating (stars)",
                "ratings (count)", cats, List.of(Bars.of("ratings", v)), false, t.build());
        return Section.of("rating-distribution", "Rating distribution",
                "How often each star value was given; mean " + Fmt.mean(p.ratingSum, p.ratings) + " stars.",
                List.of(c), List.of());
    }

    /** Rank-count plot on log-log axes plus quantiles and concentration. */
    private Section longTail(String id, String title, String who, int[] counts) {
        int n = counts.length;
        if (n == 0 || p.ratings == 0) {
            return Section.leftOut(id, title, "the dataset has no ratings");
        }
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        // Descending rank order: rank 1 is the most active.
        int positive = 0;
        for (int c : sorted) {
            if (c > 0) {
                positive++;
            }
        }
        List<double[]> pts = new ArrayList<>();
        int last = -1;
        for (int j = 0; j <= 200; j++) {
            int rank = (int) Math.round(Math.pow(Math.max(positive, 1), j / 200.0));
            if (rank <= last || rank > positive) {
                continue;
            }
            last = rank;
            pts.add(new double[] {rank, sorted[n - rank]});
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        Table.Builder data = Table.builder("Sampled points: rank and ratings of the " + who + " at that rank",
                "rank", "ratings");
        for (int j = 0; j < x.length; j++) {
            x[j] = pts.get(j)[0];
            y[j] = pts.get(j)[1];
        }
        int step = Math.max(1, x.length / 40);
        for (int j = 0; j < x.length; j += step) {
            data.row(Fmt.count((long) x[j]), Fmt.count((long) y[j]));
        }
        if ((x.length - 1) % step != 0) {
            data.row(Fmt.count((long) x[x.length - 1]), Fmt.count((long) y[x.length - 1]));
        }
        Chart c = Charts.lines("chart-" + id, title + " (long tail, log-log)", who + " rank (1 = most ratings, log scale)",
                "ratings of the " + who + " (count, log scale)", List.of(new Line(who + "s", x, y)), true, true, false,
                "#,##0", "#,##0", data.build());
        Table.Builder q = Table.builder(title + ": distribution", "statistic", "value");
        q.row(who + "s with at least one rating", Fmt.count(positive));
        q.row("minimum", Fmt.count(sorted[0]));
        for (double f : new double[] {0.1, 0.25, 0.5, 0.75, 0.9, 0.99}) {
            q.row(String.format(java.util.Locale.ROOT, "%d%% have at most", Math.round(f * 100)),
                    Fmt.count(sorted[Math.min(n - 1, (int) Math.ceil(f * n) - 1)]));
        }
        q.row("maximum", Fmt.count(sorted[n - 1]));
        q.row("mean", Fmt.dec((double) p.ratings / n, 1));
        for (double f : new double[] {0.01, 0.1, 0.2}) {
            int k = Math.max(1, (int) Math.round(f * n));
            long s = 0;
            for (int j = n - k; j < n; j++) {
                s += sorted[j];
            }
            q.row(String.format(java.util.Locale.ROOT, "share of ratings from the top %d%% (%s %ss)",
                    Math.round(f * 100), Fmt.count(k), who), Fmt.pct(s, p.ratings));
        }
        return Section.of(id, title, "Sorted from the " + who + " with the most ratings to the one with the fewest: a straight falling line on "
                + "log-log axes is a long tail.", List.of(c), List.of(q.build()));
    }

    private Section monthOfYear() {
        if (!p.hasTime) {
            return Section.leftOut("month-of-year", "Ratings by month of year", p.timeNote);
        }
        return calendar("month-of-year", "Ratings by month of year", "month (UTC)", MONTHS, p.monthCounts, p.monthSums,
                "Ratings per calendar month, all years together. Months outside the dataset's date range have none.");
    }

    private Section dayOfWeek() {
        if (!p.hasTime) {
            return Section.leftOut("day-of-week", "Ratings by day of week", p.timeNote);
        }
        return calendar("day-of-week", "Ratings by day of week", "day of week (UTC)", DAYS, p.dowCounts, p.dowSums,
                "When people rate: ratings per weekday of their timestamp, in UTC.");
    }

    private Section calendar(String id, String title, String xTitle, String[] labels, long[] counts, double[] sums,
                             String intro) {
        Table.Builder t = Table.builder(title, xTitle, "ratings", "share", "mean rating");
        double[] v = new double[labels.length];
        for (int j = 0; j < labels.length; j++) {
            v[j] = counts[j];
            t.row(labels[j], Fmt.count(counts[j]), Fmt.pct(counts[j], p.ratings), Fmt.mean(sums[j], counts[j]));
        }
        Chart c = Charts.bar("chart-" + id, title, xTitle, "ratings (count)", Arrays.asList(labels),
                List.of(Bars.of("ratings", v)), false, t.build());
        return Section.of(id, title, intro, List.of(c), List.of());
    }

    /** Users, ratings and mean rating per group of users; groups without users are left out. */
    private Section group(String id, String title, String xTitle, List<String> names, int[] groupOfUser,
                          boolean rotate) {
        int g = names.size();
        long[] usersIn = new long[g];
        long[] ratingsIn = new long[g];
        double[] sums = new double[g];
        for (int u = 0; u < p.users; u++) {
            int k = groupOfUser[u];
            usersIn[k]++;
            ratingsIn[k] += p.userCounts[u];
            sums[k] += p.userSums[u];
        }
        List<String> cats = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        Table.Builder t = Table.builder(title, xTitle, "users", "ratings", "share of ratings", "ratings per user",
                "mean rating");
        for (int k = 0; k < g; k++) {
            if (usersIn[k] == 0) {
                continue;
            }
            cats.add(names.get(k));
            counts.add((double) ratingsIn[k]);
            means.add(ratingsIn[k] == 0 ? 0 : sums[k] / ratingsIn[k]);
            t.row(names.get(k), Fmt.count(usersIn[k]), Fmt.count(ratingsIn[k]), Fmt.pct(ratingsIn[k], p.ratings),
                    Fmt.dec((double) ratingsIn[k] / usersIn[k], 1), Fmt.mean(sums[k], ratingsIn[k]));
        }
        Table table = t.build();
        Chart cc = Charts.bar("chart-" + id + "-count", title + ": number of ratings", xTitle, "ratings (count)",
                cats, List.of(Bars.of("ratings", unbox(counts))), rotate, table);
        Chart cm = Charts.bar("chart-" + id + "-mean", title + ": mean rating", xTitle, "mean rating (stars)", cats,
                List.of(Bars.of("mean rating", unbox(means))), rotate, p.scale.min() - p.scale.step(), p.scale.max(),
                table);
        return Section.of(id, title, "Users, ratings and mean rating per group.", List.of(cc, cm), List.of());
    }

    private List<Section> movieLists() {
        Movies ms = p.dataset.movies();
        int prior = o.minRatings();
        double[] bayes = new double[p.movies];
        for (int m = 0; m < p.movies; m++) {
            bayes[m] = (prior * mu + p.movieSums[m]) / (prior + p.movieCounts[m]);
        }
        Integer[] byCount = IntStream.range(0, p.movies).boxed()
                .sorted(Comparator.<Integer>comparingInt(m -> -p.movieCounts[m]).thenComparingInt(m -> m))
                .toArray(Integer[]::new);
        int[] qualified = IntStream.range(0, p.movies).filter(m -> p.movieCounts[m] >= prior).toArray();
        Integer[] best = Arrays.stream(qualified).boxed()
                .sorted(Comparator.<Integer>comparingDouble(m -> -bayes[m]).thenComparingInt(m -> m))
                .toArray(Integer[]::new);
        List<Section> out = new ArrayList<>();
        int k = Math.min(o.top(), p.movies);
        if (p.ratings == 0) {
            out.add(Section.leftOut("most-rated", "Most-rated movies", "the dataset has no ratings"));
        } else {
            out.add(movieList("most-rated", "Most-rated movies", Arrays.copyOf(byCount, k), ms, bayes, true,
                    "The " + k + " movies with the most ratings."));
        }
        String bayesNote = "Bayesian average = (" + prior + " x " + Fmt.dec(mu, 3) + " + sum of ratings) / (" + prior
                + " + ratings): the mean pulled toward the overall mean " + Fmt.dec(mu, 3) + " as if each movie had "
                + prior + " extra average ratings. Only movies with at least " + prior + " ratings ("
                + Fmt.count(qualified.length) + ").";
        if (qualified.length == 0) {
            String why = "no movie has at least " + prior + " ratings (lower it with --min-ratings)";
            out.add(Section.leftOut("best-loved", "Best-loved movies", why));
            out.add(Section.leftOut("worst-rated", "Worst-rated movies", why));
            return out;
        }
        int kb = Math.min(o.top(), best.length);
        out.add(movieList("best-loved", "Best-loved movies", Arrays.copyOf(best, kb), ms, bayes, false, bayesNote));
        Integer[] worst = new Integer[kb];
        for (int j = 0; j < kb; j++) {
            worst[j] = best[best.length - 1 - j];
        }
        out.add(movieList("worst-rated", "Worst-rated movies", worst, ms, bayes, false, bayesNote));
        return out;
    }

    private Section movieList(String id, String title, Integer[] list, Movies ms, double[] bayes, boolean byCount,
                              String intro) {
        Table.Builder t = Table.builder(title, "rank", "movie", "year", "ratings", "mean rating", "Bayesian average")
                .textColumns(2);
        List<String> cats = new ArrayList<>();
        double[] v = new double[list.length];
        for (int j = 0; j < list.length; j++) {
            int m = list[j];
            String name = ms.title(m);
            cats.add((j + 1) + ". " + Fmt.shorten(name, 32));
            v[j] = byCount ? p.movieCounts[m] : bayes[m];
            t.row(Integer.toString(j + 1), name, ms.year(m) == 0 ? "" : Integer.toString(ms.year(m)),
                    Fmt.count(p.movieCounts[m]), Fmt.mean(p.movieSums[m], p.movieCounts[m]), Fmt.dec(bayes[m], 3));
        }
        Chart c = byCount
                ? Charts.bar("chart-" + id, title, "movie", "ratings (count)", cats, List.of(Bars.of("ratings", v)),
                        true, t.build())
                : Charts.bar("chart-" + id, title, "movie", "Bayesian average rating (stars)", cats,
                        List.of(Bars.of("Bayesian average", v)), true, p.scale.min() - p.scale.step(), p.scale.max(),
                        t.build());
        return Section.of(id, title, intro, List.of(c), List.of());
    }

    private Section releaseDecade() {
        Movies ms = p.dataset.movies();
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int m = 0; m < p.movies; m++) {
            int y = ms.year(m);
            if (y > 0) {
                lo = Math.min(lo, y / 10);
                hi = Math.max(hi, y / 10);
            }
        }
        if (lo > hi) {
            return Section.leftOut("release-decade", "Ratings by release decade", "the movies have no release years");
        }
        int d = hi - lo + 1;
        long[] movies = new long[d];
        long[] counts = new long[d];
        double[] sums = new double[d];
        for (int m = 0; m < p.movies; m++) {
            int y = ms.year(m);
            if (y > 0) {
                int k = y / 10 - lo;
                movies[k]++;
                counts[k] += p.movieCounts[m];
                sums[k] += p.movieSums[m];
            }
        }
        Table.Builder t = Table.builder("Ratings by release decade", "decade", "movies", "ratings", "mean rating");
        List<String> cats = new ArrayList<>();
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            String label = (lo + k) * 10 + "s";
            cats.add(label);
            v[k] = counts[k];
            t.row(label, Fmt.count(movies[k]), Fmt.count(counts[k]), Fmt.mean(sums[k], counts[k]));
        }
        Chart c = Charts.bar("chart-release-decade", "Ratings by release decade of the movie", "release decade",
                "ratings (count)", cats, List.of(Bars.of("ratings", v)), d > 12, t.build());
        return Section.of("release-decade", "Ratings by release decade",
                "How old the rated movies are (from the year in the title).", List.of(c), List.of());
    }

    private Section genres() {
        int g = p.genreNames.size();
        if (g == 0) {
            return Section.leftOut("genres", "Genre popularity over time", "the movies have no genres");
        }
        Table.Builder t = Table.builder("Ratings per genre (a movie counts once for each of its genres)", "genre",
                "ratings", "share of ratings", "mean rating");
        List<String> cats = new ArrayList<>();
        double[] v = new double[g];
        for (int k = 0; k < g; k++) {
            cats.add(p.genreNames.get(k));
            v[k] = p.genreCounts[k];
            t.row(p.genreNames.get(k), Fmt.count(p.genreCounts[k]), Fmt.pct(p.genreCounts[k], p.ratings),
                    Fmt.mean(p.genreSums[k], p.genreCounts[k]));
        }
        List<Chart> charts = new ArrayList<>();
        charts.add(Charts.bar("chart-genres", "Ratings per genre", "genre", "ratings (count)", cats,
                List.of(Bars.of("ratings", v)), true, t.build()));
        String intro = "Which genres get rated. A movie with three genres counts once for each.";
        if (p.hasTime && p.periods() > 0) {
            int per = p.periods();
            Integer[] order = IntStream.range(0, g).boxed()
                    .sorted(Comparator.<Integer>comparingLong(k -> -p.genreCounts[k]).thenComparingInt(k -> k))
                    .toArray(Integer[]::new);
            int lines = Math.min(TOP_GENRE_LINES, g);
            double[] x = periodX();
            List<Line> ls = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            headers.add(periodName());
            for (int j = 0; j < lines; j++) {
                int k = order[j];
                double[] y = new double[per];
                for (int q = 0; q < per; q++) {
                    y[q] = p.periodCounts[q] == 0 ? 0 : 100.0 * p.genrePeriodCounts[k * per + q] / p.periodCounts[q];
                }
                ls.add(new Line(p.genreNames.get(k), x, y));
                headers.add(p.genreNames.get(k) + " (% of ratings)");
            }
            Table.Builder tt = Table.builder("Share of each period's ratings by genre (the " + lines
                    + " most-rated genres)", headers.toArray(String[]::new));
            for (int q = 0; q < per; q++) {
                Object[] row = new Object[lines + 1];
                row[0] = p.periodLabels[q];
                for (int j = 0; j < lines; j++) {
                    row[j + 1] = Fmt.pct(p.genrePeriodCounts[order[j] * per + q], p.periodCounts[q]);
                }
                tt.row(row);
            }
            charts.add(Charts.lines("chart-genres-time", "Genre popularity over time (share of ratings)",
                    periodAxis(), "share of the period's ratings (%)", ls, false, false, per <= 40, periodPattern(), "0.#",
                    tt.build()));
            intro += " Over time: each genre's share of the ratings given in that " + periodName() + ".";
        }
        return Section.of("genres", "Genre popularity over time", intro, charts, List.of());
    }

    private Section activity() {
        if (!p.hasTime) {
            return Section.leftOut("activity", "User activity over time", p.timeNote);
        }
        int per = p.periods();
        double[] x = periodX();
        double[] ratings = new double[per];
        double[] active = new double[per];
        double[] fresh = new double[per];
        Table.Builder t = Table.builder("Activity per " + periodName(), periodName(), "ratings", "mean rating",
                "active users", "new users");
        for (int q = 0; q < per; q++) {
            ratings[q] = p.periodCounts[q];
            active[q] = p.periodActiveUsers[q];
            fresh[q] = p.periodNewUsers[q];
            t.row(p.periodLabels[q], Fmt.count(p.periodCounts[q]), Fmt.mean(p.periodSums[q], p.periodCounts[q]),
                    Fmt.count(p.periodActiveUsers[q]), Fmt.count(p.periodNewUsers[q]));
        }
        Table table = t.build();
        boolean markers = per <= 40;
        Chart c1 = Charts.lines("chart-activity-ratings", "Ratings per " + periodName(), periodAxis(),
                "ratings (count per " + periodName() + ")", List.of(new Line("ratings", x, ratings)), false, false,
                markers, periodPattern(), "#,##0", table);
        Chart c2 = Charts.lines("chart-activity-users", "Active and new users per " + periodName(), periodAxis(),
                "users (count per " + periodName() + ")",
                List.of(new Line("active users (rated in the " + periodName() + ")", x, active),
                        new Line("new users (first rating)", x, fresh)), false, false, markers, periodPattern(), "#,##0",
                table);
        return Section.of("activity", "User activity over time", "Ratings, users who rated, and users who rated for "
                + "the first time, per " + periodName() + " (UTC) from " + p.periodLabels[0] + " to "
                + p.periodLabels[per - 1] + ".", List.of(c1, c2), List.of());
    }

    /** x of each period: months as fractional years (1997.67 = September 1997), years as years. */
    private double[] periodX() {
        int per = p.periods();
        double[] x = new double[per];
        int first = Integer.parseInt(p.periodLabels[0].substring(0, 4));
        for (int q = 0; q < per; q++) {
            if (p.monthlyPeriods) {
                int month = Integer.parseInt(p.periodLabels[q].substring(5, 7));
                int year = Integer.parseInt(p.periodLabels[q].substring(0, 4));
                x[q] = year + (month - 1) / 12.0;
            } else {
                x[q] = first + q;
            }
        }
        return x;
    }

    private String periodPattern() {
        return p.monthlyPeriods ? "0.0#" : "0";
    }

    private String periodName() {
        return p.monthlyPeriods ? "month" : "year";
    }

    private String periodAxis() {
        return p.monthlyPeriods ? "time (year + month/12, UTC)" : "year (UTC)";
    }

    private static double[] unbox(List<Double> v) {
        double[] out = new double[v.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = v.get(j);
        }
        return out;
    }

    private static String date(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
