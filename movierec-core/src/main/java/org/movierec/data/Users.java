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
 */
public final class Users {
    public static final byte GENDER_UNKNOWN = 0;
    public static final byte GENDER_MALE = 1;
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

    /** Users with no side information. */
    public static Users withoutDemographics(IdIndex ids) {
        return new Users(ids, null, null, null, List.of(), null);
    }

    /** Users with demographics; arrays are indexed by dense user index and are not copied. */
    public static Users withDemographics(IdIndex ids, int[] ages, byte[] genders, int[] occupations,
                                         List<String> occupationVocabulary, String[] zips) {
        return new Users(ids, ages, genders, occupations, occupationVocabulary, zips);
    }

    public IdIndex ids() {
        return ids;
    }

    public int size() {
        return ids.size();
    }

    public boolean hasDemographics() {
        return ages != null;
    }

    public int age(int user) {
        return ages == null ? -1 : ages[user];
    }

    public byte gender(int user) {
        return genders == null ? GENDER_UNKNOWN : genders[user];
    }

    /** Index into {@link #occupationVocabulary()}, or -1. */
    public int occupation(int user) {
        return occupations == null ? -1 : occupations[user];
    }

    public String occupationName(int user) {
        int o = occupation(user);
        return o < 0 ? null : occupationVocabulary.get(o);
    }

    public List<String> occupationVocabulary() {
        return occupationVocabulary;
    }

    public String zip(int user) {
        return zips == null ? null : zips[user];
    }

    /** A copy of the age column, or null without demographics. */
    public int[] ages() {
        return ages == null ? null : Arrays.copyOf(ages, ages.length);
    }
}
