package org.movierec.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency histograms in the Prometheus text format (version 0.0.4): small
 * enough to write by hand, so the server needs no metrics library.
 */
final class Metrics {
    static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

    private final ConcurrentHashMap<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Histogram> latency = new ConcurrentHashMap<>();

    private static final class Histogram {
        final AtomicLongArray counts = new AtomicLongArray(BUCKETS.length + 1);
        final DoubleAdder sum = new DoubleAdder();
    }

    /** The series of one method, route and status: its counter and its route's histogram. */
    private record Series(LongAdder count, Histogram latency) {
    }

    /** Series by method, then route, then status: no label string built per request. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<Integer, Series>>> series =
            new ConcurrentHashMap<>();

    void record(String method, String route, int status, double seconds) {
        Series ser = series.computeIfAbsent(method, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, st -> {
                    String key = "method=\"" + method + "\",route=\"" + escape(route) + "\"";
                    return new Series(requests.computeIfAbsent(key + ",status=\"" + st + "\"", k -> new LongAdder()),
                            latency.computeIfAbsent(key, k -> new Histogram()));
                });
        ser.count().increment();
        Histogram h = ser.latency();
        int b = 0;
        while (b < BUCKETS.length && seconds > BUCKETS[b]) {
            b++;
        }
        h.counts.incrementAndGet(b);
        h.sum.add(seconds);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** The exposition text, with the given gauges (name -> value; a name may carry labels). */
    String render(Map<String, Double> gauges, Map<String, String> help) {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("# HELP movierec_http_requests_total HTTP requests by method, route and status.\n");
        sb.append("# TYPE movierec_http_requests_total counter\n");
        for (var e : new TreeMap<>(requests).entrySet()) {
            sb.append("movierec_http_requests_total{").append(e.getKey()).append("} ").append(e.getValue().sum())
                    .append('\n');
        }
        sb.append("# HELP movierec_http_request_duration_seconds HTTP request latency by method and route.\n");
        sb.append("# TYPE movierec_http_request_duration_seconds histogram\n");
        for (var e : new TreeMap<>(latency).entrySet()) {
            Histogram h = e.getValue();
            long cum = 0;
            for (int b = 0; b <= BUCKETS.length; b++) {
                cum += h.counts.get(b);
                String le = b < BUCKETS.length ? Double.toString(BUCKETS[b]) : "+Inf";
                sb.append("movierec_http_request_duration_seconds_bucket{").append(e.getKey()).append(",le=\"")
                        .append(le).append("\"} ").append(cum).append('\n');
            }
            sb.append("movierec_http_request_duration_seconds_sum{").append(e.getKey()).append("} ")
                    .append(h.sum.sum()).append('\n');
            sb.append("movierec_http_request_duration_seconds_count{").append(e.getKey()).append("} ").append(cum)
                    .append('\n');
        }
        String last = null;
        for (var e : gauges.entrySet()) {
            String name = e.getKey();
            int brace = name.indexOf('{');
            String base = brace < 0 ? name : name.substring(0, brace);
            if (!base.equals(last)) {
                sb.append("# HELP ").append(base).append(' ').append(help.getOrDefault(base, base)).append('\n');
                sb.append("# TYPE ").append(base).append(" gauge\n");
                last = base;
            }
            sb.append(name).append(' ').append(e.getValue()).append('\n');
        }
        return sb.toString();
    }
}
