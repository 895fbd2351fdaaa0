package org.movierec.split;

import java.util.Locale;
import java.util.Objects;
import org.movierec.data.Dataset;
import org.movierec.data.Interactions;

/**
 * One train / validation / test partition of a dataset. All three parts share the parent's users,
 * movies and dense id space (they are {@link Dataset#withInteractions} views), so a model trained on
 * {@code train} can be asked about any user or movie of {@code test}.
 *
 * @param name       the fold's name, such as {@code u1}, {@code fold-3/5} or {@code random-0.8}
 * @param train      the training ratings
 * @param validation held-out ratings for early stopping and tuning, or null when the split has none
 * @param test       the ratings the evaluator scores
 */
public record Fold(String name, Dataset train, Dataset validation, Dataset test) {
    /**
     * Checks that the parts share one id space.
     *
     * @param name       the fold's name
     * @param train      the training ratings
     * @param validation held-out ratings, or null
     * @param test       the ratings the evaluator scores
     * @throws NullPointerException     naming a null name, train or test
     * @throws IllegalArgumentException when a part does not share the train part's users and movies
     */
    public Fold {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        checkSameSpace(train, test, "test");
        if (validation != null) {
            checkSameSpace(train, validation, "validation");
        }
    }

    private static void checkSameSpace(Dataset train, Dataset other, String what) {
        if (train.users() != other.users() || train.movies() != other.movies()) {
            throw new IllegalArgumentException("the " + what + " part of a fold must share the train part's users "
                    + "and movies (build both with Dataset.withInteractions)");
        }
    }

    /**
     * Whether the fold has a validation part.
     *
     * @return true when {@link #validation()} is not null
     */
    public boolean hasValidation() {
        return validation != null;
    }

    /**
     * Ratings, distinct users and distinct movies of one part of a fold.
     *
     * @param ratings the part's ratings, at least 0
     * @param users   users with at least one rating in the part
     * @param movies  movies with at least one rating in the part
     */
    public record PartSize(int ratings, int users, int movies) {
        /**
         * Counts one part.
         *
         * @param in the part's interactions
         * @return its ratings, and the users and movies with at least one rating in it
         */
        public static PartSize of(Interactions in) {
            return new PartSize(in.size(), distinctUsers(in), distinctItems(in));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d ratings / %,d users / %,d movies", ratings, users, movies);
        }
    }

    /**
     * The sizes of a fold's parts; {@code validation} is null when the fold has none.
     *
     * @param name       the fold's name, such as {@code u1}
     * @param train      the training part's sizes
     * @param validation the validation part's sizes, or null when the fold has none
     * @param test       the test part's sizes
     */
    public record Sizes(String name, PartSize train, PartSize validation, PartSize test) {
        /**
         * One line, for example {@code u1: train 80,000 ratings / 943 users / 1,650 movies | validation - |
         * test 20,000 ratings / 459 users / 1,410 movies}.
         *
         * @return the description
         */
        public String describe() {
            return name + ": train " + train + " | validation " + (validation == null ? "-" : validation.toString())
                    + " | test " + test;
        }
    }

    /**
     * The sizes of the parts (users and movies counted only where they have ratings in the part).
     *
     * @return the sizes; computed on every call (one pass over each part)
     */
    public Sizes sizes() {
        return new Sizes(name, PartSize.of(train.interactions()),
                validation == null ? null : PartSize.of(validation.interactions()), PartSize.of(test.interactions()));
    }

    /**
     * The fold's sizes in one line.
     *
     * @return {@link Sizes#describe()} of {@link #sizes()}
     */
    public String describe() {
        return sizes().describe();
    }

    /**
     * Counts the users who have ratings.
     *
     * @param in interactions
     * @return the number of users with at least one rating in {@code in}
     */
    public static int distinctUsers(Interactions in) {
        int n = 0;
        for (int u = 0; u < in.numUsers(); u++) {
            if (in.userCount(u) > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Counts the movies that have ratings.
     *
     * @param in interactions
     * @return the number of movies with at least one rating in {@code in}
     */
    public static int distinctItems(Interactions in) {
        boolean[] seen = new boolean[in.numItems()];
        int n = 0;
        for (int i : in.itemsArray()) {
            if (!seen[i]) {
                seen[i] = true;
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return describe();
    }
}
