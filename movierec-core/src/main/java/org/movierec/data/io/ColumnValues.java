package org.movierec.data.io;

import java.util.Arrays;

/**
 * A batch of one column's values from a {@link ColumnarSource}, in reused arrays: value {@code k} is
 * {@code longs[k]} ({@code INTEGER}, {@code TIMESTAMP}), {@code doubles[k]} ({@code REAL}) or the bytes
 * {@code bytes[ends[k-1] .. ends[k])} ({@code TEXT}, {@code ends[-1]} read as 0); {@code nulls[k]} marks a
 * missing value. Public arrays, as Lucene's {@code BytesRef}: a transfer buffer, not a model.
 */
public final class ColumnValues {
    public long[] longs = new long[0];
    public double[] doubles = new double[0];
    public byte[] bytes = new byte[0];
    public int[] ends = new int[0];
    public boolean[] nulls = new boolean[0];

    /** Makes every array but {@code bytes} hold at least {@code count} values and clears {@code nulls}. */
    public void reset(int count) {
        if (longs.length < count) {
            longs = new long[count];
            doubles = new double[count];
            ends = new int[count];
            nulls = new boolean[count];
        } else {
            Arrays.fill(nulls, 0, count, false);
        }
    }

    /** Makes {@code bytes} hold at least {@code len} bytes, keeping its contents. */
    public void ensureBytes(int len) {
        if (bytes.length < len) {
            bytes = Arrays.copyOf(bytes, Math.max(len, bytes.length * 2));
        }
    }

    /** Where text value {@code k} starts in {@link #bytes}. */
    int start(int k) {
        return k == 0 ? 0 : ends[k - 1];
    }
}
