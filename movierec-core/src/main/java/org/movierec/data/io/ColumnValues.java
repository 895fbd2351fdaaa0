package org.movierec.data.io;

import java.util.Arrays;

/**
 * A batch of one column's values from a {@link ColumnarSource}, in reused arrays: value {@code k} is
 * {@code longs[k]} ({@code INTEGER}, {@code TIMESTAMP}), {@code doubles[k]} ({@code REAL}) or the bytes
 * {@code bytes[ends[k-1] .. ends[k])} ({@code TEXT}, {@code ends[-1]} read as 0); {@code nulls[k]} marks a
 * missing value. Public arrays, as Lucene's {@code BytesRef}: a transfer buffer, not a model.
 */
public final class ColumnValues {
    /** Whole numbers and epoch seconds. */
    public long[] longs = new long[0];
    /** Floating-point numbers. */
    public double[] doubles = new double[0];
    /** The text values' UTF-8 bytes, one after another. */
    public byte[] bytes = new byte[0];
    /** Where each text value ends in {@link #bytes} (exclusive); also set for a null. */
    public int[] ends = new int[0];
    /** Which values are missing. */
    public boolean[] nulls = new boolean[0];

    /** An empty batch; the arrays grow on first use. */
    public ColumnValues() {
    }

    /**
     * Makes every array but {@code bytes} hold at least {@code count} values and clears {@code nulls}.
     *
     * @param count the batch's size
     */
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

    /**
     * Makes {@code bytes} hold at least {@code len} bytes, keeping its contents.
     *
     * @param len the bytes needed
     */
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
