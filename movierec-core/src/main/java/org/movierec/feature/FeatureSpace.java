package org.movierec.feature;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;
import org.movierec.data.Movies;
import org.movierec.data.Users;

/**
 * Maps a (user, movie) pair to a sparse feature vector {@code x} of (index, value) pairs over a
 * fixed dimension, as used by factorization machines (Rendle, "Factorization Machines with libFM",
 * TIST 2012, section 2) and the neural models that embed the same blocks.
 *
 * <p>The vector is the concatenation of the enabled {@link Block}s, each occupying a contiguous
 * index range ({@link #offset(Block)} .. {@code + }{@link #size(Block)}):
 * <ul>
 *   <li>{@code USER}, {@code MOVIE}: one-hot dense index, value 1;</li>
 *   <li>{@code GENRES}: multi-hot over the genre vocabulary, each value {@code 1/#genres} so the block sums to 1;</li>
 *   <li>{@code AGE}: one-hot bucket {@code <18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+} (the ML-1M
 *       codes; ML-100k ages in years fall in the same buckets);</li>
 *   <li>{@code GENDER}: one-hot male/female; {@code OCCUPATION}: one-hot over the vocabulary;</li>
 *   <li>{@code YEAR}: one-hot release decade, {@code <1930}, 1930s .. 2010s, {@code >=2020};</li>
 *   <li>{@code IMPLICIT}: the movies the user rated in the training data, each with value
 *       {@code 1/sqrt(|N(u)|)}: the implicit-feedback block that makes an FM mimic SVD++
 *       (Rendle 2012, section 2.2; Koren 2008).</li>
 * </ul>
 * An unknown attribute (age -1, gender unknown, occupation -1, year 0, no genres, no training
 * ratings) contributes no entry, so cold users and movies are still described by what is known.
 *
 * <p>Blocks are <em>user-side</em> (USER, AGE, GENDER, OCCUPATION, IMPLICIT) or <em>movie-side</em>
 * (MOVIE, GENRES, YEAR): {@link #encode} writes the user part first, then the movie part, so a
 * caller can encode each side once and reuse it ({@link #userFeatures}, {@link #movieFeatures}).
 *
 * <p>Immutable and thread-safe. Callers pass the output buffers (sized by {@link #maxUserNnz()} and
 * {@link #maxMovieNnz()}), so encoding allocates nothing.
 */
public final class FeatureSpace {
    /** A block of features; {@link #userSide()} says which entity it describes. */
    public enum Block {
        USER(true), MOVIE(false), GENRES(false), AGE(true), GENDER(true), OCCUPATION(true), YEAR(false),
        IMPLICIT(true);

        private final boolean userSide;

        Block(boolean userSide) {
            this.userSide = userSide;
        }

        public boolean userSide() {
            return userSide;
        }
    }

    /** All blocks except the (costly) implicit one. */
    public static final Set<Block> SIDE_FEATURES = EnumSet.of(Block.USER, Block.MOVIE, Block.GENRES, Block.AGE,
            Block.GENDER, Block.OCCUPATION, Block.YEAR);

    static final int AGE_BUCKETS = 7;
    static final int YEAR_BUCKETS = 11;

    private final EnumSet<Block> blocks;
    private final int[] offsets = new int[Block.values().length];
    private final int[] sizes = new int[Block.values().length];
    private final int dimension;
    private final Users users;
    private final Movies movies;
    private final Interactions train;
    private final int maxUserNnz;
    private final int maxMovieNnz;

