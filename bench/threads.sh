#!/usr/bin/env bash
# The gateway's CPU time per request, thread group by thread group, at steady state: one fresh
# gateway, WARMUP s of load, SETTLE runs of 5 s on new connections, then DURATION s measured.
# See bench/README.md.
#   bench/threads.sh                                   # observability on
#   GATEWAY_ARGS="--quiet --metrics false" bench/threads.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-60}
SETTLE=${SETTLE:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
GATEWAY_ARGS=${GATEWAY_ARGS-}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
GATEWAY_JAR=${GATEWAY_JAR:-gateway-server/target/gateway-server.jar}
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

PIDS=()
trap 'for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done' EXIT
"$JAVA" -cp bench/target/bench.jar dev.aigateway.bench.FakeUpstream --port "$FAKE_PORT" >/dev/null 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null -X POST -d '{}' "http://127.0.0.1:$FAKE_PORT$CHAT"; do sleep 0.05; done
# shellcheck disable=SC2086
"$JAVA" $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" $GATEWAY_ARGS --port "$GATEWAY_PORT" >/dev/null 2>&1 &
gateway=$!
PIDS+=("$gateway")
until curl -s -o /dev/null -X POST -H "x-portkey-config: $BENCH_CONFIG" -d "$BENCH_BODY" "$URL"; do sleep 0.05; done
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/post.lua "$URL" >/dev/null 2>&1
for _ in $(seq 1 "$SETTLE"); do
    wrk -t2 -c"$CONNECTIONS" -d5s -s bench/post.lua "$URL" >/dev/null 2>&1
done

# One line per thread: id, name (spaces made _), user ticks, system ticks.
snapshot() {
    for task in /proc/"$gateway"/task/*; do
        printf '%s %s %s\n' "${task##*/}" "$(tr ' ' _ <"$task/comm")" \
            "$(sed 's/.*) //' "$task/stat" | awk '{print $12, $13}')"
    done
}
before=$(snapshot)
out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/post.lua "$URL" 2>&1)
after=$(snapshot)
requests=$(awk '/requests in/ {print $1}' <<<"$out")
echo "gateway: $GATEWAY_JAR ${GATEWAY_ARGS:-(no options)} ${GATEWAY_JAVA_OPTS:+(JVM: $GATEWAY_JAVA_OPTS)}"
echo "requests/s: $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
# Threads grouped by name without their number (XNIO-1 I/O-1 and -2 together), µs per request.
awk -v n="$requests" -v hz="$(getconf CLK_TCK)" '
    FNR == 1 { file++ }
    file == 1 { user[$1] = $3; sys[$1] = $4; next }
    { group = $2; sub(/[0-9]+$/, "#", group)
      u[group] += $3 - user[$1]; s[group] += $4 - sys[$1]; tu += $3 - user[$1]; ts += $4 - sys[$1] }
    END {
        f = 1e6 / hz / n
        printf "%-28s %8s %8s\n", "threads", "user µs", "sys µs"
        printf "%-28s %8.1f %8.1f\n", "all", tu * f, ts * f
        for (g in u) if (u[g] + s[g] > 0) printf "%-28s %8.1f %8.1f\n", g, u[g] * f, s[g] * f
    }' <(echo "$before") <(echo "$after")
