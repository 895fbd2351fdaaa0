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

    /**
     * The number of tag applications (lines of the tags file).
     *
     * @return the count
     */
    public int size() {
        return users.length;
    }

    /**
     * Who applied tag {@code k}.
     *
     * @param k a tag index, {@code 0..size()-1}, in file order
     * @return the external user id (possibly a user with no ratings)
     */
    public int userId(int k) {
        return users[k];
    }

    /**
     * Which movie tag {@code k} was applied to.
     *
     * @param k a tag index, {@code 0..size()-1}, in file order
     * @return the external movie id (always a movie of the movie file)
     */
    public int movieId(int k) {
        return movies[k];
    }

    /**
     * The text of tag {@code k}.
     *
     * @param k a tag index, {@code 0..size()-1}, in file order
     * @return the tag as written in the file, unquoted
     */
    public String text(int k) {
        return texts[k];
    }

    /**
     * When tag {@code k} was applied.
     *
     * @param k a tag index, {@code 0..size()-1}, in file order
     * @return seconds since the epoch
     */
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
