package org.movierec.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Summary statistics of a {@link Dataset}, as shown by {@code movierec data info}.
 *
 * <ul>
 *   <li>sparsity {@code = 1 - ratings / (users * movies)}, the fraction of the user x movie matrix with no
 *       rating (1 when the matrix has no cells);</li>
 *   <li>the rating histogram has one bin per value of the {@link RatingScale} ({@code min, min+step, ..., max});
 *       ratings off that grid are counted in {@code offScaleRatings} instead; a scale of more than
 *       {@value #MAX_BINS} values (implicit weights, fine decimals) has no bins, all its values are off-grid;</li>
 *   <li>ratings per user and per movie count every user and movie of the dataset, including those with no
 *       rating (a cold-start movie contributes a 0);</li>
 *   <li>dates are the UTC calendar days of the first and last timestamps (seconds since the epoch).</li>
 * </ul>
 *
 * @param name              the dataset's name
 * @param users             number of users
 * @param movies            number of movies
 * @param ratings           number of ratings
 * @param scale             the rating scale
 * @param histogram         ratings per scale value, in increasing rating order
 * @param offScaleRatings   ratings that are not a value of the scale
 * @param meanRating        mean of all ratings (0 when there are none)
 * @param sparsity          {@code 1 - ratings / (users * movies)}
 * @param ratingsPerUser    distribution of the number of ratings per user
 * @param ratingsPerMovie   distribution of the number of ratings per movie
 * @param firstDate         UTC date of the earliest rating, or null without ratings
 * @param lastDate          UTC date of the latest rating, or null without ratings
 * @param sideInformation   which side information the dataset carries
 */
public record DatasetStats(String name, int users, int movies, long ratings, RatingScale scale,
                           List<Bin> histogram, long offScaleRatings, double meanRating, double sparsity,
                           Distribution ratingsPerUser, Distribution ratingsPerMovie,
                           LocalDate firstDate, LocalDate lastDate, SideInformation sideInformation) {

    /** The most histogram bins; a finer scale has none (see {@link #of(Dataset, long)}). */
    public static final int MAX_BINS = 100;

    /**
     * Statistics as computed by {@link #of(Dataset, long)}; the histogram is copied.
     *
     * @param name            the dataset's name
     * @param users           number of users
     * @param movies          number of movies
     * @param ratings         number of ratings
     * @param scale           the rating scale
     * @param histogram       ratings per scale value, in increasing rating order
     * @param offScaleRatings ratings that are not a value of the scale
     * @param meanRating      mean of all ratings
     * @param sparsity        {@code 1 - ratings / (users * movies)}
     * @param ratingsPerUser  distribution of the number of ratings per user
     * @param ratingsPerMovie distribution of the number of ratings per movie
     * @param firstDate       UTC date of the earliest rating, or null
     * @param lastDate        UTC date of the latest rating, or null
     * @param sideInformation which side information the dataset carries
     */
    public DatasetStats {
        histogram = List.copyOf(histogram);
    }

    /**
     * One histogram bin: how many ratings equal {@code rating}.
     *
     * @param rating a rating value on the dataset's scale
     * @param count  the number of ratings with that value, at least 0
     */
    public record Bin(float rating, long count) {
    }

    /**
     * Minimum, median, maximum and mean of a list of counts. The median of an even number of values is the mean
     * of the two middle ones (so it may end in .5); of an odd number, the middle one; of none, 0.
     *
     * @param min    the smallest count (0 for none)
     * @param median the median count
     * @param max    the largest count (0 for none)
     * @param mean   the mean count (0 for none)
     */
    public record Distribution(int min, double median, int max, double mean) {
        /**
         * The distribution of {@code counts} (sorts a copy; the argument is not modified).
         *
         * @param counts one count per user or movie, may be empty
         * @return min, median, max and mean (all 0 for no counts)
         */
        public static Distribution of(int[] counts) {
            int n = counts.length;
            if (n == 0) {
                return new Distribution(0, 0, 0, 0);
            }
            int[] s = counts.clone();
            Arrays.sort(s);
            double median = (n & 1) == 1 ? s[n / 2] : (s[n / 2 - 1] + (double) s[n / 2]) / 2;
            long sum = 0;
            for (int c : s) {
                sum += c;
            }
            return new Distribution(s[0], median, s[n - 1], (double) sum / n);
        }
    }

    /**
     * Which side information is present: user demographics (age, gender, occupation, zip), movie genres, release
     * years (any movie with a known year), release dates (ML-100k), IMDb/TMDB links, TMDB credits joined to the
     * movies ({@code --tmdb}), and the number of tags (0 without a tags file).
     *
     * @param demographics whether users have age, gender, occupation and zip code
     * @param genres       whether movies have genres
     * @param years        whether any movie has a known release year
     * @param releaseDates whether any movie has a release date
     * @param links        whether movies have IMDb/TMDB links
     * @param credits      how many movies have a director or cast joined, 0 without credits
     * @param tags         the number of tags, 0 without a tags file
     */
    public record SideInformation(boolean demographics, boolean genres, boolean years, boolean releaseDates,
                                  boolean links, int credits, long tags) {
    }

    /**
     * Computes the statistics of a dataset without tags.
     *
     * @param d the dataset
     * @return its statistics, with a tag count of 0
     */
    public static DatasetStats of(Dataset d) {
        return of(d, 0);
    }

    /**
     * Computes the statistics in a few passes over the primitive columns.
     *
     * @param d    the dataset
     * @param tags the number of tags read beside it (0 without a tags file)
     * @return its statistics
     */
    public static DatasetStats of(Dataset d, long tags) {
        Interactions in = d.interactions();
        RatingScale scale = d.ratingScale();
        int n = in.size();
        float[] r = in.ratingsArray();
        long[] t = in.timestampsArray();

        double grid = Math.round((scale.max() - scale.min()) / (double) scale.step()) + 1;
        // A fine grid (implicit weights, ratings with many decimals) gets no histogram: all values count as off-grid.
        int bins = grid > MAX_BINS ? 0 : (int) grid;
        long[] counts = new long[bins];
        long off = 0;
        double sum = 0;
        long tMin = Long.MAX_VALUE;
        long tMax = Long.MIN_VALUE;
        for (int p = 0; p < n; p++) {
            float v = r[p];
            sum += v;
            double k = (v - scale.min()) / (double) scale.step();
            long b = Math.round(k);
            if (b >= 0 && b < bins && Math.abs(k - b) < 1e-4) {
                counts[(int) b]++;
            } else {
                off++;
            }
            tMin = Math.min(tMin, t[p]);
            tMax = Math.max(tMax, t[p]);
        }
        List<Bin> histogram = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            histogram.add(new Bin((float) (scale.min() + b * (double) scale.step()), counts[b]));
        }

        int nu = d.numUsers();
        int nm = d.numItems();
        int[] perUser = new int[nu];
        for (int u = 0; u < nu; u++) {
            perUser[u] = in.userCount(u);
        }
        double cells = (double) nu * nm;
        double sparsity = cells == 0 ? 1 : 1 - n / cells;

        Movies movies = d.movies();
        boolean genres = false;
        boolean years = false;
        for (int m = 0; m < nm && !(genres && years); m++) {
            genres |= movies.genreBits(m) != 0;
            years |= movies.year(m) != 0;
        }
        boolean dates = false;
        for (int m = 0; m < nm && !dates; m++) {
            dates = movies.releaseDay(m) != Movies.UNKNOWN_DAY;
        }
        SideInformation side = new SideInformation(d.users().hasDemographics(), genres
                && !movies.genreVocabulary().isEmpty(), years, dates, movies.hasLinks(), movies.creditedMovies(), tags);

        return new DatasetStats(d.name(), nu, nm, n, scale, histogram, off, n == 0 ? 0 : sum / n, sparsity,
                Distribution.of(perUser), Distribution.of(in.itemCounts()),
                n == 0 ? null : day(tMin), n == 0 ? null : day(tMax), side);
    }

    private static LocalDate day(long epochSeconds) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    /**
     * The statistics as a JSON object with lower-case snake_case keys: {@code name, users, movies, ratings,
     * rating_scale{min,max,step}, rating_histogram[{rating,count}], off_scale_ratings, mean_rating, sparsity,
     * ratings_per_user{min,median,max,mean}, ratings_per_movie{...}, date_range{first,last}} (ISO dates, null
     * without ratings) and {@code side_information{demographics,genres,years,release_dates,links,credits,tags}}.
     *
     * @return a new JSON object
     */
    public ObjectNode toJsonTree() {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("name", name);
        o.put("users", users);
        o.put("movies", movies);
        o.put("ratings", ratings);
        ObjectNode sc = o.putObject("rating_scale");
        sc.put("min", (double) scale.min());
        sc.put("max", (double) scale.max());
        sc.put("step", (double) scale.step());
        ArrayNode h = o.putArray("rating_histogram");
        for (Bin b : histogram) {
            h.addObject().put("rating", (double) b.rating()).put("count", b.count());
        }
        o.put("off_scale_ratings", offScaleRatings);
        o.put("mean_rating", meanRating);
        o.put("sparsity", sparsity);
        distribution(o.putObject("ratings_per_user"), ratingsPerUser);
        distribution(o.putObject("ratings_per_movie"), ratingsPerMovie);
        ObjectNode dr = o.putObject("date_range");
        dr.put("first", firstDate == null ? null : firstDate.toString());
        dr.put("last", lastDate == null ? null : lastDate.toString());
        ObjectNode si = o.putObject("side_information");
        si.put("demographics", sideInformation.demographics());
        si.put("genres", sideInformation.genres());
        si.put("years", sideInformation.years());
        si.put("release_dates", sideInformation.releaseDates());
        si.put("links", sideInformation.links());
        si.put("credits", sideInformation.credits());
        si.put("tags", sideInformation.tags());
        return o;
    }

    /**
     * The statistics as indented JSON text.
     *
     * @return {@link #toJsonTree()} pretty-printed
     */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of plain values", e);
        }
    }

    private static void distribution(ObjectNode o, Distribution d) {
        o.put("min", d.min());
        o.put("median", d.median());
        o.put("max", d.max());
        o.put("mean", d.mean());
    }
}
