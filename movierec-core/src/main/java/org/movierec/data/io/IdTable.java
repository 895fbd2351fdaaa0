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
    private long[] packed2 = new long[1024];
    private long[] lines = new long[1024];
    private int size;
    /**
     * Three longs per slot, side by side so that a probe touches one or two cache lines: the hash
     * (high half) with id + 1 (low half; 0: empty), then the id's {@link #pack packed} bytes 0..6 and
     * 7..14, which decide equality alone for ids of at most {@value #INLINE} bytes (most ids), so a
     * lookup of 25 million ids reads the arena only for longer ones.
     */
    private long[] slots = new long[3 * 2048];
    /** Ids up to this many bytes are compared in the slot alone. */
    static final int INLINE = 15;
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

    /** Bytes 7..14 of an id (0 beyond its end). */
    static long pack2(byte[] b, int s, int e) {
        long v = 0;
        int n = Math.min(e - s, INLINE);
        for (int k = 7; k < n; k++) {
            v |= (long) (b[s + k] & 0xff) << (8 * (k - 7));
        }
        return v;
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
        long key2 = e - s > 7 ? pack2(b, s, e) : 0L;
        boolean exact = e - s <= INLINE;
        long[] sl = slots;
        int m = mask;
        int slot = spread(h) & m;
        while (true) {
            long hv = sl[3 * slot];
            if (hv == 0) {
                return -1;
            }
            if ((int) (hv >>> 32) == h && sl[3 * slot + 1] == key && sl[3 * slot + 2] == key2) {
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
            packed2 = Arrays.copyOf(packed2, cap);
            lines = Arrays.copyOf(lines, cap);
        }
        starts[size] = arenaLen;
        lens[size] = len;
        hashes[size] = h;
        packed[size] = pack(b, s, e);
        packed2[size] = len > 7 ? pack2(b, s, e) : 0L;
        lines[size] = line;
        arenaLen += len;
        put(slots, mask, size);
        return size++;
    }

    private void put(long[] sl, int m, int id) {
        int slot = spread(hashes[id]) & m;
        while (sl[3 * slot] != 0) {
            slot = (slot + 1) & m;
        }
        sl[3 * slot] = ((long) hashes[id] << 32) | (id + 1L);
        sl[3 * slot + 1] = packed[id];
        sl[3 * slot + 2] = packed2[id];
    }

    private void rehash(int cap) {
        long[] ns = new long[3 * cap];
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
