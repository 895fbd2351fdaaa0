package org.movierec.algo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link MfHarness} from Maven; disabled unless {@code movierec.harness} names an algorithm:
 * <pre>
 * mvn -o -q -pl movierec-core test -Dtest=MfHarnessTest -Dmovierec.harness=svdpp \
 *     -Dmovierec.harness.mode=test -Dmovierec.harness.params="factors=100,epochs=20"
 * </pre>
 */
class MfHarnessTest {
    @Test
    @EnabledIfSystemProperty(named = "movierec.harness", matches = ".+")
    void measure() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        String text = System.getProperty("movierec.harness.params", "");
        for (String kv : text.split(",")) {
            if (!kv.isBlank()) {
                params.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        MfHarness.run(System.getProperty("movierec.harness"), System.getProperty("movierec.harness.mode", "test"),
                params, true);
    }
}
