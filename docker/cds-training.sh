#!/usr/bin/env bash
# Makes the gateway's AppCDS archive at image build time: starts the jar with
# -XX:ArchiveClassesAtExit, sends it the requests a serving gateway gets (probes, the model list,
# chat completions and a stream through a fallback config across Gemini, Anthropic and OpenAI),
# then stops it with SIGTERM; the JVM writes the archive of every class it loaded as it exits.
# Needs only bash: the requests go through /dev/tcp. The upstreams are the gateway itself and a
# closed port, so nothing leaves the machine.
#
#   bash docker/cds-training.sh gateway-server.jar gateway.jsa
set -euo pipefail

jar=$1
archive=$2
port=${CDS_TRAINING_PORT:-18787}
closed=$((port + 1))
key=cds-training-key-0123456789
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "training" falls back from Gemini and Anthropic (a closed port) to OpenAI, which is this gateway
# again with a gateway key as its API key; that inner call routes by default_config to the closed
# port. Every layer answers with an error, having loaded what a real answer needs on its way.
cat >"$work/gateway.yaml" <<YAML
auth:
  keys:
    - {name: training, key: $key}
configs:
  training:
    strategy: {mode: fallback}
    targets:
      - {provider: google, api_key: not-a-key, custom_host: "http://127.0.0.1:$closed"}
      - {provider: anthropic, api_key: not-a-key, custom_host: "http://127.0.0.1:$closed/v1"}
      - {provider: openai, api_key: $key, custom_host: "http://127.0.0.1:$port/v1"}
  closed: {provider: openai, api_key: not-a-key, custom_host: "http://127.0.0.1:$closed/v1"}
default_config: closed
YAML

java -XX:+UseSerialGC -Xmx128m -XX:ArchiveClassesAtExit="$archive" \
    -jar "$jar" --port "$port" --config "$work/gateway.yaml" >"$work/gateway.log" 2>&1 &
pid=$!

# request METHOD PATH [BODY] [HEADER...]: prints the status line.
request() {
    local method=$1 path=$2 body=${3:-}
    shift 2
    if [ $# -gt 0 ]; then shift; fi
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    {
        printf '%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n' "$method" "$path"
        local header
        for header in "$@"; do printf '%s\r\n' "$header"; done
        if [ -n "$body" ]; then
            printf 'Content-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' "${#body}" "$body"
        else
            printf '\r\n'
        fi
    } >&3
    head -n 1 <&3
    cat <&3 >/dev/null
    exec 3<&-
}

for _ in $(seq 1 300); do
    if request GET /health 2>/dev/null | grep -q ' 200 '; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
        cat "$work/gateway.log" >&2
        exit 1
    fi
    sleep 0.1
done

auth="Authorization: Bearer $key"
chat='{"model":"gemini-2.0-flash","messages":[{"role":"user","content":"Hi"}],"temperature":0.5}'
stream='{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}'
request GET /ready
request GET /v1/models "" "$auth"
request POST /v1/chat/completions "$chat" "$auth" "x-portkey-config: training"
request POST /v1/chat/completions "$stream" "$auth" "x-portkey-config: training"
request POST /v1/chat/completions "$chat"
request POST /v1/embeddings '{"model":"text-embedding-3-small","input":"Hi"}' "$auth"

kill -TERM "$pid"
wait "$pid"
test -s "$archive"
echo "cds-training: wrote $archive"
