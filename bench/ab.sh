#!/usr/bin/env bash
# A/B of two gateway settings (or two jars) at steady state: throughput and the gateway's CPU per
# request, alternating A and B on fresh gateways, with medians. See bench/README.md.
#   bench/ab.sh                                  # observability on (the default) against off
#   A_ARGS="" B_ARGS="--quiet" bench/ab.sh       # any two sets of gateway options
#   A_JAR=old.jar B_ARGS= bench/ab.sh           # a saved build against this one, both on
#   GATEWAY_JAVA_OPTS="-XX:+UseSerialGC -Xmx128m" bench/ab.sh   # with the Dockerfile's JVM settings
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-60}         # seconds of load on each fresh gateway before measuring
SETTLE=${SETTLE:-3}          # then this many 5 s runs, each on new connections (see bench/README.md)
DURATION=${DURATION:-10}     # seconds measured
CONNECTIONS=${CONNECTIONS:-16}
A_ARGS=${A_ARGS-}
B_ARGS=${B_ARGS---quiet --metrics false}
A_JAR=${A_JAR:-gateway-server/target/gateway-server.jar}
B_JAR=${B_JAR:-gateway-server/target/gateway-server.jar}
FAKE_PORT=${FAKE_PORT:-18090}
GATEWAY_PORT=${GATEWAY_PORT:-18787}
JAVA=${JAVA:-java}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}   # JVM options for both gateways, e.g. "-XX:+UseSerialGC -Xmx128m"
BENCH_JAR=bench/target/bench.jar
CHAT=/v1/chat/completions
URL=http://127.0.0.1:$GATEWAY_PORT$CHAT

command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -DskipTests package -pl gateway-server,bench -am
fi
export BENCH_BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}'
export BENCH_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"http://127.0.0.1:'$FAKE_PORT'/v1"}'

PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done' EXIT
"$JAVA" -cp "$BENCH_JAR" dev.aigateway.bench.FakeUpstream --port "$FAKE_PORT" >/dev/null 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null -X POST -d '{}' "http://127.0.0.1:$FAKE_PORT$CHAT"; do sleep 0.05; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure JAR ARGS: prints "requests/s cpu_us_per_request" for a fresh, warmed-up gateway.
measure() {
    local gateway before after out
    # shellcheck disable=SC2086
    "$JAVA" $GATEWAY_JAVA_OPTS -jar "$1" $2 --port "$GATEWAY_PORT" >/dev/null 2>&1 &
    gateway=$!
    PIDS+=("$gateway")
    until curl -s -o /dev/null -X POST -H "x-portkey-config: $BENCH_CONFIG" -d "$BENCH_BODY" "$URL"; do sleep 0.05; done
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/post.lua "$URL" >/dev/null 2>&1
    for _ in $(seq 1 "$SETTLE"); do
        wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post.lua "$URL" >/dev/null 2>&1
    done
    before=$(cpu_ticks "$gateway")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$URL" 2>&1)
    after=$(cpu_ticks "$gateway")
    kill "$gateway"
    wait "$gateway" 2>/dev/null || true
    sleep 2
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
        /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.1f\n", rps, ticks * 1e6 / hz / n }' <<<"$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "A: $A_JAR ${A_ARGS:-(no options)}"
echo "B: $B_JAR ${B_ARGS:-(no options)}"
echo "JVM options: ${GATEWAY_JAVA_OPTS:-(none: the JVM defaults)}"
echo "round  A req/s  A cpu µs/req  B req/s  B cpu µs/req  A/B req/s  A/B cpu"
RATIOS=()
CPU_RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
    read -r a_rps a_cpu < <(measure "$A_JAR" "$A_ARGS")
    read -r b_rps b_cpu < <(measure "$B_JAR" "$B_ARGS")
    ratio=$(awk -v a="$a_rps" -v b="$b_rps" 'BEGIN { printf "%.3f", a / b }')
    cpu_ratio=$(awk -v a="$a_cpu" -v b="$b_cpu" 'BEGIN { printf "%.3f", a / b }')
    RATIOS+=("$ratio")
    CPU_RATIOS+=("$cpu_ratio")
    printf '%5d  %7s  %12s  %7s  %12s  %9s  %7s\n' "$round" "$a_rps" "$a_cpu" "$b_rps" "$b_cpu" "$ratio" "$cpu_ratio"
done
echo "median A/B throughput: $(printf '%s\n' "${RATIOS[@]}" | median); median A/B cpu per request: $(printf '%s\n' "${CPU_RATIOS[@]}" | median)"
