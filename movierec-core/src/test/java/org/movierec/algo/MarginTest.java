package org.movierec.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.movierec.algo.AlgorithmContract.Margin;

/** A learning margin cannot be zero or negative: a bar a worse model clears is no test. */
class MarginTest {
    @Test
    void onlyPositiveMarginsOrAStatedReason() {
        assertThat(Margin.of(0.01).value()).isEqualTo(0.01);
        assertThatThrownBy(() -> Margin.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive, got 0.0");
        assertThatThrownBy(() -> Margin.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Margin.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Margin.notApplicable("predicts no ratings").notApplicable()).isEqualTo("predicts no ratings");
        assertThatThrownBy(() -> Margin.notApplicable(null)).isInstanceOf(NullPointerException.class);
    }
}
