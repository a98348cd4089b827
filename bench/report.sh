#!/usr/bin/env bash
# Turns a bench/run.sh results folder into the markdown table of docs/benchmarks.md: the median
# of every figure over the runs, and the gateway/direct ratios (computed per run, then the median).
# Usage: bench/report.sh bench/results/<time>
set -euo pipefail
DIR=${1:?usage: bench/report.sh RESULTS_DIR}
JAVA=${JAVA:-java}
METRICS=$DIR/metrics.tsv

# value KEY: the median over the runs of KEY.
value() {
    awk -F'\t' -v k="$1" '$1 > 0 && $2 == k && $3 != "" {print $3}' "$METRICS" | sort -g |
        awk '{v[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
             else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# derived OP A B: the median over the runs of (A op B), op being "-" or "/".
derived() {
    awk -F'\t' -v op="$1" -v a="$2" -v b="$3" '
        $2 == a {x[$1] = $3} $2 == b {y[$1] = $3}
        END { for (r in x) if (r > 0 && (r in y) && y[r] != 0 && x[r] != "" && y[r] != "")
                  print (op == "-" ? x[r] - y[r] : x[r] / y[r]) }' "$METRICS" | sort -g |
        awk '{v[NR] = $1} END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
             else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The startup figure is one per run, recorded with run number >= 1; the fake's warm-up is run 0.
runs=$(awk -F'\t' '$1 > 0 {print $1}' "$METRICS" | sort -u | wc -l)
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "n/a") print v; else printf f, v }'; }
rps() { fmt "$(value "$1")" "%.0f"; }
us() { fmt "$(value "$1")" "%.0f µs"; }
ratio() { fmt "$(derived / "$1" "$2")" "%.2f"; }
added() { fmt "$(derived - "$1" "$2")" "%.0f µs"; }

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)
jdk=$("$JAVA" -version 2>&1 | head -1)

cat <<EOF
Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($cpu), $jdk, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2).
Median of $runs runs; ratios and added latencies are computed within each run, then the median.
Load generator, fake upstream and gateway share the same cores.

| figure | direct | through the gateway | gateway/direct or added |
|---|---|---|---|
| throughput, 16 connections | $(rps direct.c16.rps) req/s | $(rps gateway.c16.rps) req/s | $(ratio gateway.c16.rps direct.c16.rps) |
| throughput, 64 connections | $(rps direct.c64.rps) req/s | $(rps gateway.c64.rps) req/s | $(ratio gateway.c64.rps direct.c64.rps) |
| latency p50, 1 connection | $(us direct.c1.p50_us) | $(us gateway.c1.p50_us) | +$(added gateway.c1.p50_us direct.c1.p50_us) |
| latency p99, 1 connection | $(us direct.c1.p99_us) | $(us gateway.c1.p99_us) | +$(added gateway.c1.p99_us direct.c1.p99_us) |
| fallback (first target 503), 16 connections | $(rps direct.c16.rps) req/s | $(rps fallback.c16.rps) req/s | $(ratio fallback.c16.rps direct.c16.rps) |
| fallback latency p50, 1 connection | $(us direct.c1.p50_us) | $(us fallback.c1.p50_us) | +$(added fallback.c1.p50_us direct.c1.p50_us) |
| fallback latency p99, 1 connection | $(us direct.c1.p99_us) | $(us fallback.c1.p99_us) | +$(added fallback.c1.p99_us direct.c1.p99_us) |
| cache hit, 16 connections | | $(rps cache_hit.c16.rps) req/s | $(ratio cache_hit.c16.rps cache_miss.c16.rps)× of a miss ($(rps cache_miss.c16.rps) req/s) |
| cache hit latency p50, 1 connection | | $(us cache_hit.c1.p50_us) | miss $(us cache_miss.c1.p50_us) |
| cache hit latency p99, 1 connection | | $(us cache_hit.c1.p99_us) | miss $(us cache_miss.c1.p99_us) |
| stream, time to first chunk p50 | $(us direct.first_chunk.p50_us) | $(us gateway.first_chunk.p50_us) | +$(added gateway.first_chunk.p50_us direct.first_chunk.p50_us) |
| stream, time to first chunk p99 | $(us direct.first_chunk.p99_us) | $(us gateway.first_chunk.p99_us) | +$(added gateway.first_chunk.p99_us direct.first_chunk.p99_us) |
| concurrent streams: completed | $(value direct.streams.complete) | $(value gateway.streams.complete) | |
| concurrent streams: errors and incomplete | $(value direct.streams.errors) | $(value gateway.streams.errors) | |
| gateway peak RSS, concurrent streams | | $(value gateway.peak_rss_mb.streams) MB | |
| gateway peak RSS, after the throughput runs | | $(value gateway.peak_rss_mb.load) MB | |
| start-up to first answered request | | $(value startup_ms) ms | |

Errors in the throughput and latency runs (socket errors plus non-2xx): direct $(value direct.c16.errors)/$(value direct.c64.errors)/$(value direct.c1.errors),
gateway $(value gateway.c16.errors)/$(value gateway.c64.errors)/$(value gateway.c1.errors), fallback $(value fallback.c16.errors)/$(value fallback.c1.errors) (16/64/1 connections),
cache hit $(value cache_hit.c16.errors)/$(value cache_hit.c1.errors), cache miss $(value cache_miss.c16.errors)/$(value cache_miss.c1.errors) (16/1 connections).
EOF
