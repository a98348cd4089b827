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
A_ARGS=${A_ARGS-}
B_ARGS=${B_ARGS---quiet --metrics false}
A_JAR=${A_JAR:-gateway-server/target/gateway-server.jar}
B_JAR=${B_JAR:-gateway-server/target/gateway-server.jar}
# shellcheck source=bench/steady.sh
source bench/steady.sh

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure JAR ARGS: prints "requests/s cpu_us_per_request" for a fresh, warmed-up gateway.
measure() {
    local gateway before after out
    steady_gateway "$1" "$2"
    before=$(cpu_ticks "$gateway")
    out=$(measured_run)
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
