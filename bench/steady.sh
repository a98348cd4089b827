# Sourced by bench/ab.sh and bench/threads.sh: the settings they share, the build, the fake
# upstream, and a fresh gateway brought to steady state. See bench/README.md.
WARMUP=${WARMUP:-60}         # seconds of load on each fresh gateway before measuring
SETTLE=${SETTLE:-3}          # then this many 5 s runs, each on new connections (see bench/README.md)
DURATION=${DURATION:-10}     # seconds measured
CONNECTIONS=${CONNECTIONS:-16}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}   # JVM options for the gateways, e.g. "-XX:+UseSerialGC -Xmx128m"
FAKE_PORT=${FAKE_PORT:-18090}
GATEWAY_PORT=${GATEWAY_PORT:-18787}
JAVA=${JAVA:-java}
CHAT=/v1/chat/completions
URL=http://127.0.0.1:$GATEWAY_PORT$CHAT

command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 2; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    mvn -B -q -DskipTests package -pl gateway-server,bench -am
fi
export BENCH_BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]}'
export BENCH_CONFIG='{"provider":"openai","api_key":"sk-bench-not-a-key","custom_host":"http://127.0.0.1:'$FAKE_PORT'/v1"}'

# await PID URL [curl options]: until URL answers, or fail when PID (the server behind it) died.
await() {
    local pid=$1 url=$2
    shift 2
    until curl -s -o /dev/null "$@" "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "$url: its process ended (is the port taken?)" >&2; exit 1; }
        sleep 0.05
    done
}

PIDS=()
# Stops the fake and the gateways, and waits for them: a run that follows finds its ports free.
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait' EXIT
"$JAVA" -cp bench/target/bench.jar dev.aigateway.bench.FakeUpstream --port "$FAKE_PORT" >/dev/null 2>&1 &
PIDS+=($!)
await "$!" "http://127.0.0.1:$FAKE_PORT$CHAT" -f -X POST -d '{}'

# steady_gateway JAR ARGS: starts a gateway, sets $gateway to its pid, and loads it for WARMUP
# seconds and SETTLE runs on new connections; the caller measures the next run.
steady_gateway() {
    # shellcheck disable=SC2086
    "$JAVA" $GATEWAY_JAVA_OPTS -jar "$1" $2 --port "$GATEWAY_PORT" >/dev/null 2>&1 &
    gateway=$!
    PIDS+=("$gateway")
    await "$gateway" "$URL" -X POST -H "x-portkey-config: $BENCH_CONFIG" -d "$BENCH_BODY"
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/post.lua "$URL" >/dev/null 2>&1
    for _ in $(seq 1 "$SETTLE"); do
        wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post.lua "$URL" >/dev/null 2>&1
    done
}

# measured_run: the measured wrk run's output.
measured_run() {
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$URL" 2>&1
}
