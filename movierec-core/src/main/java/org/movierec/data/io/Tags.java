package org.movierec.data.io;

import java.util.Arrays;

/**
 * Free-text tags that users applied to movies (ML-10M {@code tags.dat}, CSV {@code tags.csv}), as
 * parallel columns in file order. Ids are the files' external ids: a tagging user need not have
 * rated anything, so there may be no dense index for them; every movie is in the dataset's movie
 * file (the reader checks). Immutable.
 */
public final class Tags {
    private final int[] users;
    private final int[] movies;
    private final String[] texts;
    private final long[] timestamps;

    private Tags(int[] users, int[] movies, String[] texts, long[] timestamps) {
        this.users = users;
        this.movies = movies;
        this.texts = texts;
        this.timestamps = timestamps;
    }

    public int size() {
        return users.length;
    }

    /** External user id of tag {@code k}. */
    public int userId(int k) {
        return users[k];
    }

    /** External movie id of tag {@code k}. */
    public int movieId(int k) {
        return movies[k];
    }

    public String text(int k) {
        return texts[k];
    }

    /** Seconds since the epoch. */
    public long timestamp(int k) {
        return timestamps[k];
    }

    static final class Builder {
        private int n;
        private int[] users = new int[256];
        private int[] movies = new int[256];
        private String[] texts = new String[256];
        private long[] timestamps = new long[256];

        int size() {
            return n;
        }

        void add(int user, int movie, String text, long timestamp) {
            if (n == users.length) {
                int cap = n * 2;
                users = Arrays.copyOf(users, cap);
                movies = Arrays.copyOf(movies, cap);
                texts = Arrays.copyOf(texts, cap);
                timestamps = Arrays.copyOf(timestamps, cap);
            }
            users[n] = user;
            movies[n] = movie;
            texts[n] = text;
            timestamps[n] = timestamp;
            n++;
        }

        Tags build() {
            return new Tags(Arrays.copyOf(users, n), Arrays.copyOf(movies, n), Arrays.copyOf(texts, n),
                    Arrays.copyOf(timestamps, n));
        }
    }
}
