package org.movierec.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (a token, or the client address for requests without one): {@code rate}
 * requests per second with bursts of {@code burst}. A rate of 0 turns limiting off.
 */
final class RateLimiter {
    private final double rate;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    RateLimiter(double rate, double burst) {
        this.rate = rate;
        this.burst = Math.max(1, burst);
    }

    boolean enabled() {
        return rate > 0;
    }

    /** True when a request under {@code key} may go ahead now. */
    boolean tryAcquire(String key) {
        if (rate <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (buckets.size() > 100_000) {
            buckets.clear(); // bounded memory under many distinct keys
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.last) * 1e-9 * rate);
            b.last = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
