package org.movierec.data;

import java.util.Objects;

/**
 * An immutable dataset: users, movies and their interactions over one dense id space, plus the
 * rating scale. A split's train, validation and test parts are datasets that share the users and
 * movies of their parent and hold a subset of its interactions ({@link #withInteractions}).
 *
 * <p>Users and movies are addressed by dense indices ({@code 0..numUsers()-1}, {@code 0..numItems()-1});
 * {@link Users#ids()} and {@link Movies#ids()} map them to and from the ids of the data files. Safe to
 * share between threads.
 */
public final class Dataset {
    private final String name;
    private final Users users;
    private final Movies movies;
    private final Interactions interactions;
    private final RatingScale ratingScale;
    private final Feedback feedback;
    /** {@link #fingerprint()} once computed (the dataset is immutable; a race only computes it twice). */
    private volatile String fingerprint;

    /**
     * What the interactions' values mean. {@link #EXPLICIT}: ratings on {@link #ratingScale()};
     * {@link #IMPLICIT}: the user interacted with the item (value 1) or a positive count or weight
     * (plays, purchases); there is no rating to predict, so algorithms that need ratings refuse it.
     */
    public enum Feedback {
        /** Each interaction is a rating on the dataset's {@link Dataset#ratingScale() rating scale}. */
        EXPLICIT,
        /**
         * Each interaction records that the user interacted with the item: the value 1, or a positive
         * count or weight (plays, purchases); there are no ratings to predict.
         */
        IMPLICIT
    }

    /**
     * A dataset over the given parts (usually built by a reader, {@link org.movierec.data.io.DatasetReader}).
     *
     * @param name         a short name, such as {@code ml-100k} or {@code u1.base}
     * @param users        the users
     * @param movies       the catalogue
     * @param interactions the ratings, over exactly {@code users.size()} x {@code movies.size()}
     * @param ratingScale  the scale the ratings lie on
     * @throws NullPointerException     naming a null argument
     * @throws IllegalArgumentException when the interactions' dimensions differ from the users and movies
     */
    public Dataset(String name, Users users, Movies movies, Interactions interactions, RatingScale ratingScale) {
        this(name, users, movies, interactions, ratingScale, Feedback.EXPLICIT);
    }

    /**
     * A dataset over the given parts with the given kind of feedback (readers of implicit data pass
     * {@link Feedback#IMPLICIT}).
     *
     * @param name         a short name, such as {@code ml-100k} or {@code u1.base}
     * @param users        the users
     * @param movies       the catalogue
     * @param interactions the interactions, over exactly {@code users.size()} x {@code movies.size()}
     * @param ratingScale  the scale the ratings lie on (for implicit feedback, the range of its values)
     * @param feedback     what the interactions' values mean
     * @throws NullPointerException     naming a null argument
     * @throws IllegalArgumentException when the interactions' dimensions differ from the users and movies
     */
    public Dataset(String name, Users users, Movies movies, Interactions interactions, RatingScale ratingScale,
                   Feedback feedback) {
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.name = Objects.requireNonNull(name, "name");
        this.users = Objects.requireNonNull(users, "users");
        this.movies = Objects.requireNonNull(movies, "movies");
        this.interactions = Objects.requireNonNull(interactions, "interactions");
        this.ratingScale = Objects.requireNonNull(ratingScale, "ratingScale");
        if (interactions.numUsers() != users.size() || interactions.numItems() != movies.size()) {
            throw new IllegalArgumentException("interactions are over " + interactions.numUsers() + " x "
                    + interactions.numItems() + " but the dataset has " + users.size() + " users and "
                    + movies.size() + " movies");
        }
    }

    /**
     * The dataset's name (recorded in model provenance).
     *
     * @return the name, such as {@code ml-100k} or a split part's {@code u1.base}
     */
    public String name() {
        return name;
    }

    /**
     * The users and their side information.
     *
     * @return the users (shared with every part of a split)
     */
    public Users users() {
        return users;
    }

    /**
     * The movie catalogue.
     *
     * @return the movies (shared with every part of a split)
     */
    public Movies movies() {
        return movies;
    }

    /**
     * The ratings.
     *
     * @return the interactions over dense user and movie indices
     */
    public Interactions interactions() {
        return interactions;
    }

    /**
     * The scale the ratings lie on.
     *
     * @return the rating scale
     */
    public RatingScale ratingScale() {
        return ratingScale;
    }

