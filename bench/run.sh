#!/usr/bin/env bash
# Measures what the gateway costs, directly against a fast fake OpenAI upstream and through the
# gateway, in one run. See bench/README.md for what each figure means and the settings below.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}                    # repetitions; the report gives the median of each figure
DURATION=${DURATION:-10}           # seconds per wrk measurement
WARMUP=${WARMUP:-10}               # seconds of load before measuring, on each fresh gateway
STREAMS=${STREAMS:-1000}           # concurrent streams
STREAM_CHUNKS=${STREAM_CHUNKS:-20}
STREAM_DELAY_MS=${STREAM_DELAY_MS:-50}
STREAM_SECONDS=${STREAM_SECONDS:-15}
SETTLE=${SETTLE:-3}                # seconds of quiet before each gateway start (start-up is timed)
FAKE_PORT=${FAKE_PORT:-18090}
GATEWAY_PORT=${GATEWAY_PORT:-18787}
JAVA=${JAVA:-java}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
GATEWAY_ARGS=${GATEWAY_ARGS:-}     # gateway options, e.g. "--quiet --metrics false" (observability off)
OUT=${OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}

GATEWAY_JAR=${GATEWAY_JAR:-gateway-server/target/gateway-server.jar}
BENCH_JAR=bench/target/bench.jar
FAKE=http://127.0.0.1:$FAKE_PORT
GATEWAY=http://127.0.0.1:$GATEWAY_PORT
CHAT=/v1/chat/completions

export BENCH_BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}'
STREAM_BODY='{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Say hello."}]}'
KEY='Bearer sk-bench-not-a-key'
SINGLE_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE'/v1"}'
FALLBACK_CONFIG='{"strategy":{"mode":"fallback"},"targets":[
{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE'/fail/v1"},
{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE'/v1"}]}'
FALLBACK_CONFIG=$(tr -d '\n' <<<"$FALLBACK_CONFIG")
STREAM_PATH=/s/$STREAM_CHUNKS/$STREAM_DELAY_MS/v1
STREAM_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE$STREAM_PATH'"}'
CACHE_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE'/v1","cache":{"mode":"simple"}}'
QUICK_STREAM_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"'$FAKE'/s/'$STREAM_CHUNKS'/0/v1"}'

if ! command -v wrk >/dev/null; then
    echo "wrk is missing. Install it with: sudo apt-get install wrk   (Debian/Ubuntu; macOS: brew install wrk)" >&2
    exit 2
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building the gateway and the bench tools..."
    mvn -B -q -DskipTests package -pl gateway-server,bench -am
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((STREAMS * 3 + 100)) ]; then
    echo "warning: ulimit -n is $(ulimit -n); $STREAMS streams need about $((STREAMS * 3)) descriptors" >&2
fi

mkdir -p "$OUT"
METRICS=$OUT/metrics.tsv
: >"$METRICS"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

record() { printf '%s\t%s\t%s\n' "$RUN" "$1" "$2" >>"$METRICS"; }

# to_us VALUE: wrk's "52.00us", "1.20ms" or "2.00s" in microseconds.
to_us() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); print v + 0 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000000 }
        else print "nan" }'
}

# load NAME URL CONNECTIONS [wrk options...]: runs wrk, keeps its output, records
# requests/s, p50/p99 latency and errors (socket errors plus non-2xx answers) under NAME.
load() {
    local name=$1 url=$2 connections=$3
    shift 3
    local threads=$((connections < 2 ? 1 : 2))
    local file=$OUT/run$RUN-$name.txt
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency -s bench/post.lua "$@" "$url" >"$file" 2>&1
    record "$name.rps" "$(awk '/^Requests\/sec:/ {print $2}' "$file")"
    record "$name.p50_us" "$(to_us "$(awk '$1 == "50%" {print $2}' "$file")")"
    record "$name.p99_us" "$(to_us "$(awk '$1 == "99%" {print $2}' "$file")")"
    record "$name.errors" "$(errors "$file")"
}

errors() {
    awk '/Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
         /Non-2xx or 3xx responses:/ { n += $5 }
         END { print n + 0 }' "$1"
}

warm() {
    local file=$OUT/run$RUN-warmup.txt
    wrk -t2 -c16 -d"${WARMUP}s" -s bench/post.lua "$@" >>"$file" 2>&1
}

start_fake() {
    "$JAVA" -cp "$BENCH_JAR" dev.aigateway.bench.FakeUpstream --port "$FAKE_PORT" \
        --chunks "$STREAM_CHUNKS" --chunk-delay-ms "$STREAM_DELAY_MS" >"$OUT/fake.log" 2>&1 &
    FAKE_PID=$!
    PIDS+=("$FAKE_PID")
    for _ in $(seq 1 500); do
        if curl -sf -o /dev/null -X POST -d '{}' "$FAKE$CHAT"; then return; fi
        sleep 0.01
    done
    echo "the fake upstream did not start; see $OUT/fake.log" >&2
    exit 1
}

