package org.movierec.data;

import java.util.Arrays;

/**
 * Maps the integer ids found in data files (MovieLens user and movie ids) to dense indices
 * {@code 0..size-1} and back. Immutable once built.
 *
 * <p>Data with string ids (a shop's {@code sku}, a customer's e-mail hash; see
 * {@code org.movierec.data.io.InteractionsReader}) is held the same way: dense index {@code i} has
 * the external int id {@code i + 1} and the original string {@link #name(int)}. Every command shows
 * {@link #name(int)}, which for int ids is simply the id in decimal, and looks ids up with
 * {@link #indexOfName(String)}, so a user's own ids go in and come out unchanged.
 *
 * <p>Lookups use an open-addressing table of primitive ints (linear probing, load factor at most
 * 1/2) so that mapping 25 million ratings allocates nothing per rating.
 */
public final class IdIndex {
    private static final int EMPTY = Integer.MIN_VALUE;

    private final int[] toExternal;
    private final int[] keys;
    private final int[] values;
    private final int mask;
    /** The original string ids in dense order, or null when the ids are the ints themselves. */
    private final String[] names;
    private volatile java.util.Map<String, Integer> nameIndex;

    private IdIndex(int[] toExternal) {
        this(toExternal, null);
    }

    private IdIndex(int[] toExternal, String[] names) {
        this.toExternal = toExternal;
        this.names = names;
        int cap = Integer.highestOneBit(Math.max(4, toExternal.length * 2 - 1)) << 1;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
        for (int i = 0; i < toExternal.length; i++) {
            int id = toExternal[i];
            if (id == EMPTY) {
                throw new IllegalArgumentException("id " + id + " is reserved");
            }
            int slot = slot(id);
            while (keys[slot] != EMPTY) {
                if (keys[slot] == id) {
                    throw new IllegalArgumentException("duplicate id " + id + " at dense index " + i);
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = id;
            values[slot] = i;
        }
    }

    /**
     * An index whose dense index {@code i} is {@code externalIds[i]}.
     *
     * @param externalIds distinct ids in dense order (copied); {@link Integer#MIN_VALUE} is reserved
     * @return the index
     * @throws IllegalArgumentException naming a duplicate or the reserved id
     */
    public static IdIndex of(int... externalIds) {
        return new IdIndex(externalIds.clone());
    }

    /**
     * String ids: dense index {@code i} is {@code names[i]} (external int id {@code i + 1}). Names must
     * be distinct and non-empty.
     *
     * @param names the string ids in dense order (copied)
     * @return the index
     * @throws IllegalArgumentException naming the dense index of a null, empty or duplicate id
     * @throws NullPointerException     when {@code names} itself is null
     */
    public static IdIndex named(String... names) {
        String[] copy = names.clone();
        int[] ids = new int[copy.length];
        java.util.HashMap<String, Integer> index = new java.util.HashMap<>(copy.length * 2);
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null || copy[i].isEmpty()) {
                throw new IllegalArgumentException("empty id at dense index " + i);
            }
            if (index.putIfAbsent(copy[i], i) != null) {
                throw new IllegalArgumentException("duplicate id '" + copy[i] + "' at dense index " + i);
            }
            ids[i] = i + 1;
        }
        IdIndex x = new IdIndex(ids, copy);
        x.nameIndex = index;
        return x;
    }

    /**
     * String ids with chosen external int ids: dense index {@code i} is {@code names[i]} with the
     * external id {@code externalIds[i]} (a server's retrained dataset keeps its users' ids this way,
     * see {@code org.movierec.server.Retrainer}).
     *
     * @param externalIds distinct ids in dense order (copied); {@link Integer#MIN_VALUE} is reserved
     * @param names       the string ids in dense order (copied), distinct and non-empty
     * @return the index
     * @throws IllegalArgumentException when the arrays differ in length, or naming the dense index of
     *                                  a duplicate or empty id
     */
    public static IdIndex named(int[] externalIds, String[] names) {
        if (externalIds.length != names.length) {
            throw new IllegalArgumentException(externalIds.length + " ids but " + names.length + " names");
        }
        IdIndex byName = named(names);
        IdIndex x = new IdIndex(externalIds.clone(), byName.names);
        x.nameIndex = byName.nameIndex;
        return x;
    }

    /**
     * Dense ids 0..n-1 mapping to external ids 1..n (the synthetic generator's convention).
     *
     * @param n the number of ids, at least 0
     * @return the index
     */
    public static IdIndex sequential(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        return new IdIndex(ids);
    }

    private int slot(int id) {
        int h = id * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /**
     * Maps an external id (as in the data files) to its dense index; no allocation.
     *
     * @param externalId an id as found in the data files
     * @return the dense index in {@code 0..size()-1}, or -1 when the id is unknown
     */
    public int indexOf(int externalId) {
        if (externalId == EMPTY) {
            return -1;
        }
        int slot = slot(externalId);
        while (true) {
            int k = keys[slot];
            if (k == externalId) {
                return values[slot];
            }
            if (k == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Maps a dense index back to the id of the data files.
     *
     * @param index a dense index in {@code 0..size()-1}
     * @return its external id
     * @throws ArrayIndexOutOfBoundsException when {@code index} is out of range
     */
    public int externalId(int index) {
        return toExternal[index];
    }

    /**
     * The number of ids.
     *
     * @return the number of ids; dense indices run from 0 to {@code size() - 1}
     */
    public int size() {
        return toExternal.length;
    }

    /**
     * Whether the ids are strings.
     *
     * @return true when the ids are strings ({@link #named}); false when they are the external ints
     */
    public boolean hasNames() {
        return names != null;
    }

    /**
     * The id as the data file wrote it.
     *
     * @param index a dense index in {@code 0..size()-1}
     * @return the string id, or the external int id in decimal; never null
     * @throws ArrayIndexOutOfBoundsException when {@code index} is out of range
     */
    public String name(int index) {
        return names != null ? names[index] : Integer.toString(toExternal[index]);
    }

    /**
     * The string ids.
     *
     * @return a fresh copy of the string ids in dense order, or null when the ids are ints
     */
    public String[] names() {
        return names == null ? null : names.clone();
    }

    /**
     * The dense index of an id as a user types it: the string id, or for int ids the decimal id
     * (leading zeros and signs are not ids); -1 when unknown.
     *
     * @param id the id as typed; null or empty is unknown
     * @return the dense index in {@code 0..size()-1}, or -1 when {@code id} names no id here
     */
    public int indexOfName(String id) {
        if (id == null || id.isEmpty()) {
            return -1;
        }
        if (names == null) {
            if (id.length() > 10 || (id.length() > 1 && id.charAt(0) == '0')) {
                return -1;
            }
            long v = 0;
            for (int k = 0; k < id.length(); k++) {
                char c = id.charAt(k);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v > Integer.MAX_VALUE ? -1 : indexOf((int) v);
        }
        java.util.Map<String, Integer> m = nameIndex;
        if (m == null) {
            java.util.HashMap<String, Integer> built = new java.util.HashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                built.put(names[i], i);
            }
            nameIndex = m = built;
        }
        Integer i = m.get(id);
        return i == null ? -1 : i;
    }

    /**
     * All external ids.
     *
     * @return a fresh copy of the external ids in dense order
     */
    public int[] externalIds() {
        return toExternal.clone();
    }
}
