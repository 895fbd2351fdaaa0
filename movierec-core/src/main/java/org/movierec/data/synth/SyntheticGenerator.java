package org.movierec.data.synth;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.movierec.data.Dataset;
import org.movierec.data.IdIndex;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.RatingScale;
import org.movierec.data.Users;

/**
 * Generates MovieLens-like data with a planted answer, so that learning tests know what a model
 * should find and scale tests need no download.
 *
 * <p>The model behind the data: every movie has genres and a latent vector
 * {@code q_i = sum of its genres' centroids / #genres + noise}; every user a latent vector
 * {@code p_u = centroid of their occupation + noise}, a bias, and an age and gender. The
 * <em>affinity</em> of a user for a movie is {@code z_ui = p_u . q_i / s}, where {@code s} is the
 * root mean square of {@code p_u . q_i} over all pairs (so {@code z} has unit scale whatever the rank).
 *
 * <p><b>Which movies a user rates</b> depends on popularity and on taste, as people mostly watch what
 * they expect to like: a candidate is drawn from a Zipf-like popularity skew (exponent
 * {@code popularitySkew}) and kept with probability {@code 1 / (1 + exp(-tasteSkew * z_ui))}
 * (0.5 for every movie when {@code tasteSkew} is 0, the popularity-only choice). How many movies, a
 * log-normal activity skew with a floor of {@code minRatingsPerUser}.
 *
 * <p><b>The rating</b> is {@code mu + b_u + b_i + 1.25 z_ui} plus Gaussian noise, rounded to the
 * scale's grid and clipped. Users also rate popular movies they turn out not to like, so the ratings
 * spread over the whole scale: {@code Config.of(943, 1682, 100_000, 42)} gives 4% ones, 14% twos,
 * 27% threes, 29% fours and 27% fives, mean 3.60, standard deviation 1.14 (ML-100k: 6, 11, 27, 34,
 * 21%, mean 3.53, sd 1.13); with {@code tasteSkew} 0 the mean falls to 3.05. The returned truth has the factors
 * scaled so that the rating is exactly {@code mean + b_u + b_i + p_u . q_i} before noise.
 *
 * <p>Timestamps are spread over a per-user window between 1997 and 2018. Everything is drawn from one
 * {@link SplittableRandom} seeded by {@code seed}.
 */
