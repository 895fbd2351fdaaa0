package org.movierec.data;

import java.util.Objects;

/**
 * An immutable dataset: users, movies and their interactions over one dense id space, plus the
 * rating scale. A split's train, validation and test parts are datasets that share the users and
 * movies of their parent and hold a subset of its interactions ({@link #withInteractions}).
 */
public final class Dataset {
    private final String name;
    private final Users users;
    private final Movies movies;
    private final Interactions interactions;
    private final RatingScale ratingScale;

    public Dataset(String name, Users users, Movies movies, Interactions interactions, RatingScale ratingScale) {
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

    public String name() {
        return name;
    }

    public Users users() {
        return users;
    }

    public Movies movies() {
        return movies;
    }

    public Interactions interactions() {
        return interactions;
    }

    public RatingScale ratingScale() {
        return ratingScale;
    }

    public int numUsers() {
        return users.size();
    }

    public int numItems() {
        return movies.size();
    }

    /** The same users and movies with other interactions (a split's part). */
    public Dataset withInteractions(String newName, Interactions subset) {
        return new Dataset(newName, users, movies, subset, ratingScale);
    }

    /**
     * A 64-bit fingerprint of the interactions in external ids (FNV-1a over user id, movie id,
     * rating bits and timestamp of every rating, in order), as 16 hex digits. Two datasets with
     * the same ratings in the same order have the same fingerprint whatever their file format.
     */
    public String fingerprint() {
        long h = 0xcbf29ce484222325L;
        IdIndex uid = users.ids();
        IdIndex mid = movies.ids();
        int n = interactions.size();
        for (int p = 0; p < n; p++) {
            h = mix(h, uid.externalId(interactions.user(p)));
            h = mix(h, mid.externalId(interactions.item(p)));
            h = mix(h, Float.floatToIntBits(interactions.rating(p)));
            long t = interactions.timestamp(p);
            h = mix(h, (int) t);
            h = mix(h, (int) (t >>> 32));
        }
        return String.format("%016x", h);
    }

    private static long mix(long h, int v) {
        for (int k = 0; k < 4; k++) {
            h ^= (v >>> (8 * k)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return name + " (" + users.size() + " users, " + movies.size() + " movies, " + interactions.size() + " ratings)";
    }
}
