package org.movierec.server;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where users and ratings added through the API live: SQLite by default, PostgreSQL when a JDBC
 * URL is given ({@link JdbcStore}). Every write is committed before the method returns, so a rating
 * that the API acknowledged survives a crash of the server process.
 *
 * <p>Movie ids are the dataset's external ids; user ids are the store's own: from
 * {@link #FIRST_USER_ID}, above every MovieLens user id, and, for a dataset whose user ids reach that
 * far (your own data: numeric customer ids, or more than a million string ids), above its largest
 * ({@link #reserveIdsThrough}), so they never collide with the users of the model's training data.
 * Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {
    /** Ids of users created through the API start here. */
    long FIRST_USER_ID = 1_000_001L;

    record User(long id, String name, List<String> genres, long createdAt) {
    }

    /** A rating; {@code timestamp} in seconds since the epoch, as in MovieLens. */
    record Rating(long userId, int movieId, float rating, long timestamp) {
    }

    /**
     * Makes every user created from now on get an id above {@code id} (the largest user id of the
     * served model's training data); a no-op when the next id already is.
     */
    void reserveIdsThrough(long id);

    /** Creates a user whose token hashes to {@code tokenHash}; returns the user with its new id. */
    User createUser(String name, List<String> genres, String tokenHash);

    Optional<User> user(long id);

    /** The user whose token hashes to {@code tokenHash}. */
    OptionalLong userForToken(String tokenHash);

    /** Adds or replaces a rating (committed when this returns). */
    void putRating(long userId, int movieId, float rating, long timestamp);

    /** Deletes a rating; false when there was none. */
    boolean deleteRating(long userId, int movieId);

    /** One user's ratings, by movie id. */
    List<Rating> ratings(long userId);

    /** Every stored rating, by user then movie (for retraining). */
    List<Rating> allRatings();

    long userCount();

    long ratingCount();

    /** The schema version after migrations. */
    int schemaVersion();

    /** "sqlite" or "postgresql". */
    String kind();

    /** True when the database answers a trivial query. */
    boolean ping();

    @Override
    void close();
}
