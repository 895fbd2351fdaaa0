package org.movierec.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    enum Activation { RELU, GELU }

    /** A tower of a neural model: a nested record with a list and a range check. */
    record Tower(List<Integer> layers, double dropout, Activation activation) {
        static final Tower DEFAULTS = new Tower(List.of(64, 32), 0.0, Activation.RELU);

        Tower {
            layers = List.copyOf(layers);
            if (layers.isEmpty() || layers.stream().anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("layers must be one or more sizes >= 1, got " + layers);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    record Base(String algorithm, Map<String, String> params) {
        Base {
            if (algorithm == null || algorithm.isBlank()) {
                throw new IllegalArgumentException("algorithm is required");
            }
            params = params == null ? Map.of() : Map.copyOf(params);
        }
    }

    record Net(List<Integer> layers, Tower user, Tower movie, List<Float> rates, List<Base> bases) {
    }

    static final Net NET = new Net(List.of(256, 128, 64), Tower.DEFAULTS, new Tower(List.of(16), 0.5, Activation.GELU),
            List.of(0.1f), List.of(new Base("bias", Map.of())));

    @Test
    void bindsListsNestedRecordsAndEnumsFromCommandLineText() {
        Net n = Params.bind(NET, Map.of("layers", "[512, 8]", "user.layers", "[4,2,1]", "user.dropout", "0.25",
                "movie.activation", "relu", "rates", "[0.5,1e-3]"), "ncf");
        assertThat(n.layers()).containsExactly(512, 8);
        assertThat(n.user()).isEqualTo(new Tower(List.of(4, 2, 1), 0.25, Activation.RELU));
        // Left-out keys of a nested record keep that record's defaults, not the type's.
        assertThat(n.movie()).isEqualTo(new Tower(List.of(16), 0.5, Activation.RELU));
        assertThat(n.rates()).containsExactly(0.5f, 1e-3f);
        assertThat(n.bases()).isEqualTo(NET.bases());
    }

    @Test
    void bindsListsOfRecordsWithNestedParameterMaps() {
        Net n = Params.bind(NET, Map.of("bases",
                "[{algorithm: bias}, {algorithm: fm, params: {rank: 4, tower: {layers: [8, 4]}}}]"), "blend");
        assertThat(n.bases()).containsExactly(new Base("bias", Map.of()),
                new Base("fm", Map.of("rank", "4", "tower.layers", "[8,4]")));
        // A whole nested record given as a map: its left-out keys keep their defaults.
        assertThat(Params.bind(NET, Map.of("user", "{dropout: 0.1}"), "ncf").user())
                .isEqualTo(new Tower(List.of(64, 32), 0.1, Activation.RELU));
    }

    @Test
    void toMapFlattensNestedRecordsAndRoundTrips() {
        Map<String, String> m = Params.toMap(NET);
        assertThat(m).containsEntry("layers", "[256,128,64]").containsEntry("user.layers", "[64,32]")
                .containsEntry("movie.dropout", "0.5").containsEntry("movie.activation", "GELU")
                .containsEntry("bases", "[{algorithm: bias, params: {}}]");
        Net other = new Net(List.of(3), new Tower(List.of(5), 0.2, Activation.GELU), Tower.DEFAULTS, List.of(),
                List.of(new Base("fm", Map.of("rank", "4"))));
        assertThat(Params.bind(NET, Params.toMap(other), "x")).isEqualTo(other);
    }

    @Test
    void unknownNestedKeyNamesTheFullPathTheValueAndTheValidKeysWithTypes() {
        assertThatThrownBy(() -> Params.bind(NET, Map.of("user.dropot", "0.1"), "ncf"))
                .isInstanceOf(Params.ParamException.class)
                .hasMessage("ncf: unknown key 'user.dropot' (value '0.1'); valid keys under 'user': "
                        + "layers (list of int as [a,b,...]), dropout (double), activation (one of [relu, gelu])")
                .extracting(e -> ((Params.ParamException) e).key()).isEqualTo("user.dropot");
    }

    @Test
    void wrongTypesNameThePathTheValueAndTheType() {
        assertThatThrownBy(() -> Params.bind(NET, Map.of("user.layers", "[64, x]"), "ncf"))
                .hasMessage("ncf: user.layers[1]='x' is not a valid int");
        assertThatThrownBy(() -> Params.bind(NET, Map.of("layers", "64"), "ncf"))
                .hasMessage("ncf: layers='64' is not a valid list of int as [a,b,...]");
        assertThatThrownBy(() -> Params.bind(NET, Map.of("movie.activation", "tanh"), "ncf"))
                .hasMessage("ncf: movie.activation='tanh' is not a valid one of [relu, gelu]");
        assertThatThrownBy(() -> Params.bind(NET, Map.of("layers", "[1, 2"), "ncf"))
                .hasMessageStartingWith("ncf: layers='[1, 2' is not valid list/map text");
        assertThatThrownBy(() -> Params.bind(NET, Map.of("user", "[1]"), "ncf"))
                .hasMessage("ncf: user=[1] is not a valid Tower {layers, dropout, activation}");
    }

    @Test
    void outOfRangeValuesInNestedRecordsCarryTheRecordsMessageAndThePath() {
        assertThatThrownBy(() -> Params.bind(NET, Map.of("user.dropout", "1.5"), "ncf"))
                .isInstanceOf(Params.ParamException.class)
                .hasMessage("ncf: invalid 'user' (user.dropout='1.5'): dropout must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> Params.bind(NET, Map.of("bases", "[{params: {rank: 4}}]"), "blend"))
                .hasMessage("blend: invalid 'bases[0]' (bases[0].params={rank: 4}): algorithm is required");
    }

    @Test
    void aKeyGivenWholeAndDottedIsRejected() {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        m.put("user", "{dropout: 0.1}");
        m.put("user.layers", "[1]");
        assertThatThrownBy(() -> Params.bind(NET, m, "ncf")).hasMessageContaining("'user' is given both whole");
    }

    @Test
    void readsYamlAndJsonFilesAsTreesThatBindLikeText(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("net.yaml");
        Files.writeString(yaml, """
                layers: [512, 8]
                user:
                  layers: [4, 2]
                  dropout: 0.25
                rates: [1e-3]
                bases:
                  - algorithm: bias
                  - algorithm: fm
                    params: {rank: 4}
                """);
        Path json = dir.resolve("net.json");
        Files.writeString(json, """
                {"layers": [512, 8], "user": {"layers": [4, 2], "dropout": 0.25}, "rates": [0.001],
                 "bases": [{"algorithm": "bias"}, {"algorithm": "fm", "params": {"rank": 4}}]}
                """);
        Net expected = new Net(List.of(512, 8), new Tower(List.of(4, 2), 0.25, Activation.RELU), NET.movie(),
                List.of(1e-3f), List.of(new Base("bias", Map.of()), new Base("fm", Map.of("rank", "4"))));
        assertThat(Params.bind(NET, Params.readTree(yaml), "net")).isEqualTo(expected);
        assertThat(Params.bind(NET, Params.readTree(json), "net")).isEqualTo(expected);
        Files.writeString(yaml, "layers: [1]\nlayers: [2]\n");
        assertThatThrownBy(() -> Params.readTree(yaml)).hasMessageContaining("Duplicate field 'layers'");
        Files.writeString(yaml, "user:\n  dropout: 2\n");
        assertThatThrownBy(() -> Params.bind(NET, Params.readTree(yaml), "net"))
                .hasMessage("net: invalid 'user' (user.dropout='2'): dropout must be in [0, 1), got 2.0");
    }
}
