#!/bin/bash
# Spark MLlib ALS (local[2], through `./movierec spark`) and movierec side by side on one ML-25M-shaped dataset,
# rank 64: reading the ratings, ALS iterations, and the top 10 of every user (seen movies excluded on both sides).
# Usage (from the repository root): bench/spark-vs-movierec.sh DATA_DIR [ITERATIONS]
#   DATA_DIR: ./movierec data synth --users 162000 --movies 59000 --ratings 25000000 --format csv --out DIR --seed 1
# Not part of the build; prints each step's own timings and /usr/bin/time's wall, CPU and peak RSS.
set -eu
data=$1; it=${2:-2}; out=$(mktemp -d)
t() { /usr/bin/time -f "   (%e s wall, %U s user CPU, %M KB peak RSS)" "$@"; }
say() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg): $*"; }
say "spark train-als, rank 64, $it iterations"
MOVIEREC_JAVA_OPTS=-Xmx8g t ./movierec spark train-als --ratings "$data/ratings.csv" --out "$out/spark" --rank 64 \
  --iterations "$it" --reg 0.1
say "spark recommend-all, top 10, seen excluded"
MOVIEREC_JAVA_OPTS=-Xmx8g t ./movierec spark recommend-all --model "$out/spark" --train "$data/ratings.csv" \
  --out "$out/spark-recs" --k 10
say "movierec train als, rank 64, $it iterations"
MOVIEREC_JAVA_OPTS=-Xmx4g t ./movierec train --algo als --data "$data" --param factors=64 --param iterations="$it" \
  --out "$out/als.bin"
say "movierec recommend --all, top 10, exact"
MOVIEREC_JAVA_OPTS=-Xmx4g t ./movierec recommend --model "$out/als.bin" --all --out "$out/recs.csv"
wc -l "$out/recs.csv"
say done
rm -rf "$out"