public final class SyntheticGenerator {
    static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
            "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
            "Thriller", "War", "Western");
    static final List<String> OCCUPATIONS = List.of("administrator", "artist", "doctor", "educator", "engineer",
            "entertainment", "executive", "healthcare", "homemaker", "lawyer", "librarian", "marketing", "none",
            "other", "programmer", "retired", "salesman", "scientist", "student", "technician", "writer");
    private static final long T0 = 852076800L; // 1997-01-01
    private static final long T1 = 1514764800L; // 2018-01-01
    /** Stars per unit of affinity in the true rating. */
    private static final double TASTE = 1.25;
    /** {@code mu} of the true rating (the observed mean is higher: users pick movies they like). */
    private static final float MEAN = 3.05f;

    /** How strongly taste drives which movies a user rates, unless a config says otherwise. */
    public static final double DEFAULT_TASTE_SKEW = 2.0;

    /**
     * @param users             number of users
     * @param movies            number of movies
     * @param ratings           target number of ratings (met exactly unless the catalogue is too small)
     * @param factors           rank of the planted latent structure
     * @param noise             standard deviation of the rating noise, in stars
     * @param popularitySkew    Zipf exponent of movie popularity (0 = uniform)
     * @param tasteSkew         how strongly affinity decides which movies a user rates (0 = popularity only)
     * @param minRatingsPerUser floor on ratings per user
     * @param halfStars         half-star scale 0.5..5 (CSV datasets) instead of whole stars 1..5
     * @param seed              random seed
     */
    public record Config(int users, int movies, long ratings, int factors, double noise, double popularitySkew,
                         double tasteSkew, int minRatingsPerUser, boolean halfStars, long seed) {
        /**
         * Checks the ranges.
         *
         * @param users             number of users, at least 1
         * @param movies            number of movies, at least 2
         * @param ratings           target number of ratings, from {@code users} to half of {@code users * movies}
         * @param factors           rank of the planted latent structure, at least 1
         * @param noise             standard deviation of the rating noise in stars, at least 0
         * @param popularitySkew    Zipf exponent of movie popularity, at least 0
         * @param tasteSkew         how strongly affinity decides which movies a user rates, at least 0
         * @param minRatingsPerUser floor on ratings per user, at least 1
         * @param halfStars         half-star scale 0.5..5 instead of whole stars 1..5
         * @param seed              random seed
         * @throws IllegalArgumentException naming every value when one is out of range
         */
        public Config {
            if (users < 1 || movies < 2 || ratings < users || factors < 1 || !(noise >= 0) || !(popularitySkew >= 0)
                    || !(tasteSkew >= 0) || minRatingsPerUser < 1) {
                // (the fields are not assigned yet in a compact constructor: name the parameters)
                throw new IllegalArgumentException("invalid synthetic config users=" + users + ", movies=" + movies
                        + ", ratings=" + ratings + ", factors=" + factors + ", noise=" + noise + ", popularitySkew="
                        + popularitySkew + ", tasteSkew=" + tasteSkew + ", minRatingsPerUser=" + minRatingsPerUser
                        + " (need users >= 1, movies >= 2, ratings >= users, factors >= 1, noise, popularitySkew"
                        + " and tasteSkew >= 0, minRatingsPerUser >= 1)");
            }
            if (ratings > (long) users * movies / 2) {
                throw new IllegalArgumentException("ratings " + ratings + " exceed half of users x movies ("
                        + (long) users * movies / 2 + "); the generator keeps the matrix sparse");
            }
            if (ratings > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 16) + " ratings");
            }
        }

        /**
         * A config with the default taste skew ({@link #DEFAULT_TASTE_SKEW}).
         *
         * @param users             number of users, at least 1
         * @param movies            number of movies, at least 2
         * @param ratings           target number of ratings, from {@code users} to half of {@code users * movies}
         * @param factors           rank of the planted latent structure, at least 1
         * @param noise             standard deviation of the rating noise in stars, at least 0
         * @param popularitySkew    Zipf exponent of movie popularity, at least 0
         * @param minRatingsPerUser floor on ratings per user, at least 1
         * @param halfStars         half-star scale 0.5..5 instead of whole stars 1..5
         * @param seed              random seed
         * @throws IllegalArgumentException naming every value when one is out of range
         */
        public Config(int users, int movies, long ratings, int factors, double noise, double popularitySkew,
                      int minRatingsPerUser, boolean halfStars, long seed) {
            this(users, movies, ratings, factors, noise, popularitySkew, DEFAULT_TASTE_SKEW, minRatingsPerUser,
                    halfStars, seed);
        }

        /**
         * Defaults shaped like ML-100k for the given size: rank 8, noise 0.6 stars, popularity skew 0.8,
         * the default taste skew, at least {@code min(5, ratings / users)} ratings per user, whole stars.
         *
         * @param users   number of users, at least 1
         * @param movies  number of movies, at least 2
         * @param ratings target number of ratings, from {@code users} to half of {@code users * movies}
         * @param seed    random seed
         * @return the config
         * @throws IllegalArgumentException when a size is out of range
         */
        public static Config of(int users, int movies, long ratings, long seed) {
            return new Config(users, movies, ratings, 8, 0.6, 0.8, Math.min(5, (int) (ratings / users)), false, seed);
        }

        /**
         * This config on another scale.
         *
         * @param half true for half stars 0.5..5 (as in the CSV releases), false for whole stars 1..5
         * @return a new config
         */
        public Config withHalfStars(boolean half) {
            return new Config(users, movies, ratings, factors, noise, popularitySkew, tasteSkew, minRatingsPerUser,
                    half, seed);
        }

        /**
         * This config with another taste skew (see the class comment).
         *
         * @param skew at least 0; 0 makes the choice of movies depend on popularity only
         * @return a new config
         * @throws IllegalArgumentException when {@code skew} is negative
         */
        public Config withTasteSkew(double skew) {
            return new Config(users, movies, ratings, factors, noise, popularitySkew, skew, minRatingsPerUser,
                    halfStars, seed);
        }
    }

    /**
     * The generated dataset together with the planted parameters (for tests that check recovery). Arrays
     * are indexed by dense user or movie index and are not copied.
     *
     * @param dataset     the generated dataset
     * @param userFactors the true user factors {@code p_u}, one row per user
     * @param itemFactors the true movie factors {@code q_i}, one row per movie, scaled so that the rating
     *                    before noise is exactly {@code mean + b_u + b_i + p_u . q_i}
     * @param userBias    the true user biases {@code b_u}, in stars
     * @param itemBias    the true movie biases {@code b_i}, in stars
     * @param mean        the true global offset {@code mu}, in stars (the observed mean rating is higher)
     */
    public record Result(Dataset dataset, float[][] userFactors, float[][] itemFactors, float[] userBias,
                         float[] itemBias, float mean) {
    }

    private SyntheticGenerator() {
    }

    /**
     * Generates a dataset; the same config (seed included) always gives the same dataset.
     *
     * @param c the config
     * @return a dataset named {@code synthetic-USERSxMOVIES-seedSEED}, with demographics, genres, years and
     *         timestamps
     */
    public static Dataset generate(Config c) {
        return generateWithTruth(c).dataset();
    }

    /**
     * Generates a dataset together with its planted parameters (for tests that check recovery).
     *
     * @param c the config
     * @return the dataset and the truth behind it
     */
    public static Result generateWithTruth(Config c) {
        SplittableRandom rnd = new SplittableRandom(c.seed());
        int nu = c.users();
        int nm = c.movies();
        int k = c.factors();
        float scale = (float) (0.9 / Math.sqrt(k));

        // Genre and occupation centroids in latent space.
        float[][] genreCentroid = gaussianMatrix(rnd, GENRES.size(), k, 1.0f);
        float[][] occCentroid = gaussianMatrix(rnd, OCCUPATIONS.size(), k, 0.6f);

        // Movies.
        long[] genreBits = new long[nm];
        int[] years = new int[nm];
        String[] titles = new String[nm];
        float[][] q = new float[nm][k];
        float[] bi = new float[nm];
        for (int i = 0; i < nm; i++) {
            int ng = 1 + (rnd.nextDouble() < 0.45 ? 1 : 0) + (rnd.nextDouble() < 0.15 ? 1 : 0);
            long bits = 0;
            for (int g = 0; g < ng; g++) {
                bits |= 1L << rnd.nextInt(GENRES.size());
            }
            genreBits[i] = bits;
            int cnt = Long.bitCount(bits);
            for (int g = 0; g < GENRES.size(); g++) {
                if ((bits & (1L << g)) != 0) {
                    for (int f = 0; f < k; f++) {
                        q[i][f] += genreCentroid[g][f] / cnt;
                    }
                }
            }
            for (int f = 0; f < k; f++) {
                q[i][f] = (q[i][f] + (float) rnd.nextGaussian() * 0.7f) * scale;
            }
            bi[i] = (float) (rnd.nextGaussian() * 0.45);
            years[i] = 1930 + (int) Math.min(87, Math.abs(rnd.nextGaussian() * 25));
            years[i] = 2017 - (years[i] - 1930);
            titles[i] = "Synthetic Movie " + (i + 1) + " (" + years[i] + ")";
        }

        // Users.
        int[] ages = new int[nu];
        byte[] genders = new byte[nu];
        int[] occ = new int[nu];
        String[] zips = new String[nu];
        float[][] p = new float[nu][k];
        float[] bu = new float[nu];
        for (int u = 0; u < nu; u++) {
            occ[u] = rnd.nextInt(OCCUPATIONS.size());
            ages[u] = 15 + (int) Math.min(55, Math.abs(rnd.nextGaussian() * 14) + rnd.nextInt(10));
            genders[u] = rnd.nextDouble() < 0.71 ? Users.GENDER_MALE : Users.GENDER_FEMALE;
            zips[u] = String.format("%05d", rnd.nextInt(100000));
            for (int f = 0; f < k; f++) {
                p[u][f] = (occCentroid[occ[u]][f] + (float) rnd.nextGaussian() * 0.8f) * scale;
            }
            bu[u] = (float) (rnd.nextGaussian() * 0.35 + (genders[u] == Users.GENDER_FEMALE ? 0.05 : 0));
        }

        // How many ratings each user gives: log-normal weights scaled to the target, floored.
        int[] perUser = allocate(rnd, nu, nm, c.ratings(), c.minRatingsPerUser());
        long total = 0;
        for (int n : perUser) {
            total += n;
        }

        // Popularity: a random permutation of movies gets Zipf weights; cumulative table for sampling.
        int[] order = new int[nm];
        for (int i = 0; i < nm; i++) {
            order[i] = i;
        }
        for (int i = nm - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] cum = new double[nm];
        double acc = 0;
        for (int r = 0; r < nm; r++) {
            acc += 1.0 / Math.pow(r + 1, c.popularitySkew());
            cum[r] = acc;
        }

        // Affinity scale: the root mean square of p_u . q_i over all pairs, from the factors' Gram
        // matrices (mean of (p.q)^2 = sum_fg (P'P)_fg (Q'Q)_fg / (nu nm)); then q is rescaled so that
        // p_u . q_i = TASTE * z_ui, the taste term of the rating in stars.
        double rms = Math.sqrt(gramProduct(p, q, k) / ((double) nu * nm));
        float toStars = (float) (TASTE / (rms > 0 ? rms : 1));
        for (float[] row : q) {
            for (int f = 0; f < k; f++) {
                row[f] *= toStars;
            }
        }
        double tasteSkew = c.tasteSkew() / TASTE;

        RatingScale rs = c.halfStars() ? RatingScale.HALF_STARS : RatingScale.WHOLE_STARS;
        float mu = MEAN;
        Interactions.Builder b = new Interactions.Builder(nu, nm, (int) total);
        int[] mark = new int[nm];
        Arrays.fill(mark, -1);
        for (int u = 0; u < nu; u++) {
            long start = T0 + (long) (rnd.nextDouble() * (T1 - T0) * 0.9);
            long span = 86400L * (1 + rnd.nextInt(400));
            int want = perUser[u];
            int got = 0;
            int tries = 0;
            float[] pu = p[u];
            while (got < want) {
                int i;
                boolean fallback = tries++ >= want * 40;
                if (!fallback) {
                    double x = rnd.nextDouble() * acc;
                    int r = Arrays.binarySearch(cum, x);
                    i = order[r >= 0 ? r : Math.min(nm - 1, -r - 1)];
                } else {
                    i = rnd.nextInt(nm); // heavy users of a small catalogue: fall back to uniform
                }
                if (mark[i] == u) {
                    continue;
                }
                double dot = 0;
                for (int f = 0; f < k; f++) {
                    dot += pu[f] * q[i][f];
                }
                // Kept with probability sigmoid(tasteSkew z): one uniform draw per candidate.
                double keep = rnd.nextDouble();
                if (!fallback && keep * (1 + Math.exp(-tasteSkew * dot)) > 1) {
                    continue;
                }
                mark[i] = u;
                double truth = mu + bu[u] + bi[i] + dot;
                double noisy = truth + rnd.nextGaussian() * c.noise();
                float rating = rs.clip(rs.min() + Math.rint((noisy - rs.min()) / rs.step()) * rs.step());
                long ts = start + (long) (rnd.nextDouble() * span);
                b.add(u, i, rating, ts);
                got++;
            }
        }
        Interactions interactions = b.build(false);

        Users users = Users.withDemographics(IdIndex.sequential(nu), ages, genders, occ, OCCUPATIONS, zips);
        Movies movies = new Movies(IdIndex.sequential(nm), titles, years, genreBits, GENRES, null, null);
        Dataset d = new Dataset("synthetic-" + nu + "x" + nm + "-seed" + c.seed(), users, movies, interactions, rs);
        return new Result(d, p, q, bu, bi, mu);
    }

    /** {@code sum_fg (P'P)_fg (Q'Q)_fg}: the sum of {@code (p_u . q_i)^2} over all pairs. */
    private static double gramProduct(float[][] p, float[][] q, int k) {
        double[] pp = gram(p, k);
        double[] qq = gram(q, k);
        double s = 0;
        for (int x = 0; x < k * k; x++) {
            s += pp[x] * qq[x];
        }
        return s;
    }

    private static double[] gram(float[][] rows, int k) {
        double[] g = new double[k * k];
        for (float[] r : rows) {
            for (int f = 0; f < k; f++) {
                for (int h = 0; h < k; h++) {
                    g[f * k + h] += (double) r[f] * r[h];
                }
            }
        }
        return g;
    }

    private static float[][] gaussianMatrix(SplittableRandom rnd, int rows, int cols, float sd) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) rnd.nextGaussian() * sd;
            }
        }
        return m;
    }

    /** Ratings per user summing to {@code target}, each in [floor, movies/2]. */
    private static int[] allocate(SplittableRandom rnd, int nu, int nm, long target, int floor) {
        double[] w = new double[nu];
        double sw = 0;
        for (int u = 0; u < nu; u++) {
            w[u] = Math.exp(rnd.nextGaussian() * 0.9);
            sw += w[u];
        }
        int cap = Math.max(floor, nm / 2);
        long spare = target - (long) floor * nu;
        int[] n = new int[nu];
        long sum = 0;
        for (int u = 0; u < nu; u++) {
            n[u] = (int) Math.min(cap, floor + Math.floor(spare * w[u] / sw));
            sum += n[u];
        }
        // Hand out the remainder one by one to users below the cap, round robin from a random start.
        int u = rnd.nextInt(nu);
        int guard = 0;
        while (sum < target && guard < 4 * nu + 64) {
            if (n[u] < cap) {
                n[u]++;
                sum++;
                guard = 0;
            } else {
                guard++;
            }
            u = (u + 1) % nu;
        }
        return n;
    }
}
