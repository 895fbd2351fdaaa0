package org.movierec.neural.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WeightAverageTest {
    @Test
    void aDenseParameterIsAveragedAfterEveryStep() {
        Param p = Param.dense("p", 1, 2, true);
        p.value[0] = 1f;
        p.value[1] = -2f;
        WeightAverage a = new WeightAverage(List.of(p), 0.5f);
        p.value[0] = 3f; // a step moves the weights
        p.value[1] = 2f;
        a.beforeStep();
        a.afterStep();
        p.value[0] = 5f;
        p.value[1] = 2f;
        a.afterStep();
        a.showAverage();
        // a = 0.5 (0.5 * 0 + 0.5 * 3) + 0.5 * 5 = 3.25, shown as 3.25 / (1 - 0.5^2): the steps' values weighted
        // 0.25 and 0.5, the initial 1 not at all; a = 0.5 (0.5 * 2) + 0.5 * 2 = 1.5, shown 2
        assertThat(p.value[0]).isCloseTo(13f / 3, Offset.offset(1e-6f));
        assertThat(p.value[1]).isEqualTo(2f);
        a.showRaw();
        assertThat(p.value).containsExactly(5f, 2f);
    }

    @Test
    void beforeAnyStepTheAverageIsTheWeights() {
        Param p = Param.dense("p", 1, 2, true);
        p.value[0] = 1.5f;
        WeightAverage a = new WeightAverage(List.of(p), 0.99f);
        a.showAverage();
        assertThat(p.value).containsExactly(1.5f, 0f);
    }

    /**
     * An embedding's rows are brought up to date only when a batch touches them and before the average is
     * shown; the result is that of updating every row after every step (a double reference here).
     */
    @Test
    void embeddingRowsAveragedLazilyEqualAveragingEveryRowEveryStep() {
        SplittableRandom rnd = new SplittableRandom(3);
        Embedding e = new Embedding("e", 7, 3, 0.5, rnd);
        Param p = e.table();
        float d = 0.9f;
        double[] ref = new double[p.size()]; // the running average from zero
        WeightAverage a = new WeightAverage(List.of(p), d);
        for (int step = 0; step < 60; step++) {
            for (int r = 0; r < 7; r++) {
                if (rnd.nextInt(4) == 0 || (r == 6 && step == 59)) {
                    p.touch(r);
                }
            }
            a.beforeStep();
            for (int k = 0; k < p.touchedCount(); k++) { // the optimizer moves the touched rows only
                int r = p.touchedRow(k);
                for (int c = 0; c < 3; c++) {
                    p.value[r * 3 + c] += (float) (rnd.nextDouble() - 0.5);
                }
            }
            p.zeroGrad();
            a.afterStep();
            for (int j = 0; j < ref.length; j++) {
                ref[j] = d * ref[j] + (1 - d) * p.value[j];
            }
        }
        float[] raw = p.value.clone();
        a.showAverage();
        double norm = 1 - Math.pow(d, 60);
        for (int j = 0; j < ref.length; j++) {
            assertThat((double) p.value[j]).as("entry %d", j).isCloseTo(ref[j] / norm, Offset.offset(1e-5));
        }
        assertThat(p.value).isNotEqualTo(raw);
        a.showRaw();
        assertThat(p.value).containsExactly(raw);
    }

    @Test
    void nonTrainableParametersAreLeftAsTheyAre() {
        Param stats = new Param("running", 1, 2, false, false, false);
        WeightAverage a = new WeightAverage(List.of(stats), 0.5f);
        stats.value[0] = 4f;
        a.afterStep();
        stats.value[0] = 8f; // averaged, it would show (0.25 * 4 + 0.5 * 8) / 0.75 = 6.67
        a.afterStep();
        a.showAverage();
        assertThat(stats.value).containsExactly(8f, 0f);
    }

    @Test
    void theDecayMustBeBelowOne() {
        Param p = Param.dense("p", 1, 1, true);
        assertThatThrownBy(() -> new WeightAverage(List.of(p), 1f)).hasMessage("emaDecay must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new WeightAverage(List.of(p), -0.1f)).hasMessageContaining("emaDecay");
    }
}
