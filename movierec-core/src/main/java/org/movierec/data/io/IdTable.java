package org.movierec.data.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * String ids as byte strings mapped to dense ints in first-seen order: an open-addressing table of
 * primitive ints over one byte arena, so that mapping 25 million ids creates no object per id.
 *
 * <p>{@link #find} only reads and may run on many threads at once while nobody calls {@link #add};
 * {@link #add} is single-threaded. The reader probes in parallel and adds the misses in file order.
 */
final class IdTable {
    private byte[] arena = new byte[1 << 16];
    private int arenaLen;
    private int[] starts = new int[1024];
    private int[] lens = new int[1024];
    private int[] hashes = new int[1024];
    private long[] packed = new long[1024];
    private long[] lines = new long[1024];
    private int size;
    /**
     * Two longs per slot, side by side so that a probe touches one cache line: the hash (high half)
     * with id + 1 (low half; 0: empty), then the id's {@link #pack packed} bytes, which decide
     * equality alone for ids of at most 7 bytes (most ids), so a lookup of 25 million ids reads the
     * arena only for longer ones.
     */
    private long[] slots = new long[2 * 2048];
    private int mask = 2048 - 1;

    int size() {
        return size;
    }

    /** FNV-1a over the bytes {@code [s, e)}. */
    static int hash(byte[] b, int s, int e) {
        int h = 0x811c9dc5;
        for (int i = s; i < e; i++) {
            h = (h ^ (b[i] & 0xff)) * 0x01000193;
        }
        return h;
    }

    /** The length (capped at 255) in the top byte and the first 7 bytes below: the whole id when it is short. */
    static long pack(byte[] b, int s, int e) {
        int len = e - s;
        long v = (long) Math.min(len, 255) << 56;
        int n = Math.min(len, 7);
        for (int k = 0; k < n; k++) {
            v |= (long) (b[s + k] & 0xff) << (8 * k);
        }
        return v;
    }

    private static int spread(int h) {
        return h ^ (h >>> 15);
    }

    /** The id of the bytes {@code [s, e)} with hash {@code h}, or -1. Read-only. */
    int find(byte[] b, int s, int e, int h) {
        long key = pack(b, s, e);
        boolean exact = e - s <= 7;
        long[] sl = slots;
        int m = mask;
        int slot = spread(h) & m;
        while (true) {
            long hv = sl[2 * slot];
            if (hv == 0) {
                return -1;
            }
            if ((int) (hv >>> 32) == h && sl[2 * slot + 1] == key) {
                int id = (int) hv - 1;
                if (exact || equal(id, b, s, e)) {
                    return id;
                }
            }
            slot = (slot + 1) & m;
        }
    }

    private boolean equal(int id, byte[] b, int s, int e) {
        int len = e - s;
        if (lens[id] != len) {
            return false;
        }
        int a = starts[id];
        for (int k = 0; k < len; k++) {
            if (arena[a + k] != b[s + k]) {
                return false;
            }
        }
        return true;
    }

    /** Empties the table, keeping its arrays. */
    void clear() {
        if (size > 0) {
            Arrays.fill(slots, 0L);
        }
        size = 0;
        arenaLen = 0;
    }

    /** The id here of id {@code id} of {@code other}, or -1. */
    int findFrom(IdTable other, int id) {
        return find(other.arena, other.starts[id], other.starts[id] + other.lens[id], other.hashes[id]);
    }

    /** Adds id {@code id} of {@code other} (absent here) and returns its id here. */
    int addFrom(IdTable other, int id, long line) {
        return add(other.arena, other.starts[id], other.starts[id] + other.lens[id], other.hashes[id], line);
    }

    /** The id of the bytes, added (with the line it was first seen on) when new. */
    int add(byte[] b, int s, int e, int h, long line) {
        int found = find(b, s, e, h);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 2 > mask + 1) {
            rehash((mask + 1) * 2);
        }
        int len = e - s;
        if (arenaLen + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLen + len));
        }
        System.arraycopy(b, s, arena, arenaLen, len);
        if (size == starts.length) {
            int cap = size * 2;
            starts = Arrays.copyOf(starts, cap);
            lens = Arrays.copyOf(lens, cap);
            hashes = Arrays.copyOf(hashes, cap);
            packed = Arrays.copyOf(packed, cap);
            lines = Arrays.copyOf(lines, cap);
        }
        starts[size] = arenaLen;
        lens[size] = len;
        hashes[size] = h;
        packed[size] = pack(b, s, e);
        lines[size] = line;
        arenaLen += len;
        put(slots, mask, size);
        return size++;
    }

    private void put(long[] sl, int m, int id) {
        int slot = spread(hashes[id]) & m;
        while (sl[2 * slot] != 0) {
            slot = (slot + 1) & m;
        }
        sl[2 * slot] = ((long) hashes[id] << 32) | (id + 1L);
        sl[2 * slot + 1] = packed[id];
    }

    private void rehash(int cap) {
        long[] ns = new long[2 * cap];
        int m = cap - 1;
        for (int id = 0; id < size; id++) {
            put(ns, m, id);
        }
        slots = ns;
        mask = m;
    }

    /** The line an id was first seen on. */
    long line(int id) {
        return lines[id];
    }

    /** The id's value when it is a canonical non-negative int (no sign, no leading zero), else -1. */
    long asInt(int id) {
        int len = lens[id];
        int a = starts[id];
        if (len == 0 || len > 10 || (len > 1 && arena[a] == '0')) {
            return -1;
        }
        long v = 0;
        for (int k = 0; k < len; k++) {
            int d = arena[a + k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v > Integer.MAX_VALUE ? -1 : v;
    }

    /** The id decoded as UTF-8; null when the bytes are not valid UTF-8. */
    String name(int id) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(arena, starts[id], lens[id])).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The raw bytes as ISO-8859-1, for messages. */
    String text(int id) {
        return new String(arena, starts[id], Math.min(60, lens[id]), StandardCharsets.ISO_8859_1);
    }
}
