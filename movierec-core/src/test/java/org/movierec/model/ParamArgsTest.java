package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamArgsTest {
    static final Set<String> KNOWN = Set.of("bias", "fm", "ncf");

    @Test
    void qualifiedKeysEverywhereAndBareKeysWithOneAlgorithm() {
        assertThat(ParamArgs.parse(List.of("fm.rank=4", "bias.regUser=5", "fm.tower.layers=[8,4]"),
                List.of("bias", "fm"), KNOWN::contains))
                .isEqualTo(Map.of("bias", Map.of("regUser", "5"), "fm", Map.of("rank", "4", "tower.layers", "[8,4]")));
        // One algorithm: bare keys, dotted nested keys and the qualified form all belong to it.
        assertThat(ParamArgs.parse(List.of("rank=4", "tower.dropout=0.1", "ncf.layers=[1,2]"), List.of("ncf"),
                KNOWN::contains)).isEqualTo(Map.of("ncf", Map.of("rank", "4", "tower.dropout", "0.1",
                "layers", "[1,2]")));
        assertThat(ParamArgs.parse(List.of(), List.of("bias"), KNOWN::contains)).isEqualTo(Map.of("bias", Map.of()));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ParamArgs.parse(List.of("rank=4"), List.of("bias", "fm"), KNOWN::contains))
                .hasMessage("--param 'rank=4': with several algorithms, say which one: algo.key=value with algo one "
                        + "of bias, fm");
        assertThatThrownBy(() -> ParamArgs.parse(List.of("fm.rank=4"), List.of("bias"), KNOWN::contains))
                .hasMessage("--param 'fm.rank=4' names algorithm 'fm', which is not in --algo bias");
        assertThatThrownBy(() -> ParamArgs.parse(List.of("rank"), List.of("fm"), KNOWN::contains))
                .hasMessage("--param 'rank' is not of the form key=value or algo.key=value");
        assertThatThrownBy(() -> ParamArgs.parse(List.of("rank=4", "fm.rank=5"), List.of("fm"), KNOWN::contains))
                .hasMessage("--param fm.rank is given twice");
    }

    @Test
    void valuesSplitAtTopLevelCommasOnly() {
        assertThat(ParamArgs.splitValues("1e-4, 3e-4,1e-3")).containsExactly("1e-4", "3e-4", "1e-3");
        assertThat(ParamArgs.splitValues("[64,32],[128,64]")).containsExactly("[64,32]", "[128,64]");
        assertThat(ParamArgs.splitValues("{a: 1, b: 2},'x,y'")).containsExactly("{a: 1, b: 2}", "'x,y'");
        assertThatThrownBy(() -> ParamArgs.splitValues("1,,2")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> ParamArgs.splitValues("[1,2")).hasMessageContaining("unbalanced");
    }
}
