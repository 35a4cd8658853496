#!/usr/bin/env bash
# Soak: the `load` command at a steady arrival rate against the reference API (`perfsuite serve`) for SECONDS,
# sampling the generator's RSS (VmRSS of its process) every INTERVAL seconds. Prints one line per sample and, last,
# one JSON line with the RSS at start (first sample after 30 s), middle and end, the load command's result line
# and the server's RSS. Stops the server whatever happens (see docs/benchmarks.md, "The `load` command against wrk and Artillery").
# Usage: soak.sh [SECONDS=600] [RATE=100] [INTERVAL=10]; needs a Release build of src/PerfSuite.Cli.
set -euo pipefail
seconds=${1:-600}
rate=${2:-100}
interval=${3:-10}
root=$(cd "$(dirname "$0")/../../.." && pwd)
dll="$root/src/PerfSuite.Cli/bin/Release/net10.0/perfsuite.dll"
lab="$root/tests/PerfSuite.Lab/bin/Release/net10.0/perfsuite-lab.dll"
work=$(mktemp -d /tmp/perfsuite-soak.XXXXXX)
serve_pid=
load_pid=
cleanup() {
    [[ -n "$load_pid" ]] && kill "$load_pid" 2>/dev/null || true
    if [[ -n "$serve_pid" ]]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
dotnet "$lab" serve > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do grep -q '^queue-api http' "$work/serve.out" && break; sleep 0.1; done
base=$(awk '/^queue-api http/ {print $2}' "$work/serve.out")
api_pid=$(awk '/^queue-api http/ {print $4}' "$work/serve.out")
[[ -n "$base" ]] || { echo "soak: the reference API did not start: $(cat "$work/serve.out")" >&2; exit 1; }
url="${base%/}/api/v1/healthz"
echo "soak: $rate arrivals/s for $seconds s against $url (server pid $api_pid)"
dotnet "$dll" load --url "$url" --rate "$rate" --duration "$seconds" > "$work/load.out" 2>&1 &
load_pid=$!
rss() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
samples=()
t=0
while kill -0 "$load_pid" 2>/dev/null; do
    sleep "$interval"
    t=$((t + interval))
    kill -0 "$load_pid" 2>/dev/null || break
    r=$(rss "$load_pid")
    samples+=("$t:$r")
    echo "t=${t}s generator_rss_kb=$r server_rss_kb=$(rss "$api_pid")"
done
wait "$load_pid"
load_pid=
result=$(tail -n 1 "$work/load.out")
pick() { # the sample nearest to second $1
    local best= bestd=999999
    for s in "${samples[@]}"; do local st=${s%%:*} d; d=$(( st > $1 ? st - $1 : $1 - st )); if (( d < bestd )); then bestd=$d; best=${s#*:}; fi; done
    echo "${best:-0}"
}
max=0; for s in "${samples[@]}"; do (( ${s#*:} > max )) && max=${s#*:}; done
echo "{\"seconds\":$seconds,\"rate\":$rate,\"rss_kb\":{\"start\":$(pick 30),\"middle\":$(pick $((seconds / 2))),\"end\":$(pick $((seconds - interval))),\"max\":$max},\"load\":$result}"
