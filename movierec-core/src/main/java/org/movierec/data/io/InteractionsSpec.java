package org.movierec.data.io;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.data.RatingScale;

/**
 * How to read a user's own interactions file with {@link InteractionsReader}: which header column
 * holds what, the delimiter, the rating scale and the optional item and user side files.
 *
 * <p>Roles of the interactions file ({@link #columns}): {@code user} and {@code item} (required),
 * then at most one of {@code rating} (explicit ratings) and {@code weight} (alias {@code count}:
 * implicit feedback with a positive count or weight per line), and optionally {@code time}. Without
 * a rating or weight column every line is one implicit interaction of value 1.
 *
 * <p>Roles of the items file: {@code item} (required), {@code title}, {@code genres} (a list
 * separated by {@code |}), {@code text}, {@code year}. Roles of the users file: {@code user}
 * (required), {@code age}, {@code gender}, {@code occupation}.
 *
 * @param columns     role to header column name of the interactions file
 * @param delimiter   the field separator, or 0 to detect it from the header (comma, tab, semicolon or pipe)
 * @param scale       the explicit rating scale, or null to infer it from the data (ignored for implicit data)
 * @param itemsFile   the items side file, or null
 * @param itemColumns role to header column name of the items file (empty: the role names themselves)
 * @param usersFile   the users side file, or null
 * @param userColumns role to header column name of the users file (empty: the role names themselves)
 */
