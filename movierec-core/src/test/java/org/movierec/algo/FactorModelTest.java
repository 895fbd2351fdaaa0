package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.movierec.math.Kernels.Summation;
import org.movierec.model.ModelIO;
import org.movierec.model.Provenance;
import org.movierec.model.RatingPredictor;

class FactorModelTest {
    private static final Provenance PR = Provenance.untrained("test-mf", null, 0);

    /** 2 users, 3 items, k = 2. */
    private static RatingFactorModel small() {
        return FactorModel.biased("test-mf", PR, 2, 3f, new float[] {0.5f, -0.5f}, new float[] {0.25f, 0f, -1f},
                new float[] {1, 2, 0, 1}, new float[] {1, 0, 0, 1, 2, 2}, 1f);
    }

    private static byte[] payload(FactorModel m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writePayload(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void scoresAreMeanPlusBiasesPlusTheDotProduct() {
        RatingFactorModel m = small();
        // user 0: p = (1,2), mu + b_u = 3.5; items q = (1,0), (0,1), (2,2), b_i = (0.25, 0, -1):
        // 3.5 + 0.25 + 1 = 4.75; 3.5 + 0 + 2 = 5.5; 3.5 - 1 + 6 = 8.5.
        assertThat(m.predict(0, 0)).isEqualTo(4.75f);
        assertThat(m.predict(0, 2)).isEqualTo(8.5f);
        float[] out = new float[3];
        m.scoreAll(0, out);
        assertThat(out).containsExactly(4.75f, 5.5f, 8.5f);
        // user 1: p = (0,1), mu + b_u = 2.5: 2.75, 3.5, 3.5.
        m.scoreAll(1, out);
        assertThat(out).containsExactly(2.75f, 3.5f, 3.5f);
        // An unknown user gets mu + b_i, an unknown item mu + b_u.
        assertThat(m.predict(7, 0)).isEqualTo(3.25f);
        assertThat(m.predict(0, -1)).isEqualTo(3.5f);
    }

    @Test
    void summationOrderIsPartOfTheModel() {
        // k = 4, p = (1e8, 1, -1e8, 1), q = (1,1,1,1): SERIAL ((1e8 + 1) - 1e8) + 1 = 1 in float,
        // LANES (1e8 + 1) + (-1e8 + 1) = 0. predict and scoreAll agree in each order.
        float[] p = {1e8f, 1, -1e8f, 1};
        float[] q = {1, 1, 1, 1};
        for (Summation order : Summation.values()) {
            FactorModel m = FactorModel.of("t", PR, new FactorModel.Parts(4, 0f, null, null, p, q),
                    FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.P, FactorModel.Field.Q), order,
                    FactorModel.RIDGE, false);
            float[] out = new float[1];
            m.scoreAll(0, out);
            float expected = order == Summation.SERIAL ? 1f : 0f;
            assertThat(out[0]).as("%s", order).isEqualTo(expected);
            assertThat(m.score(0, 0)).as("%s", order).isEqualTo(expected);
            assertThat(m).isNotInstanceOf(RatingPredictor.class);
        }
    }

    @Test
    void cosineIsZeroForRowsWithoutData() {
        // Rows (1,0), (2,0), (0,3), (0,0): cos to row 0 = 1, 1, 0 and 0 for the all-zero row.
        RatingFactorModel m = FactorModel.biased("t", PR, 2, 0f, new float[1], new float[4], new float[2],
                new float[] {1, 0, 2, 0, 0, 3, 0, 0}, 1f);
        float[] out = new float[4];
        m.similarTo(0, out);
        assertThat(out).containsExactly(1f, 1f, 0f, 0f);
    }

    @Test
    void ridgeSolvesTheNormalEquationsByHand() {
        // Item rows q0 = (1,0), q1 = (0,2), q2 = (1,1); residuals 1, 2, 3; lambda = 1.
        // A = Q^T Q + I = [[1+0+1+1, 0+0+1], [1, 0+4+1+1]] = [[3,1],[1,6]]; b = Q^T res = (1+3, 4+3) = (4, 7).
        // det = 18 - 1 = 17; p = ((6*4 - 1*7)/17, (3*7 - 1*4)/17) = (1, 1).
        float[] q = {1, 0, 0, 2, 1, 1};
        float[] p = FactorModel.ridge(q, 2, new int[] {0, 1, 2}, new double[] {1, 2, 3}, 1.0);
        assertThat(p).containsExactly(new float[] {1f, 1f}, within(1e-6f));
        // Only item 1 = (0,2), residual 4, lambda 4: A = [[4,0],[0,8]], b = (0, 8) -> p = (0, 1).
        p = FactorModel.ridge(q, 2, new int[] {1}, new double[] {4}, 4.0);
        assertThat(p).containsExactly(new float[] {0f, 1f}, within(1e-6f));
    }

    @Test
    void ridgeFoldInByHand() {
        // k = 1, q = (1, 2), mu = 0, b_i = 0, regFactor = 1; the new user rates item 1 with 6.
        // b_u = (6 - 0 - 0) / (5 + 1) = 1; residual 6 - 1 = 5; lambda = 1 * 1 + 1 = 2;
        // p = q_1 res / (q_1^2 + lambda) = 10 / 6 = 5/3. Scores: 1 + 5/3 * 1 = 8/3, 1 + 5/3 * 2 = 13/3.
        RatingFactorModel m = FactorModel.biased("t", PR, 1, 0f, new float[1], new float[2], new float[1],
                new float[] {1, 2}, 1f);
        float[] out = new float[2];
        m.scoreFoldIn(new int[] {1}, new float[] {6}, out);
        assertThat(out).containsExactly(new float[] {8f / 3, 13f / 3}, within(1e-5f));
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {2}, new float[] {4}, out))
                .hasMessageContaining("fold-in: item 2 outside 0..1");
        assertThatThrownBy(() -> m.scoreFoldIn(new int[] {1}, new float[] {4}, new float[3]))
                .hasMessageContaining("output length 3, expected 2");
    }

    @Test
    void fieldsAreEqualByKindAndName() {
        // Field writes out equals and hashCode (start-up: no record bootstrap); they must still be the record's.
        FactorModel.Field f = FactorModel.Field.floatExtra("regFactor");
        assertThat(f).isEqualTo(FactorModel.Field.floatExtra("regFactor")).hasSameHashCodeAs(
                FactorModel.Field.floatExtra("regFactor"));
        assertThat(f).isNotEqualTo(FactorModel.Field.doublesExtra("regFactor"))
                .isNotEqualTo(FactorModel.Field.floatExtra("reg")).isNotEqualTo(null).isNotEqualTo("regFactor");
        assertThat(new FactorModel.Field(FactorModel.Field.Kind.P, "p")).isEqualTo(FactorModel.Field.P);
        assertThat(FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.MEAN, FactorModel.Field.floatExtra(
                "regFactor"), FactorModel.Field.USER_BIAS, FactorModel.Field.ITEM_BIAS, FactorModel.Field.P,
                FactorModel.Field.Q)).isEqualTo(FactorModel.BIASED).isNotEqualTo(FactorModel.IMPLICIT);
    }

    @Test
    void biasedLayoutIsTheBiasedMfV1Layout() throws IOException {
        // The biased-mf v1 payload: k, mean, regFactor, then user biases, item biases, p, q.
        RatingFactorModel m = small();
        ByteArrayOutputStream old = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(old);
        out.writeInt(2);
        out.writeFloat(3f);
        out.writeFloat(1f);
        ModelIO.writeFloats(out, new float[] {0.5f, -0.5f});
        ModelIO.writeFloats(out, new float[] {0.25f, 0f, -1f});
        ModelIO.writeFloats(out, new float[] {1, 2, 0, 1});
        ModelIO.writeFloats(out, new float[] {1, 0, 0, 1, 2, 2});
        assertThat(payload(m)).isEqualTo(old.toByteArray());
    }

    @Test
    void payloadRoundTripGivesIdenticalScoresAndBytes() throws IOException {
        float[] y = {0.5f, 0, 0, 0.5f, 1, -1};
        float[] z = {0.25f, 0.25f, 0, 0};
        RatingFactorModel m = FactorModel.implicit("t", PR, 2, 3f, new float[] {0.5f, -0.5f},
                new float[] {0.25f, 0f, -1f}, new float[] {1, 2, 0, 1}, new float[] {1, 0, 0, 1, 2, 2}, y, z, 1f);
        byte[] bytes = payload(m);
        RatingFactorModel back = FactorModel.read(new DataInputStream(new ByteArrayInputStream(bytes)), PR, "t",
                FactorModel.IMPLICIT);
        assertThat(payload(back)).isEqualTo(bytes);
        float[] a = new float[3];
        float[] b = new float[3];
        for (int u = 0; u < 2; u++) {
            m.scoreAll(u, a);
            back.scoreAll(u, b);
            assertThat(b).containsExactly(a);
        }
        // user 0: p + z = (1.25, 2.25): item 2 = 3.5 - 1 + 2 * 3.5 = 9.5.
        assertThat(back.predict(0, 2)).isEqualTo(9.5f);
        assertThat(back.withProvenance(PR)).isInstanceOf(RatingFactorModel.class);
    }

    @Test
    void extrasOfEveryTypeRoundTrip() throws IOException {
        FactorModel.Layout layout = FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.intExtra("i"),
                FactorModel.Field.longExtra("l"), FactorModel.Field.booleanExtra("b"),
                FactorModel.Field.floatsExtra("fs"), FactorModel.Field.doublesExtra("ds"), FactorModel.Field.P,
                FactorModel.Field.Q);
        FactorModel.Parts parts = new FactorModel.Parts(1, 0f, null, null, new float[] {1}, new float[] {2, 3})
                .with("i", 7).with("l", 1L << 40).with("b", true).with("fs", new float[] {1.5f})
                .with("ds", new double[] {0.1});
        FactorModel m = FactorModel.of("t", PR, parts, layout, Summation.LANES, FactorModel.RIDGE, false);
        FactorModel.Parts back = FactorModel.readParts(new DataInputStream(new ByteArrayInputStream(payload(m))), "t",
                layout);
        assertThat(back.extras().get("i")).isEqualTo(7);
        assertThat(back.extras().get("l")).isEqualTo(1L << 40);
        assertThat(back.extras().get("b")).isEqualTo(true);
        assertThat((float[]) back.extras().get("fs")).containsExactly(1.5f);
        assertThat((double[]) back.extras().get("ds")).containsExactly(0.1);
        assertThat(back.q()).containsExactly(2, 3);
    }

    @Test
    void inconsistentPartsAndLayoutsAreRejectedWithTheReason() throws IOException {
        assertThatThrownBy(() -> FactorModel.biased("t", PR, 2, 0f, new float[2], new float[2], new float[4],
                new float[6], 1f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 item biases for 3 items");
        assertThatThrownBy(() -> FactorModel.biased("t", PR, 2, 0f, new float[2], new float[3], new float[3],
                new float[6], 1f)).hasMessageContaining("multiples of k=2");
        assertThatThrownBy(() -> FactorModel.of("t", PR, new FactorModel.Parts(1, 0f, new float[1], null,
                        new float[1], new float[1]), FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.P,
                        FactorModel.Field.Q), Summation.LANES, FactorModel.RIDGE, false))
                .hasMessageContaining("lacks userBias");
        assertThatThrownBy(() -> FactorModel.of("t", PR, new FactorModel.Parts(1, 0f, null, null, new float[1],
                        new float[1]), FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.floatExtra("reg"),
                        FactorModel.Field.P, FactorModel.Field.Q), Summation.LANES, FactorModel.RIDGE, false))
                .hasMessageContaining("extra 'reg' must be a Float");
        assertThatThrownBy(() -> FactorModel.Layout.of(FactorModel.Field.K, FactorModel.Field.P))
                .hasMessageContaining("needs k, p and q");
        // A payload whose item biases do not match its item factors: 2 item biases, 3 items.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeFloat(0f);
        out.writeFloat(1f);
        ModelIO.writeFloats(out, new float[1]);
        ModelIO.writeFloats(out, new float[2]);
        ModelIO.writeFloats(out, new float[1]);
        ModelIO.writeFloats(out, new float[3]);
        assertThatThrownBy(() -> FactorModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                PR, "biased-mf", FactorModel.BIASED)).isInstanceOf(IOException.class)
                .hasMessageContaining("biased-mf payload is inconsistent: 2 item biases for 3 items");
    }
}
