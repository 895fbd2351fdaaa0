package org.movierec.data.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.movierec.data.IdIndex;
import org.movierec.data.Users;

/** Collects the rows of a users file into the demographic columns of {@link Users}. */
final class UserTable {
    private final Map<Integer, Long> lineOfId = new HashMap<>();
    private final List<String> occupations;
    private final Map<String, Integer> occupationIndex = new HashMap<>();
    private final boolean fixedOccupations;
    private int n;
    private int[] ids = new int[1024];
    private int[] ages = new int[1024];
    private byte[] genders = new byte[1024];
    private int[] occ = new int[1024];
    private String[] zips = new String[1024];

    /** With a fixed occupation vocabulary, or (when null) one built in first-seen order. */
    UserTable(List<String> occupationVocabulary) {
        fixedOccupations = occupationVocabulary != null;
        occupations = fixedOccupations ? new ArrayList<>(occupationVocabulary) : new ArrayList<>();
        for (int i = 0; i < occupations.size(); i++) {
            occupationIndex.put(occupations.get(i), i);
        }
    }

    int occupationIndex(Fields f, String name, String vocabularyFile) {
        Integer o = occupationIndex.get(name);
        if (o == null) {
            if (fixedOccupations) {
                throw f.error("occupation '" + name + "' is not in " + vocabularyFile);
            }
            o = occupations.size();
            occupationIndex.put(name, o);
            occupations.add(name);
        }
        return o;
    }

    static byte gender(Fields f, int field) {
        if (f.equalsAscii(field, "M")) {
            return Users.GENDER_MALE;
        }
        if (f.equalsAscii(field, "F")) {
            return Users.GENDER_FEMALE;
        }
        throw f.error("gender must be M or F, found '" + f.text(field) + "'");
    }

    void add(Fields f, int id, int age, byte gender, int occupation, String zip) {
        Long prev = lineOfId.putIfAbsent(id, f.lineNo());
        if (prev != null) {
            throw f.error("duplicate user id " + id + " (first on line " + prev + ")");
        }
        if (n == ids.length) {
            int cap = n * 2;
            ids = Arrays.copyOf(ids, cap);
            ages = Arrays.copyOf(ages, cap);
            genders = Arrays.copyOf(genders, cap);
            occ = Arrays.copyOf(occ, cap);
            zips = Arrays.copyOf(zips, cap);
        }
        ids[n] = id;
        ages[n] = age;
        genders[n] = gender;
        occ[n] = occupation;
        zips[n] = zip;
        n++;
    }

    int size() {
        return n;
    }

    Users build() {
        return Users.withDemographics(IdIndex.of(Arrays.copyOf(ids, n)), Arrays.copyOf(ages, n),
                Arrays.copyOf(genders, n), Arrays.copyOf(occ, n), occupations, Arrays.copyOf(zips, n));
    }
}
