#!/bin/bash
# Soak: recommendations for known users under wrk for SECONDS (default 600), resident memory and heap every 30 s.
# Usage: movierec-server/bench/soak.sh MODEL DATA_DIR [USERS] [SECONDS] [CONNECTIONS]   (from the repository root)
# Example: movierec-server/bench/soak.sh ml100k-mf.bin ../shared/datasets/ml-100k 943 600 4
set -eu
model=$1; data=$2; users=${3:-943}; seconds=${4:-600}; conns=${5:-4}; port=${PORT:-18081}
dir=$(mktemp -d); log=${LOG:-soak.log}; : > "$log"
./movierec serve --model "$model" --data "$data" --db "jdbc:sqlite:$dir/soak.db" --port "$port" --rate-limit 0 \
  --no-watch --admin-token soak > "$dir/server.log" 2>&1 &
launcher=$!
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.3; done
pid=$(pgrep -f -- "--port $port" | grep -v "^$launcher$" | head -1 || true); pid=${pid:-$launcher}
echo "server pid $pid, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M:%S)" >> "$log"
( for t in $(seq 0 30 "$seconds"); do
    echo "t=$t s rss_kb=$(awk '/VmRSS/{print $2}' /proc/$pid/status) $(jcmd "$pid" GC.heap_info 2>/dev/null \
      | grep -E 'heap|PSYoungGen' | head -1 | sed 's/^ *//')" >> "$log"
    sleep 30
  done ) &
sampler=$!
MOVIEREC_USERS=$users wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$(dirname "$0")/users.lua" \
  "http://127.0.0.1:$port" >> "$log" 2>&1
wait $sampler || true
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^movierec_http_requests_total\{method="GET",route="/api/users/\{userId\}/recommendations"' >> "$log" || true
echo "end $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"
kill "$pid" 2>/dev/null || true; wait 2>/dev/null || true
rm -rf "$dir"
cat "$log"
