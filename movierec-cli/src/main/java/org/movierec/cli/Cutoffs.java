package org.movierec.cli;

/**
 * Checks of list lengths and ranking cut-offs ({@code -n}, {@code --k}, {@code --topk},
 * {@code ndcg@K}) against the catalogue: asking for more movies than there are is a user error that
 * names the value and the catalogue's size, instead of a silently shorter list or a metric that can
 * never reach 1.
 */
final class Cutoffs {
    private Cutoffs() {
    }

    /**
     * @param option    the option as the user wrote it, e.g. {@code --k} or {@code -n}
     * @param value     its value
     * @param catalogue the number of movies there are to rank
     * @param whose     whose catalogue, e.g. "the model's" or "ml-100k's"
     * @throws Main.UserException when {@code value} exceeds {@code catalogue}
     */
    static void check(String option, int value, int catalogue, String whose) {
        check(option, value, true, catalogue, whose);
    }

    /**
     * As above, for an option with a default: a default larger than a small catalogue (a handful of
     * movies in a user's own data) is not the user's mistake, and the command lists what there is.
     *
     * @param given whether the user gave the option (picocli's {@code hasMatchedOption})
     */
    static void check(String option, int value, boolean given, int catalogue, String whose) {
        if (given && value > catalogue) {
            throw new Main.UserException(option + " " + value + " is larger than " + whose + " catalogue of "
                    + catalogue + " movies; give at most " + catalogue);
        }
    }
}