public record InteractionsSpec(Map<String, String> columns, char delimiter, RatingScale scale, Path itemsFile,
                               Map<String, String> itemColumns, Path usersFile, Map<String, String> userColumns) {
    /** Roles of the interactions file. */
    public static final List<String> ROLES = List.of("user", "item", "rating", "weight", "count", "time");
    /** Roles of the items side file. */
    public static final List<String> ITEM_ROLES = List.of("item", "title", "genres", "text", "year");
    /** Roles of the users side file. */
    public static final List<String> USER_ROLES = List.of("user", "age", "gender", "occupation");

    /**
     * Checks and freezes the mappings (each map is copied, unmodifiable and in its given order; a null
     * side-file mapping becomes empty).
     *
     * @param columns     role to header column name of the interactions file
     * @param delimiter   the field separator, or 0 to detect it from the header
     * @param scale       the explicit rating scale, or null to infer it from the data
     * @param itemsFile   the items side file, or null
     * @param itemColumns role to header column name of the items file (null or empty: the role names)
     * @param usersFile   the users side file, or null
     * @param userColumns role to header column name of the users file (null or empty: the role names)
     * @throws IllegalArgumentException naming the option and the allowed roles for an unknown role; for an
     *                                  empty column name; when more than one of {@code rating},
     *                                  {@code weight} and {@code count} is mapped; for a side-file mapping
     *                                  without its file; or for a quote, line break or non-ASCII delimiter
     * @throws NullPointerException     when {@code columns} is null
     */
    public InteractionsSpec {
        columns = checked(columns, ROLES, "--columns");
        itemColumns = checked(itemColumns == null ? Map.of() : itemColumns, ITEM_ROLES, "--item-columns");
        userColumns = checked(userColumns == null ? Map.of() : userColumns, USER_ROLES, "--user-columns");
        int values = (columns.containsKey("rating") ? 1 : 0) + (columns.containsKey("weight") ? 1 : 0)
                + (columns.containsKey("count") ? 1 : 0);
        if (values > 1) {
            throw new IllegalArgumentException("--columns maps more than one of rating, weight and count; give one "
                    + "(rating: explicit ratings; weight or count: implicit feedback)");
        }
        if (!itemColumns.isEmpty() && itemsFile == null) {
            throw new IllegalArgumentException("--item-columns needs --items FILE");
        }
        if (!userColumns.isEmpty() && usersFile == null) {
            throw new IllegalArgumentException("--user-columns needs --users FILE");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter > 127) {
            throw new IllegalArgumentException("delimiter must be an ASCII character other than a quote or a line "
                    + "break, got '" + delimiter + "'");
        }
    }

    /**
     * The default mapping: the columns are named after their roles ({@code user,item,rating,time}).
     *
     * @return a spec with no explicit mapping, a detected delimiter, an inferred scale and no side files
     */
    public static InteractionsSpec defaults() {
        return of(Map.of());
    }

    /**
     * A spec with the given interactions mapping and everything else detected or absent.
     *
     * @param columns role ({@link #ROLES}) to header column name; unmapped roles are looked up under
     *                their own name
     * @return a spec with a detected delimiter, an inferred scale and no side files
     * @throws IllegalArgumentException as the constructor, for an unknown role, an empty column name or
     *                                  more than one value role
     */
    public static InteractionsSpec of(Map<String, String> columns) {
        return new InteractionsSpec(columns, (char) 0, null, null, Map.of(), null, Map.of());
    }

    /**
     * The mapping that reads a MovieLens CSV directory's {@code ratings.csv} with this reader, with
     * {@code movies.csv} as the items file and half stars: the same data as {@link MovieLensCsvReader}
     * reads (used to compare the two readers' speed).
     *
     * @param dir a MovieLens CSV directory (its {@code ratings.csv} is the interactions file, which the
     *            caller passes to the reader; nothing is read here)
     * @return a spec with comma delimiter, {@link RatingScale#HALF_STARS} and {@code movies.csv} as items file
     */
    public static InteractionsSpec movieLensCsv(Path dir) {
        return new InteractionsSpec(Map.of("user", "userId", "item", "movieId", "rating", "rating", "time", "timestamp"),
                ',', RatingScale.HALF_STARS, dir.resolve("movies.csv"),
                Map.of("item", "movieId", "title", "title", "genres", "genres"), null, Map.of());
    }

    /**
     * The same spec with another delimiter.
     *
     * @param d the field separator, or 0 to detect it from the header
     * @return a new spec
     * @throws IllegalArgumentException for a quote, a line break or a non-ASCII character
     */
    public InteractionsSpec withDelimiter(char d) {
        return new InteractionsSpec(columns, d, scale, itemsFile, itemColumns, usersFile, userColumns);
    }

    /**
     * The same spec with another explicit rating scale.
     *
     * @param s the scale ratings are checked against, or null to infer it from the data
     * @return a new spec
     */
    public InteractionsSpec withScale(RatingScale s) {
        return new InteractionsSpec(columns, delimiter, s, itemsFile, itemColumns, usersFile, userColumns);
    }

    /**
     * The same spec with another items side file.
     *
     * @param file    the items file, or null for none
     * @param mapping role ({@link #ITEM_ROLES}) to header column name of the items file; null or empty:
     *                the role names themselves
     * @return a new spec
     * @throws IllegalArgumentException for an unknown role, an empty column name, or a mapping without a file
     */
    public InteractionsSpec withItems(Path file, Map<String, String> mapping) {
        return new InteractionsSpec(columns, delimiter, scale, file, mapping, usersFile, userColumns);
    }

    /**
     * The same spec with another users side file.
     *
     * @param file    the users file, or null for none
     * @param mapping role ({@link #USER_ROLES}) to header column name of the users file; null or empty:
     *                the role names themselves
     * @return a new spec
     * @throws IllegalArgumentException for an unknown role, an empty column name, or a mapping without a file
     */
    public InteractionsSpec withUsers(Path file, Map<String, String> mapping) {
        return new InteractionsSpec(columns, delimiter, scale, itemsFile, itemColumns, file, mapping);
    }

    /** The header name of a role: the mapped column, or for an unmapped role its own name. */
    String column(String role) {
        return columns.getOrDefault(role, role);
    }

    /** The column of the value role (rating, weight or count), or null when none is mapped. */
    String valueRole() {
        for (String r : List.of("rating", "weight", "count")) {
            if (columns.containsKey(r)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Parses {@code role=column,role=column} (the CLI's {@code --columns}); roles are checked by the
     * constructor. A column name may not be empty; spaces around names are dropped, and roles are
     * lower-cased.
     *
     * @param text   the mapping, such as {@code user=customer_id,item=sku}; null or blank gives an empty map
     * @param option the option's name for error messages, such as {@code --columns}
     * @return a new modifiable map from role to column, in the given order
     * @throws IllegalArgumentException naming the option and the part that is not {@code ROLE=COLUMN}, or a
     *                                  role mapped twice
     */
    public static Map<String, String> parseMapping(String text, String option) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException(option + " '" + part.strip() + "' is not of the form ROLE=COLUMN "
                        + "(e.g. user=customer_id)");
            }
            String role = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String col = part.substring(eq + 1).strip();
            if (m.put(role, col) != null) {
                throw new IllegalArgumentException(option + " maps role '" + role + "' twice");
            }
        }
        return m;
    }

    /**
     * Parses a scale {@code MIN..MAX} or {@code MIN..MAX:STEP} (step 1 when both ends are whole, else 0.5).
     *
     * @param text the scale as given to {@code --scale}, such as {@code 1..10} or {@code 0.5..5:0.5}
     * @return the scale
     * @throws IllegalArgumentException when the text is not of that form, or MIN, MAX and STEP are not
     *                                  finite with {@code MIN < MAX} and {@code STEP > 0}
     * @throws NullPointerException     when {@code text} is null
     */
    public static RatingScale parseScale(String text) {
        String t = text.strip();
        int dots = t.indexOf("..");
        if (dots <= 0) {
            throw new IllegalArgumentException("--scale '" + text + "' is not of the form MIN..MAX or MIN..MAX:STEP "
                    + "(e.g. 1..10 or 0.5..5:0.5)");
        }
        int colon = t.indexOf(':', dots);
        try {
            float min = Float.parseFloat(t.substring(0, dots));
            float max = Float.parseFloat(t.substring(dots + 2, colon < 0 ? t.length() : colon));
            float step = colon >= 0 ? Float.parseFloat(t.substring(colon + 1))
                    : (min == Math.rint(min) && max == Math.rint(max) ? 1f : 0.5f);
            if (!Float.isFinite(min) || !Float.isFinite(max) || !(min < max) || !(step > 0)) {
                throw new IllegalArgumentException("--scale '" + text + "': need finite MIN < MAX and STEP > 0");
            }
            return new RatingScale(min, max, step);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale '" + text + "' is not of the form MIN..MAX or MIN..MAX:STEP "
                    + "(e.g. 1..10 or 0.5..5:0.5)");
        }
    }

    /**
     * Parses a delimiter option: one character, or {@code tab} (also {@code \t}), {@code comma},
     * {@code semicolon}, {@code pipe} or {@code space} (names case-insensitive).
     *
     * @param text the option's value
     * @return the delimiter character (not yet checked; the constructor refuses quotes, line breaks and
     *         non-ASCII characters)
     * @throws IllegalArgumentException when {@code text} is neither one character nor a known name
     * @throws NullPointerException     when {@code text} is null
     */
    public static char parseDelimiter(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "pipe" -> '|';
            case "space" -> ' ';
            default -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("--delimiter must be one character or tab, comma, semicolon, "
                            + "pipe or space, got '" + text + "'");
                }
                yield text.charAt(0);
            }
        };
    }

    private static Map<String, String> checked(Map<String, String> m, List<String> roles, String option) {
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (!roles.contains(e.getKey())) {
                throw new IllegalArgumentException(option + ": unknown role '" + e.getKey() + "'; allowed: "
                        + String.join(", ", roles));
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException(option + ": empty column name for role '" + e.getKey() + "'");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
