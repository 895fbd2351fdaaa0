package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; run against SQLite and a real PostgreSQL server. */
abstract class StoreContract {
    /** A fresh, empty database URL. */
    abstract String freshUrl() throws Exception;

    @Test
    void migratesOnceAndKeepsData() throws Exception {
        String url = freshUrl();
        long id;
        try (JdbcStore s = JdbcStore.open(url)) {
            assertThat(s.schemaVersion()).isEqualTo(JdbcStore.MIGRATIONS.length).isEqualTo(2);
            id = s.createUser("ann", List.of("Drama", "Comedy"), "h1").id();
            s.putRating(id, 50, 4.5f, 100);
        }
        try (JdbcStore s = JdbcStore.open(url)) { // reopening applies nothing twice
            assertThat(s.schemaVersion()).isEqualTo(2);
            assertThat(s.user(id).orElseThrow().genres()).containsExactly("Drama", "Comedy");
            assertThat(s.ratings(id)).containsExactly(new Store.Rating(id, 50, 4.5f, 100));
        }
    }

    /** Ids above a dataset's largest user id: reserving moves the next id up, never down. */
    @Test
    void reservedIdsAreSkippedAndNeverReused() throws Exception {
        try (JdbcStore s = JdbcStore.open(freshUrl())) {
            s.reserveIdsThrough(12); // below the store's range: nothing changes
            assertThat(s.createUser("a", List.of(), "h-a").id()).isEqualTo(Store.FIRST_USER_ID);
            s.reserveIdsThrough(Store.FIRST_USER_ID + 41);
            assertThat(s.createUser("b", List.of(), "h-b").id()).isEqualTo(Store.FIRST_USER_ID + 42);
            s.reserveIdsThrough(Store.FIRST_USER_ID + 5); // lower than the next id: no going back
            assertThat(s.createUser("c", List.of(), "h-c").id()).isEqualTo(Store.FIRST_USER_ID + 43);
            s.reserveIdsThrough(Store.FIRST_USER_ID + 43); // exactly the last id given
            assertThat(s.createUser("d", List.of(), "h-d").id()).isEqualTo(Store.FIRST_USER_ID + 44);
        }
    }

    @Test
    void usersRatingsAndTokens() throws Exception {
        try (JdbcStore s = JdbcStore.open(freshUrl())) {
            String evil = "x'); DROP TABLE users; --";
            Store.User a = s.createUser(evil, List.of(), "hash-a");
            Store.User b = s.createUser("bob", List.of("Horror"), "hash-b");
            assertThat(a.id()).isEqualTo(Store.FIRST_USER_ID);
            assertThat(b.id()).isEqualTo(Store.FIRST_USER_ID + 1);
            assertThat(s.user(a.id()).orElseThrow().name()).isEqualTo(evil);
            assertThat(s.user(12345)).isEmpty();
            assertThat(s.userForToken("hash-b").getAsLong()).isEqualTo(b.id());
            assertThat(s.userForToken("' OR '1'='1")).isEmpty();
            s.putRating(a.id(), 3, 4f, 10);
            s.putRating(a.id(), 1, 2f, 11);
            s.putRating(a.id(), 3, 5f, 12); // replaces
            s.putRating(b.id(), 7, 1f, 13);
            assertThat(s.ratings(a.id())).containsExactly(new Store.Rating(a.id(), 1, 2f, 11),
                    new Store.Rating(a.id(), 3, 5f, 12));
            assertThat(s.ratingCount()).isEqualTo(3);
            assertThat(s.userCount()).isEqualTo(2);
            assertThat(s.deleteRating(a.id(), 1)).isTrue();
            assertThat(s.deleteRating(a.id(), 1)).isFalse();
            assertThat(s.allRatings()).containsExactly(new Store.Rating(a.id(), 3, 5f, 12),
                    new Store.Rating(b.id(), 7, 1f, 13));
            assertThat(s.ping()).isTrue();
        }
    }
}
