package org.movierec.split;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates splits from their command-line specification:
 *
 * <table>
 * <caption>Split specifications</caption>
 * <tr><td>{@code u1} .. {@code u5}, {@code ua}, {@code ub}</td><td>one predefined ML-100k fold</td></tr>
 * <tr><td>{@code u1..u5} (any range), {@code ua,ub} (any list)</td><td>several predefined folds</td></tr>
 * <tr><td>{@code random:0.8}</td><td>random 80/20 over ratings ({@link RandomSplit})</td></tr>
 * <tr><td>{@code kfold:5}</td><td>5-fold cross-validation over ratings ({@link KFoldSplit})</td></tr>
 * <tr><td>{@code temporal-loo}</td><td>latest rating per user is test, second latest validation
 * ({@link TemporalLeaveOneOut})</td></tr>
 * <tr><td>{@code temporal:0.8}, {@code temporal:2001-01-01}</td><td>global temporal cut at a fraction of
 * ratings or a date ({@link TemporalCut})</td></tr>
 * </table>
 */
public final class Splits {
    /** The accepted forms, for error messages and help text. */
    public static final String SPECS = "u1..u5, u1 .. u5, ua, ub, ua,ub, random:0.8, kfold:5, temporal-loo, "
            + "temporal:0.8, temporal:2001-01-01";
    private static final Pattern PREDEFINED = Pattern.compile("u[1-5ab]");
    private static final Pattern RANGE = Pattern.compile("u([1-5])\\.\\.u([1-5])");

    private Splits() {
    }

    /**
     * A random hold-out over ratings ({@link RandomSplit}), named {@code random:RATIO}.
     *
     * @param trainRatio the training share of the ratings, strictly between 0 and 1
     * @param seed       the draw's seed
     * @return the split (one fold, no validation)
     * @throws IllegalArgumentException when {@code trainRatio} is outside (0, 1)
     */
    public static Split random(double trainRatio, long seed) {
        return new RandomSplit(trainRatio, seed);
    }

    /**
     * K-fold cross-validation over ratings ({@link KFoldSplit}), named {@code kfold:K}.
     *
     * @param k    the number of folds, at least 2
     * @param seed the permutation's seed
     * @return the split (k folds, no validation)
     * @throws IllegalArgumentException when {@code k < 2}
     */
    public static Split kFold(int k, long seed) {
        return new KFoldSplit(k, seed);
    }

    /**
     * Temporal leave-one-out ({@link TemporalLeaveOneOut}): per user, the latest rating is test and the
     * second latest validation.
     *
     * @return the split (one fold with a validation part)
     */
    public static Split temporalLeaveOneOut() {
        return new TemporalLeaveOneOut();
    }

    /**
     * ML-100k's own fold files ({@link PredefinedSplit}).
     *
     * @param ml100kDir the ML-100k directory holding {@code u1.base}, {@code u1.test}, ...
     * @param names     fold names such as {@code u1} or {@code ua}, at least one
     * @return the split (one fold per name, no validation)
     * @throws IllegalArgumentException when the directory is null or no name is given
     */
    public static Split predefined(Path ml100kDir, String... names) {
        return new PredefinedSplit(ml100kDir, List.of(names), String.join(",", names));
    }

    /**
     * Parses a split specification (see the class comment).
     *
     * @param spec    the specification
     * @param dataDir the dataset directory (needed by the predefined ML-100k splits; may be null otherwise)
     * @param seed    the seed of the random splits
     * @return the split
     * @throws IllegalArgumentException naming the specification and the accepted forms
     */
    public static Split parse(String spec, Path dataDir, long seed) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty split; expected one of: " + SPECS);
        }
        String s = spec.trim();
        Matcher range = RANGE.matcher(s);
        if (range.matches()) {
            int a = Integer.parseInt(range.group(1));
            int b = Integer.parseInt(range.group(2));
            if (a > b) {
                throw new IllegalArgumentException("split range " + s + " is empty (write u" + b + "..u" + a + ")");
            }
            List<String> names = new ArrayList<>();
            for (int k = a; k <= b; k++) {
                names.add("u" + k);
            }
            return new PredefinedSplit(dataDir, names, s);
        }
        if (PREDEFINED.matcher(s).matches() || s.contains(",")) {
            List<String> names = new ArrayList<>();
            for (String part : s.split(",", -1)) {
                String p = part.trim();
                if (!PREDEFINED.matcher(p).matches()) {
                    throw unknown(spec, "'" + p + "' is not a predefined ML-100k fold (u1..u5, ua, ub)");
                }
                if (names.contains(p)) {
                    throw unknown(spec, "fold " + p + " is listed twice");
                }
                names.add(p);
            }
            return new PredefinedSplit(dataDir, names, s);
        }
        if (s.equals("temporal-loo")) {
            return new TemporalLeaveOneOut();
        }
        int colon = s.indexOf(':');
        if (colon > 0) {
            String kind = s.substring(0, colon);
            String arg = s.substring(colon + 1).trim();
            switch (kind) {
                case "random":
                    return new RandomSplit(number(spec, arg), seed);
                case "kfold":
                    try {
                        return new KFoldSplit(Integer.parseInt(arg), seed);
                    } catch (NumberFormatException e) {
                        throw unknown(spec, "'" + arg + "' is not a whole number of folds");
                    }
                case "temporal":
                    if (arg.matches("[0-9]*\\.[0-9]+|0|1")) {
                        return TemporalCut.atFraction(Double.parseDouble(arg));
                    }
                    return TemporalCut.atDate(arg);
                default:
                    break;
            }
        }
        throw unknown(spec, null);
    }

    private static double number(String spec, String arg) {
        try {
            return Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw unknown(spec, "'" + arg + "' is not a number");
        }
    }

    private static IllegalArgumentException unknown(String spec, String reason) {
        return new IllegalArgumentException("unknown split '" + spec + "'" + (reason == null ? "" : " (" + reason + ")")
                + "; expected one of: " + SPECS);
    }
}
