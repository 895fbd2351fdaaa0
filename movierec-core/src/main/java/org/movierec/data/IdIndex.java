package org.movierec.data;

import java.util.Arrays;

/**
 * Maps the integer ids found in data files (MovieLens user and movie ids) to dense indices
 * {@code 0..size-1} and back. Immutable once built.
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

    private IdIndex(int[] toExternal) {
        this.toExternal = toExternal;
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
     * All external ids.
     *
     * @return a fresh copy of the external ids in dense order
     */
    public int[] externalIds() {
        return toExternal.clone();
    }
}
