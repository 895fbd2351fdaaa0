package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    enum Mode { FAST, EXACT }

    record Cfg(int factors, float reg, double lr, long seed, boolean bias, String name, Mode mode) {
        Cfg {
            if (factors < 1) {
                throw new IllegalArgumentException("factors must be >= 1, got " + factors);
            }
        }
    }

    static final Cfg DEFAULTS = new Cfg(10, 0.1f, 0.01, 42, true, "x", Mode.FAST);

    @Test
    void overridesNamedComponentsAndKeepsTheRest() {
        Cfg c = Params.bind(DEFAULTS, Map.of("factors", "64", "mode", "exact", "bias", "false"));
        assertThat(c).isEqualTo(new Cfg(64, 0.1f, 0.01, 42, false, "x", Mode.EXACT));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> Params.bind(DEFAULTS, Map.of("factor", "3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor").hasMessageContaining("factors (int)");
    }

    @Test
    void badValueNamesParameterAndType() {
        assertThatThrownBy(() -> Params.bind(DEFAULTS, Map.of("reg", "abc")))
                .hasMessageContaining("reg='abc'").hasMessageContaining("float");
        assertThatThrownBy(() -> Params.bind(DEFAULTS, Map.of("bias", "yes"))).hasMessageContaining("bias='yes'");
    }

    @Test
    void recordValidationSurfaces() {
        assertThatThrownBy(() -> Params.bind(DEFAULTS, Map.of("factors", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors must be >= 1");
    }

    @Test
    void parsesPairsAndRoundTripsThroughToMap() {
        Map<String, String> m = Params.parsePairs(List.of("factors=5", " reg = 0.5"));
        assertThat(m).containsEntry("factors", "5").containsEntry("reg", "0.5");
        assertThatThrownBy(() -> Params.parsePairs(List.of("nonsense"))).hasMessageContaining("name=value");
        Cfg c = Params.bind(DEFAULTS, Params.toMap(new Cfg(3, 2f, 0.5, 7, false, "y", Mode.EXACT)));
        assertThat(c).isEqualTo(new Cfg(3, 2f, 0.5, 7, false, "y", Mode.EXACT));
    }
}
