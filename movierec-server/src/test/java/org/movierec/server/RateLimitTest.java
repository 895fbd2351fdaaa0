package org.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Per-token rate limits: 5 requests/s with bursts of 10; the 429 answer is JSON and names the limit. */
class RateLimitTest {
    @Test
    void tokensAreLimitedSeparately() throws Exception {
        try (MovieServer s = TestServers.start(TestServers.ROOT.resolve("ratelimit"), 5)) {
            int port = s.port();
            var a = TestServers.call(port, "POST", "/api/users", "{}", null).json();
            String token = a.get("token").asText();
            String path = "/api/users/" + a.get("userId").asText() + "/ratings/1";
            int ok = 0;
            int limited = 0;
            TestServers.Resp last = null;
            for (int k = 0; k < 40; k++) {
                TestServers.Resp r = TestServers.call(port, "PUT", path, "{\"rating\":4}", token);
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertThat(r.status()).isEqualTo(429);
                    limited++;
                    last = r;
                }
            }
            // a burst of 10 plus at most 5 per second of the (short) loop
            assertThat(limited).isPositive();
            assertThat(ok).isGreaterThanOrEqualTo(10).isLessThan(40);
            assertThat(last.json().get("error").asText()).contains("rate limit exceeded (5 requests per second");
            // another token has its own bucket
            TestServers.Resp other = TestServers.call(port, "GET", "/api/model", null, "someone-else");
            assertThat(other.status()).isEqualTo(200);
        }
    }
}
