#!/usr/bin/env bash
# Load generator throughput vs wrk on one core each (see docs/benchmarks.md).
# Starts nginx (worker_processes 1) on 127.0.0.1:$PORT pinned to core 1 from a temp dir, then alternates
# `wrk -t1 -c50` and the PerfSuite `load` command (50 users) pinned to core 0, RUNS times each; stops nginx on exit.
# Usage: compare-with-wrk.sh [RUNS=3] [SECONDS=10] [extra load args...]; LOAD_ENV="NAME=VALUE ..." sets env for load.
# Needs: nginx (apt-get install nginx-light), wrk, a Release build of tests/PerfSuite.Benchmarks.
set -euo pipefail
runs=${1:-3}
seconds=${2:-10}
shift $(( $# >= 2 ? 2 : $# ))
root=$(cd "$(dirname "$0")/../../.." && pwd)
dll="$root/src/PerfSuite.Cli/bin/Release/net10.0/perfsuite.dll"
source "$root/tests/PerfSuite.Benchmarks/scripts/nginx-up.sh"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
    wrk_out=$(timeout $((seconds + 20)) /usr/bin/time -f 'cpu %U %S' taskset -c 0 wrk -t1 -c50 -d"${seconds}s" "$url" 2>&1)
    wrk_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$wrk_out")
    wrk_us=$(awk '/ requests in / {n=$1} /^cpu / {c=$2+$3} END {printf "%.1f", 1e6 * c / n}' <<<"$wrk_out")
    line=$(env ${LOAD_ENV:-} timeout $((seconds + 60)) taskset -c 0 dotnet "$dll" load --url "$url" --vus 50 --duration "$seconds" "$@" | tail -n 1)
    field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$line"; }
    load_rps=$(field rps)
    load_us=$(awk -v c="$(field cpu_seconds)" -v n="$(field requests)" 'BEGIN { printf "%.1f", 1e6 * c / n }')
    ratio=$(awk -v a="$load_rps" -v b="$wrk_rps" 'BEGIN { printf "%.0f", 100 * a / b }')
    echo "run $run: wrk $wrk_rps req/s ($wrk_us us CPU/req) | load $load_rps req/s ($load_us us CPU/req, p99 $(field p99) ms, errors $(field errors)) | ratio $ratio %"
done
