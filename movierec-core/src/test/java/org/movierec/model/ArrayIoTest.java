package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelIO#writeFloats}/{@link ModelIO#writeInts} write in chunks: the bytes are exactly those of
 * {@code DataOutputStream.writeFloat}/{@code writeInt} value by value (so model files do not change),
 * and the readers give the values back, across chunk boundaries and for NaN, -0 and infinities.
 */
class ArrayIoTest {
    static float[] floats(int n, long seed) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) r.nextGaussian();
        }
        if (n >= 5) {
            a[0] = Float.NaN;
            a[1] = -0f;
            a[2] = Float.POSITIVE_INFINITY;
            a[3] = Float.intBitsToFloat(0x7fc00001); // a NaN with a payload: writeFloat writes the canonical NaN
            a[4] = Float.MIN_VALUE;
        }
        return a;
    }

    @Test
    void floatsAndIntsAreWrittenAsValueByValueWritesWouldAndReadBack() throws Exception {
        for (int n : new int[] {0, 1, 5, 8191, 8192, 8193, 20_000}) {
            float[] f = floats(n, n);
            int[] i = new int[n];
            for (int k = 0; k < n; k++) {
                i[k] = Float.floatToRawIntBits(f[k]) ^ (k * 31);
            }
            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(chunked);
            ModelIO.writeFloats(out, f);
            ModelIO.writeInts(out, i);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            DataOutputStream ref = new DataOutputStream(plain);
            ref.writeInt(n);
            for (float v : f) {
                ref.writeFloat(v);
            }
            ref.writeInt(n);
            for (int v : i) {
                ref.writeInt(v);
            }
            assertThat(chunked.toByteArray()).as("n = %d", n).isEqualTo(plain.toByteArray());

            DataInputStream in = new DataInputStream(new ByteArrayInputStream(chunked.toByteArray()));
            float[] f2 = ModelIO.readFloats(in);
            int[] i2 = ModelIO.readInts(in);
            for (int k = 0; k < n; k++) {
                assertThat(Float.floatToIntBits(f2[k])).isEqualTo(Float.floatToIntBits(f[k]));
            }
            assertThat(i2).isEqualTo(i);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aTruncatedArrayIsAnEndOfFile() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelIO.writeFloats(new DataOutputStream(bytes), floats(10_000, 1));
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 3);
        assertThatThrownBy(() -> ModelIO.readFloats(new DataInputStream(new ByteArrayInputStream(cut))))
                .isInstanceOf(EOFException.class);
    }
}