    private FeatureSpace(Set<Block> blocks, Dataset train) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a feature space needs at least one block");
        }
        this.blocks = EnumSet.copyOf(blocks);
        this.users = train.users();
        this.movies = train.movies();
        this.train = train.interactions();
        int d = 0;
        for (Block b : Block.values()) {
            offsets[b.ordinal()] = d;
            if (this.blocks.contains(b)) {
                sizes[b.ordinal()] = blockSize(b);
                d += sizes[b.ordinal()];
            }
        }
        this.dimension = d;
        int maxImplicit = 0;
        if (this.blocks.contains(Block.IMPLICIT)) {
            for (int u = 0; u < users.size(); u++) {
                maxImplicit = Math.max(maxImplicit, this.train.userCount(u));
            }
        }
        this.maxUserNnz = count(Block.USER) + count(Block.AGE) + count(Block.GENDER) + count(Block.OCCUPATION)
                + maxImplicit;
        this.maxMovieNnz = count(Block.MOVIE) + (has(Block.GENRES) ? movies.genreVocabulary().size() : 0)
                + count(Block.YEAR);
    }

    /**
     * The feature space of the given blocks over {@code train}'s users and movies; the implicit
     * block uses {@code train}'s interactions.
     */
    public static FeatureSpace of(Set<Block> blocks, Dataset train) {
        return new FeatureSpace(blocks, train);
    }

    /**
     * Parses a list of block names separated by commas or plus signs (case-insensitive), e.g.
     * {@code "user,movie,genres"} or {@code "side+implicit"}; {@code "all"} means every block, {@code "side"} {@link #SIDE_FEATURES}.
     */
    public static EnumSet<Block> parseBlocks(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty feature block list; valid blocks: " + EnumSet.allOf(Block.class));
        }
        EnumSet<Block> out = EnumSet.noneOf(Block.class);
        for (String part : spec.split("[,+]")) {
            String p = part.trim().toUpperCase(Locale.ROOT);
            if (p.equals("ALL")) {
                out.addAll(EnumSet.allOf(Block.class));
            } else if (p.equals("SIDE")) {
                out.addAll(SIDE_FEATURES);
            } else {
                try {
                    out.add(Block.valueOf(p));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown feature block '" + part.trim() + "'; valid: "
                            + EnumSet.allOf(Block.class) + ", all, side");
                }
            }
        }
        return out;
    }

    private int count(Block b) {
        return has(b) ? 1 : 0;
    }

    private int blockSize(Block b) {
        return switch (b) {
            case USER -> users.size();
            case MOVIE, IMPLICIT -> movies.size();
            case GENRES -> movies.genreVocabulary().size();
            case AGE -> AGE_BUCKETS;
            case GENDER -> 2;
            case OCCUPATION -> users.occupationVocabulary().size();
            case YEAR -> YEAR_BUCKETS;
        };
    }

    public boolean has(Block b) {
        return blocks.contains(b);
    }

    public Set<Block> blocks() {
        return EnumSet.copyOf(blocks);
    }

    /** Total number of features. */
    public int dimension() {
        return dimension;
    }

    /** First index of a block (meaningful only when {@link #has} it). */
    public int offset(Block b) {
        return offsets[b.ordinal()];
    }

    /** Number of indices of a block (0 when disabled). */
    public int size(Block b) {
        return sizes[b.ordinal()];
    }

    /** The block a feature index belongs to. */
    public Block blockOf(int index) {
        if (index < 0 || index >= dimension) {
            throw new IllegalArgumentException("feature index " + index + " outside 0.." + (dimension - 1));
        }
        for (Block b : Block.values()) {
            int o = offsets[b.ordinal()];
            if (sizes[b.ordinal()] > 0 && index >= o && index < o + sizes[b.ordinal()]) {
                return b;
            }
        }
        throw new AssertionError(index);
    }

    public int numUsers() {
        return users.size();
    }

    public int numMovies() {
        return movies.size();
    }

    /** Largest number of entries {@link #userFeatures} writes. */
    public int maxUserNnz() {
        return maxUserNnz;
    }

    /** Largest number of entries {@link #movieFeatures} writes. */
    public int maxMovieNnz() {
        return maxMovieNnz;
    }

    /** Age bucket (see the class comment) of an age in years or an ML-1M age code, or -1 if unknown. */
    public static int ageBucket(int age) {
        if (age < 0) {
            return -1;
        } else if (age < 18) {
            return 0;
        } else if (age < 25) {
            return 1;
        } else if (age < 35) {
            return 2;
        } else if (age < 45) {
            return 3;
        } else if (age < 50) {
            return 4;
        } else if (age < 56) {
            return 5;
        }
        return 6;
    }

    /** Decade bucket of a release year (see the class comment), or -1 when the year is unknown (0). */
    public static int yearBucket(int year) {
        if (year <= 0) {
            return -1;
        }
        if (year < 1930) {
            return 0;
        }
        return Math.min(YEAR_BUCKETS - 1, (year - 1920) / 10);
    }

    /**
     * Writes the user-side features of {@code user} at {@code idx[at..]}, {@code val[at..]}, in
     * increasing index order; returns the number written.
     */
    public int userFeatures(int user, int[] idx, float[] val, int at) {
        int n = at;
        if (has(Block.USER)) {
            idx[n] = offset(Block.USER) + user;
            val[n++] = 1f;
        }
        if (has(Block.AGE)) {
            int b = ageBucket(users.age(user));
            if (b >= 0) {
                idx[n] = offset(Block.AGE) + b;
                val[n++] = 1f;
            }
        }
        if (has(Block.GENDER)) {
            byte g = users.gender(user);
            if (g == Users.GENDER_MALE || g == Users.GENDER_FEMALE) {
                idx[n] = offset(Block.GENDER) + (g == Users.GENDER_MALE ? 0 : 1);
                val[n++] = 1f;
            }
        }
        if (has(Block.OCCUPATION)) {
            int o = users.occupation(user);
            if (o >= 0) {
                idx[n] = offset(Block.OCCUPATION) + o;
                val[n++] = 1f;
            }
        }
        if (has(Block.IMPLICIT)) {
            int start = train.userStart(user);
            int end = train.userEnd(user);
            if (end > start) {
                float v = (float) (1.0 / Math.sqrt(end - start));
                int base = offset(Block.IMPLICIT);
                int first = n;
                for (int p = start; p < end; p++) {
                    idx[n] = base + train.item(p);
                    val[n++] = v;
                }
                // Ratings are in time order; sort the indices so the vector is canonical.
                java.util.Arrays.sort(idx, first, n);
            }
        }
        return n - at;
    }

    /**
     * Writes the movie-side features of {@code movie} at {@code idx[at..]}, {@code val[at..]}, in
     * increasing index order; returns the number written.
     */
    public int movieFeatures(int movie, int[] idx, float[] val, int at) {
        int n = at;
        if (has(Block.MOVIE)) {
            idx[n] = offset(Block.MOVIE) + movie;
            val[n++] = 1f;
        }
        if (has(Block.GENRES)) {
            long bits = movies.genreBits(movie);
            int cnt = Long.bitCount(bits);
            if (cnt > 0) {
                float v = 1f / cnt;
                int base = offset(Block.GENRES);
                for (int g = 0; g < size(Block.GENRES); g++) {
                    if ((bits & (1L << g)) != 0) {
                        idx[n] = base + g;
                        val[n++] = v;
                    }
                }
            }
        }
        if (has(Block.YEAR)) {
            int b = yearBucket(movies.year(movie));
            if (b >= 0) {
                idx[n] = offset(Block.YEAR) + b;
                val[n++] = 1f;
            }
        }
        return n - at;
    }

    /**
     * Writes the features of the pair (user part, then movie part) into {@code idx}/{@code val}
     * (length at least {@code maxUserNnz() + maxMovieNnz()}); returns the number of entries.
     */
    public int encode(int user, int movie, int[] idx, float[] val) {
        int n = userFeatures(user, idx, val, 0);
        return n + movieFeatures(movie, idx, val, n);
    }

    /** A readable name for a feature index, e.g. {@code genres=Comedy} or {@code user#17}. */
    public String featureName(int index) {
        Block b = blockOf(index);
        int k = index - offset(b);
        return switch (b) {
            case USER -> "user#" + users.ids().name(k);
            case MOVIE -> "movie#" + movies.ids().name(k);
            case IMPLICIT -> "rated#" + movies.ids().name(k);
            case GENRES -> "genres=" + movies.genreVocabulary().get(k);
            case AGE -> "age=" + new String[] {"<18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+"}[k];
            case GENDER -> k == 0 ? "gender=M" : "gender=F";
            case OCCUPATION -> "occupation=" + users.occupationVocabulary().get(k);
            case YEAR -> k == 0 ? "year<1930" : k == YEAR_BUCKETS - 1 ? "year>=2020" : "year=" + (1920 + 10 * k) + "s";
        };
    }
}
