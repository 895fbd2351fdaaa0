package org.movierec.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void rewritesPythonReprAsJson() throws Exception {
        String py = "[{'name': \"O'Brien\", 'q': 'say \"hi\"', 'e': 'a\\'b\\\\c\\x41\\u00e9\\U0001F600\\n', "
                + "'none': None, 't': True, 'f': False, 'n': -1.5e3, 'l': [1, 2], 'None in text': 'True'}]";
        JsonNode n = json.readTree(PythonLiteral.toJson(py)).get(0);
        assertThat(n.get("name").asText()).isEqualTo("O'Brien");
        assertThat(n.get("q").asText()).isEqualTo("say \"hi\"");
        assertThat(n.get("e").asText()).isEqualTo("a'b\\cA\u00e9\uD83D\uDE00\n");
        assertThat(n.get("none").isNull()).isTrue();
        assertThat(n.get("t").asBoolean()).isTrue();
        assertThat(n.get("f").isBoolean()).isTrue();
        assertThat(n.get("f").asBoolean()).isFalse();
        assertThat(n.get("n").asDouble()).isEqualTo(-1500.0);
        assertThat(n.get("l").size()).isEqualTo(2);
        assertThat(n.get("None in text").asText()).isEqualTo("True");
    }

    @Test
    void leavesJsonAsItIs() {
        String j = "[{\"name\": \"A \\\"B\\\" \\u00e9\", \"x\": null, \"y\": true}]";
        assertThat(PythonLiteral.toJson(j)).isEqualTo(j);
    }

    @Test
    void refusesBrokenStringsAndEscapes() {
        assertThatThrownBy(() -> PythonLiteral.toJson("['abc")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> PythonLiteral.toJson("['a\\qb']")).hasMessageContaining("unknown escape \\q");
        assertThatThrownBy(() -> PythonLiteral.toJson("['a\\xZ1']")).hasMessageContaining("hexadecimal digit");
    }
}