    /**
     * What the interactions' values mean.
     *
     * @return {@link Feedback#EXPLICIT} (ratings) or {@link Feedback#IMPLICIT} (interactions, counts or
     *         weights); never null, and shared with every part of a split
     */
    public Feedback feedback() {
        return feedback;
    }

    /**
     * Whether the dataset holds implicit feedback (interactions, counts or weights; no ratings).
     *
     * @return true when {@link #feedback()} is {@link Feedback#IMPLICIT}
     */
    public boolean isImplicit() {
        return feedback == Feedback.IMPLICIT;
    }

    /**
     * The rating below which a rating is a dislike (movierec's one rule for dislikes,
     * docs/ARCHITECTURE.md): the middle of the rating scale ({@link RatingScale#dislikeBelow()}) for
     * explicit ratings; for implicit feedback, where every value is a positive count or weight,
     * negative infinity (nothing is a dislike).
     *
     * @return the threshold; a rating {@code r < dislikeBelow()} is a dislike
     */
    public float dislikeBelow() {
        return feedback == Feedback.IMPLICIT ? Float.NEGATIVE_INFINITY : ratingScale.dislikeBelow();
    }

    /**
     * The number of users, with or without ratings in this dataset.
     *
     * @return {@code users().size()}
     */
    public int numUsers() {
        return users.size();
    }

    /**
     * The number of movies in the catalogue, with or without ratings in this dataset.
     *
     * @return {@code movies().size()}
     */
    public int numItems() {
        return movies.size();
    }

    /**
     * The same users and movies with other interactions (a split's part).
     *
     * @param newName the part's name
     * @param subset  interactions over the same dimensions (usually a subset of these)
     * @return a new dataset sharing this one's users, movies and rating scale
     * @throws IllegalArgumentException when {@code subset} has other dimensions
     */
    public Dataset withInteractions(String newName, Interactions subset) {
        return new Dataset(newName, users, movies, subset, ratingScale, feedback);
    }

    /**
     * The same users and interactions with another catalogue of the same movies (the catalogue with
     * credits attached, say).
     *
     * @param newMovies the catalogue, of the same size
     * @return a new dataset sharing this one's name, users, interactions, scale and feedback
     * @throws IllegalArgumentException when {@code newMovies} has another size
     */
    public Dataset withMovies(Movies newMovies) {
        return new Dataset(name, users, newMovies, interactions, ratingScale, feedback);
    }

    /**
     * A 64-bit fingerprint of the interactions in external ids (FNV-1a over user id, movie id,
     * rating bits and timestamp of every rating, in order), as 16 hex digits. Two datasets with
     * the same ratings in the same order have the same fingerprint whatever their file format.
     * String ids ({@link IdIndex#hasNames()}) count by their {@link String#hashCode()}.
     *
     * @return 16 lower-case hex digits; computed on the first call (one pass over the ratings) and kept
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = computeFingerprint();
            fingerprint = f;
        }
        return f;
    }

    private String computeFingerprint() {
        long h = 0xcbf29ce484222325L;
        int[] uid = keys(users.ids());
        int[] mid = keys(movies.ids());
        int n = interactions.size();
        for (int p = 0; p < n; p++) {
            h = mix(h, uid[interactions.user(p)]);
            h = mix(h, mid[interactions.item(p)]);
            h = mix(h, Float.floatToIntBits(interactions.rating(p)));
            long t = interactions.timestamp(p);
            h = mix(h, (int) t);
            h = mix(h, (int) (t >>> 32));
        }
        return String.format("%016x", h);
    }

    private static int[] keys(IdIndex ids) {
        if (!ids.hasNames()) {
            return ids.externalIds();
        }
        int[] k = new int[ids.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = ids.name(i).hashCode();
        }
        return k;
    }

    /** FNV-1a over the four bytes of {@code v}, low byte first (written out: it runs before the JIT compiles it). */
    private static long mix(long h, int v) {
        h = (h ^ (v & 0xff)) * 0x100000001b3L;
        h = (h ^ ((v >>> 8) & 0xff)) * 0x100000001b3L;
        h = (h ^ ((v >>> 16) & 0xff)) * 0x100000001b3L;
        return (h ^ (v >>> 24)) * 0x100000001b3L;
    }

    @Override
    public String toString() {
        return name + " (" + users.size() + " users, " + movies.size() + " movies, " + interactions.size() + " ratings)";
    }
}
