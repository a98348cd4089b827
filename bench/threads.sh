#!/usr/bin/env bash
# The gateway's CPU time per request, thread group by thread group, at steady state: one fresh
# gateway, WARMUP s of load, SETTLE runs of 5 s on new connections, then DURATION s measured.
# See bench/README.md.
#   bench/threads.sh                                   # observability on
#   GATEWAY_ARGS="--quiet --metrics false" bench/threads.sh
set -euo pipefail
cd "$(dirname "$0")/.."

GATEWAY_ARGS=${GATEWAY_ARGS-}
GATEWAY_JAR=${GATEWAY_JAR:-gateway-server/target/gateway-server.jar}
# shellcheck source=bench/steady.sh
source bench/steady.sh

steady_gateway "$GATEWAY_JAR" "$GATEWAY_ARGS"

# One line per thread: id, name (spaces made _), user ticks, system ticks.
snapshot() {
    for task in /proc/"$gateway"/task/*; do
        printf '%s %s %s\n' "${task##*/}" "$(tr ' ' _ <"$task/comm")" \
            "$(sed 's/.*) //' "$task/stat" | awk '{print $12, $13}')"
    done
}
before=$(snapshot)
out=$(measured_run)
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
