package org.movierec.data;

import java.util.Arrays;
import java.util.List;

/**
 * The users of a dataset: their id index and, where the dataset has them (ML-100k, ML-1M),
 * demographics in columnar arrays indexed by dense user index.
 *
 * <p>Unknown values: age {@code -1}, gender {@link #GENDER_UNKNOWN}, occupation {@code -1}, zip
 * {@code null}. ML-1M stores age as a bucket code (1, 18, 25, 35, 45, 50, 56: the lower bound of the
 * bucket, "1" meaning under 18); ML-100k stores the age in years.
 *
 * <p>Immutable once built (the factories take ownership of the arrays they are given), so safe to
 * share between threads. Accessors taking a {@code user} expect a dense index in {@code 0..size()-1}
 * and throw {@link ArrayIndexOutOfBoundsException} outside it.
 */
public final class Users {
    /** {@link #gender} of a user whose gender is not known (or a dataset without demographics). */
    public static final byte GENDER_UNKNOWN = 0;
    /** {@link #gender} code for "M". */
    public static final byte GENDER_MALE = 1;
    /** {@link #gender} code for "F". */
    public static final byte GENDER_FEMALE = 2;

    private final IdIndex ids;
    private final int[] ages;
    private final byte[] genders;
    private final int[] occupations;
    private final List<String> occupationVocabulary;
    private final String[] zips;

    private Users(IdIndex ids, int[] ages, byte[] genders, int[] occupations,
                  List<String> occupationVocabulary, String[] zips) {
        this.ids = ids;
        this.ages = ages;
        this.genders = genders;
        this.occupations = occupations;
        this.occupationVocabulary = List.copyOf(occupationVocabulary);
        this.zips = zips;
        int n = ids.size();
        if (ages != null && (ages.length != n || genders.length != n || occupations.length != n || zips.length != n)) {
            throw new IllegalArgumentException("demographic columns must all have " + n + " entries");
        }
    }

    /**
     * Users with no side information: every accessor answers "unknown".
     *
     * @param ids the user id index
     * @return the users
     */
    public static Users withoutDemographics(IdIndex ids) {
        return new Users(ids, null, null, null, List.of(), null);
    }

    /**
     * Users with demographics; arrays are indexed by dense user index and are not copied (the caller
     * must not change them afterwards).
     *
     * @param ids                  the user id index
     * @param ages                 age in years (ML-100k) or ML-1M bucket code, -1 when unknown
     * @param genders              {@link #GENDER_UNKNOWN}, {@link #GENDER_MALE} or {@link #GENDER_FEMALE}
     * @param occupations          index into {@code occupationVocabulary}, -1 when unknown
     * @param occupationVocabulary the dataset's occupation names (copied)
     * @param zips                 ZIP codes as written in the file, null entries when unknown
     * @return the users
     * @throws IllegalArgumentException when a column's length is not {@code ids.size()}
     */
    public static Users withDemographics(IdIndex ids, int[] ages, byte[] genders, int[] occupations,
                                         List<String> occupationVocabulary, String[] zips) {
        return new Users(ids, ages, genders, occupations, occupationVocabulary, zips);
    }

    /**
     * The mapping between MovieLens user ids and dense user indices.
     *
     * @return the id index
     */
    public IdIndex ids() {
        return ids;
    }

    /**
     * The number of users, rated or not.
     *
     * @return the number of users
     */
    public int size() {
        return ids.size();
    }

    /**
     * Whether the dataset has a user file with demographics (ML-100k, ML-1M).
     *
     * @return true when age, gender, occupation and ZIP columns exist
     */
    public boolean hasDemographics() {
        return ages != null;
    }

    /**
     * A user's age.
     *
     * @param user dense user index
     * @return age in years (ML-100k), bucket code (ML-1M, see the class comment) or -1 when unknown
     */
    public int age(int user) {
        return ages == null ? -1 : ages[user];
    }

    /**
     * A user's gender.
     *
     * @param user dense user index
     * @return {@link #GENDER_MALE}, {@link #GENDER_FEMALE} or {@link #GENDER_UNKNOWN}
     */
    public byte gender(int user) {
        return genders == null ? GENDER_UNKNOWN : genders[user];
    }

    /**
     * A user's occupation as a code.
     *
     * @param user dense user index
     * @return index into {@link #occupationVocabulary()}, or -1 when unknown
     */
    public int occupation(int user) {
        return occupations == null ? -1 : occupations[user];
    }

    /**
     * A user's occupation as a name.
     *
     * @param user dense user index
     * @return the occupation's name from {@link #occupationVocabulary()}, or null when unknown
     */
    public String occupationName(int user) {
        int o = occupation(user);
        return o < 0 ? null : occupationVocabulary.get(o);
    }

    /**
     * The dataset's occupation names (ML-100k's {@code u.occupation}, ML-1M's fixed codes).
     *
     * @return an unmodifiable list, empty without demographics
     */
    public List<String> occupationVocabulary() {
        return occupationVocabulary;
    }

    /**
     * A user's ZIP code, as text (some MovieLens ZIP codes are not numeric).
     *
     * @param user dense user index
     * @return the ZIP code, or null when unknown
     */
    public String zip(int user) {
        return zips == null ? null : zips[user];
    }

    /**
     * The whole age column.
     *
     * @return a fresh copy of the ages by dense user index (see {@link #age}), or null without demographics
     */
    public int[] ages() {
        return ages == null ? null : Arrays.copyOf(ages, ages.length);
    }
}