# start_gateway LOG: starts the gateway jar and waits for its first answered chat completion;
# sets GATEWAY_PID and STARTUP_MS (from launching java to that first 200). The probe is a JVM that
# launches the gateway itself and retries on plain sockets, so measuring does not slow the start.
start_gateway() {
    local out
    sleep "$SETTLE" # let the last load's processes go idle: start-up is measured on a quiet machine
    # shellcheck disable=SC2086
    out=$("$JAVA" -cp "$BENCH_JAR" dev.aigateway.bench.StartupProbe --url "$GATEWAY$CHAT" \
        --header "x-portkey-config: $SINGLE_CONFIG" --body "$BENCH_BODY" --log "$1" \
        -- "$JAVA" $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" --port "$GATEWAY_PORT" $GATEWAY_ARGS) || {
        echo "the gateway did not answer; see $1" >&2
        exit 1
    }
    STARTUP_MS=$(sed -n 's/.*startup_ms=\([0-9]*\).*/\1/p' <<<"$out")
    GATEWAY_PID=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$out")
    PIDS+=("$GATEWAY_PID")
}

stop_gateway() {
    kill "$GATEWAY_PID" 2>/dev/null || true
    while kill -0 "$GATEWAY_PID" 2>/dev/null; do sleep 0.05; done
}

peak_rss_mb() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# probe NAME URL [--header H]...: time to first chunk on one connection.
probe() {
    local name=$1 url=$2
    shift 2
    local file=$OUT/run$RUN-$name.txt
    "$JAVA" -cp "$BENCH_JAR" dev.aigateway.bench.FirstChunkProbe --url "$url" --requests 2000 --warmup 1000 \
        --body "$STREAM_BODY" "$@" >"$file" 2>&1 || true
    record "$name.p50_us" "$(sed -n 's/.*first_chunk_p50_us=\([0-9.]*\).*/\1/p' "$file")"
    record "$name.p99_us" "$(sed -n 's/.*first_chunk_p99_us=\([0-9.]*\).*/\1/p' "$file")"
    record "$name.errors" "$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' "$file")"
}

# streams NAME URL [wrk options...]: STREAMS concurrent streams; records errors and incomplete streams.
streams() {
    local name=$1 url=$2
    shift 2
    local file=$OUT/run$RUN-$name.txt
    BENCH_BODY=$STREAM_BODY BENCH_CHECK_DONE=1 wrk -t2 -c"$STREAMS" -d"${STREAM_SECONDS}s" --timeout 30s \
        -s bench/post.lua "$@" "$url" >"$file" 2>&1
    record "$name.complete" "$(sed -n 's/.*streams_complete=\([0-9]*\).*/\1/p' "$file")"
    record "$name.errors" "$(($(errors "$file") + $(sed -n 's/.*streams_incomplete=\([0-9]*\).*/\1/p' "$file")))"
}

echo "results go to $OUT"
RUN=0
start_fake
echo "warming up the fake upstream..."
BENCH_AUTH=$KEY warm "$FAKE$CHAT"

for RUN in $(seq 1 "$RUNS"); do
    echo "run $RUN of $RUNS"
    start_gateway "$OUT/run$RUN-gateway.log"
    record startup_ms "$STARTUP_MS"
    BENCH_CONFIG=$SINGLE_CONFIG warm "$GATEWAY$CHAT"
    BENCH_CONFIG=$FALLBACK_CONFIG warm "$GATEWAY$CHAT"

    for connections in 16 64; do
        BENCH_AUTH=$KEY load "direct.c$connections" "$FAKE$CHAT" "$connections"
        BENCH_CONFIG=$SINGLE_CONFIG load "gateway.c$connections" "$GATEWAY$CHAT" "$connections"
    done
    BENCH_AUTH=$KEY load direct.c1 "$FAKE$CHAT" 1
    BENCH_CONFIG=$SINGLE_CONFIG load gateway.c1 "$GATEWAY$CHAT" 1
    BENCH_CONFIG=$FALLBACK_CONFIG load fallback.c16 "$GATEWAY$CHAT" 16
    BENCH_CONFIG=$FALLBACK_CONFIG load fallback.c1 "$GATEWAY$CHAT" 1
    # The response cache: a hit (the same body again, answered from the in-memory cache) against a
    # miss that stores its answer (x-portkey-cache-force-refresh: the upstream call plus the write).
    BENCH_CONFIG=$CACHE_CONFIG load cache_hit.c16 "$GATEWAY$CHAT" 16
    BENCH_CONFIG=$CACHE_CONFIG BENCH_HEADER="x-portkey-cache-force-refresh: true" \
        load cache_miss.c16 "$GATEWAY$CHAT" 16
    BENCH_CONFIG=$CACHE_CONFIG load cache_hit.c1 "$GATEWAY$CHAT" 1
    BENCH_CONFIG=$CACHE_CONFIG BENCH_HEADER="x-portkey-cache-force-refresh: true" \
        load cache_miss.c1 "$GATEWAY$CHAT" 1

    probe direct.first_chunk "$FAKE/s/$STREAM_CHUNKS/0/v1/chat/completions" --header "Authorization: $KEY"
    probe gateway.first_chunk "$GATEWAY$CHAT" --header "x-portkey-config: $QUICK_STREAM_CONFIG"
    record gateway.peak_rss_mb.load "$(peak_rss_mb "$GATEWAY_PID")"
    stop_gateway

    # A fresh gateway for the concurrent streams, so its peak RSS is theirs.
    start_gateway "$OUT/run$RUN-gateway-streams.log"
    BENCH_AUTH=$KEY streams direct.streams "$FAKE$STREAM_PATH/chat/completions"
    BENCH_CONFIG=$STREAM_CONFIG streams gateway.streams "$GATEWAY$CHAT"
    record gateway.peak_rss_mb.streams "$(peak_rss_mb "$GATEWAY_PID")"
    stop_gateway
done

OUT=$OUT JAVA=$JAVA bench/report.sh "$OUT" | tee "$OUT/summary.md"
