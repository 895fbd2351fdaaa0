#!/bin/bash
# Parquet input against the MovieLens CSV reader on the same 25M rows (BENCHMARKS.md, "Parquet input at 25M rows").
# Not part of the build. Usage: [JAVA_OPTS=...] bench/parquet-load.sh [JAR] [WORKDIR] [ROUNDS]
# JAVA_OPTS go to every measured JVM (e.g. -XX:+UseTransparentHugePages, which the launcher adds).
# Writes the synthetic data once (about 1 GB under WORKDIR), then runs the rounds back to back.
set -euo pipefail
J=${1:-movierec-cli/target/movierec.jar}
W=${2:-/tmp/movierec-parquet-bench}
ROUNDS=${3:-3}
SYNTH="--users 162541 --movies 59047 --ratings 25000000 --seed 42"
mkdir -p "$W"
[ -f "$W/csv/ratings.csv" ] || java -Xmx6g -jar "$J" data synth $SYNTH --format csv --out "$W/csv" > /dev/null
[ -f "$W/pq/ratings.parquet" ] || java -Xmx6g -jar "$J" data synth $SYNTH --format parquet --out "$W/pq" > /dev/null
for r in $(seq 1 "$ROUNDS"); do
  echo "=== round $r $(date -u +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)"
  java -Xmx1500m ${JAVA_OPTS:-} -cp "$J" org.movierec.data.io.LoadBenchmark "$W/csv" --repeat 2 --reader both
  java -Xmx1500m ${JAVA_OPTS:-} -cp "$J" org.movierec.data.io.LoadBenchmark "$W/pq/ratings.parquet" --repeat 2
  /usr/bin/time -f "csv data info: wall %e s, user %U s, sys %S s, max RSS %M KB" \
    java -Xmx4g ${JAVA_OPTS:-} -jar "$J" data info "$W/csv" > /dev/null
  /usr/bin/time -f "parquet data info: wall %e s, user %U s, sys %S s, max RSS %M KB" \
    java -Xmx4g ${JAVA_OPTS:-} -jar "$J" data info "$W/pq/ratings.parquet" > /dev/null
done
