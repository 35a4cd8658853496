#!/usr/bin/env bash
# The generator's own CPU, side by side with wrk, Artillery and a paced C floor in the same sitting (docs/benchmarks.md,
# "Generator cost"). Prints one JSON line per figure; compare ratios, not times (the machine may be shared).
#   closed   wrk -t1 -c50 vs `load --vus 50` on nginx, keep-alive: requests per CPU-second of each, ratio; for the whole
#            short run and in steady state (the long run minus the short one, so start-up and tiering cancel out)
#   open     for each rate in RATES: `load --rate R` one GET per arrival on a new connection, steady state = (CPU of a
#            long run - CPU of a short run) / (requests of the long - the short); against wrk -H "Connection: close"
#            (which never idles) and against the paced C floor at the same rate
#   floor    paced.c (C, one thread, epoll, compiled here with cc): what any generator pays per request at a given
#            pace on this machine, with a new connection per arrival and on 200 keep-alive connections, at FLOOR_RATES
#   startup  the fixed CPU of the load command: the short run's CPU minus its requests at the steady cost
#   csr      `perfsuite run` vs `artillery run` on the users' CSR HTTP script against the reference API (perfsuite serve):
#            CPU per request of each process (user + system, /usr/bin/time), and the report's generator CPU
# Usage: generator-cost.sh [closed|open|floor|csr|all] ; env RATES ("200 5000"), FLOOR_RATES ("100 200 2000 5000"),
#        SHORT (10), LONG (30), CSR_ENV (an envs.sh), ARTILLERY (path of the artillery binary; skipped when absent).
#        Generators pinned to core 0, servers to core 1. All traffic goes to 127.0.0.1.
set -euo pipefail
what=${1:-all}
root=$(cd "$(dirname "$0")/../../.." && pwd)
dll="$root/src/PerfSuite.Cli/bin/Release/net10.0/perfsuite.dll"
rates=${RATES:-200 5000}
floor_rates=${FLOOR_RATES:-100 200 2000 5000}
short=${SHORT:-10}
long=${LONG:-30}
cpu_of() { awk '/^TIME / {printf "%.3f", $2 + $3}' <<<"$1"; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }
echo "{\"machine\":\"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"dotnet\":\"$(dotnet --version)\"}"

if [[ $what == closed || $what == open || $what == floor || $what == all ]]; then
    source "$root/tests/PerfSuite.Benchmarks/scripts/nginx-up.sh"
fi

paced=
if [[ $what == open || $what == floor || $what == all ]] && command -v cc >/dev/null; then
    paced="$nginx_dir/paced"
    cc -O2 -o "$paced" "$root/tests/PerfSuite.Benchmarks/scripts/paced.c"
elif [[ $what == open || $what == floor || $what == all ]]; then
    echo "no C compiler (apt-get install -y gcc): the paced floor is skipped" >&2
fi
# paced RATE SECONDS CONNECTIONS -> its JSON line (empty without a compiler)
floor() { [[ -n "$paced" ]] && taskset -c 0 "$paced" "$1" "$2" "$port" /index.html "$3" || true; }

if [[ $what == closed || $what == all ]]; then
    w=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 wrk -t1 -c50 -d"${short}s" "$url" 2>&1)
    wn=$(awk '/ requests in / {print $1}' <<<"$w"); wc=$(cpu_of "$w")
    declare -A cn cc cr
    for d in "$short" "$long"; do
        l=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" load --url "$url" --vus 50 --duration "$d" 2>&1)
        line=$(grep '^{' <<<"$l" | tail -n 1); cn[$d]=$(field requests "$line"); cc[$d]=$(cpu_of "$l"); cr[$d]=$(field cpu_seconds "$line")
    done
    awk -v wn="$wn" -v wc="$wc" -v ln="${cn[$short]}" -v lc="${cc[$short]}" -v lr="${cr[$short]}" -v n2="${cn[$long]}" -v c2="${cc[$long]}" 'BEGIN {
        steady = (n2 - ln) / (c2 - lc)
        printf "{\"figure\":\"closed\",\"wrk\":{\"requests\":%d,\"cpu_s\":%.3f,\"req_per_cpu_s\":%.0f},\"load\":{\"requests\":%d,\"process_cpu_s\":%.3f,\"run_cpu_s\":%.3f,\"req_per_cpu_s\":%.0f,\"long_requests\":%d,\"long_process_cpu_s\":%.3f,\"steady_req_per_cpu_s\":%.0f},\"ratio\":%.2f,\"steady_ratio\":%.2f}\n",
            wn, wc, wn / wc, ln, lc, lr, ln / lr, n2, c2, steady, (ln / lr) / (wn / wc), steady / (wn / wc) }'
fi

if [[ $what == open || $what == all ]]; then
    w=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 wrk -t1 -c10 -d"${short}s" -H "Connection: close" "$url" 2>&1)
    wn=$(awk '/ requests in / {print $1}' <<<"$w"); wc=$(cpu_of "$w")
    for rate in $rates; do
        declare -A n c
        for d in "$short" "$long"; do
            l=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" load --url "$url" --rate "$rate" --duration "$d" 2>&1)
            line=$(grep '^{' <<<"$l" | tail -n 1); n[$d]=$(field requests "$line"); c[$d]=$(cpu_of "$l")
            [[ $(field errors "$line") == 0 ]] || echo "open: errors in the $d s run: $line" >&2
        done
        f=$(floor "$rate" "$short" 0); fu=$(sed -nE 's/.*"us_per_req":([0-9.]+).*/\1/p' <<<"$f")
        awk -v wn="$wn" -v wc="$wc" -v n1="${n[$short]}" -v c1="${c[$short]}" -v n2="${n[$long]}" -v c2="${c[$long]}" -v rate="$rate" -v fu="${fu:-0}" 'BEGIN {
            steady = (c2 - c1) / (n2 - n1); wrk = wc / wn; fixed = c1 - steady * n1
            printf "{\"figure\":\"open\",\"rate\":%d,\"wrk_close_us_per_req\":%.1f,\"c_floor_us_per_req\":%.1f,\"load\":{\"short\":{\"requests\":%d,\"cpu_s\":%.3f},\"long\":{\"requests\":%d,\"cpu_s\":%.3f},\"steady_us_per_arrival\":%.1f},\"ratio\":%.2f,\"ratio_to_c_floor\":%.2f}\n", rate, 1e6 * wrk, fu, n1, c1, n2, c2, 1e6 * steady, steady / wrk, (fu > 0 ? 1e6 * steady / fu : 0)
            printf "{\"figure\":\"startup\",\"rate\":%d,\"load_fixed_cpu_s\":%.3f}\n", rate, fixed }'
    done
fi

if [[ $what == floor || $what == all ]]; then
    for rate in $floor_rates; do
        for connections in 0 200; do
            f=$(floor "$rate" "$short" "$connections")
            [[ -n "$f" ]] && echo "{\"figure\":\"floor\",${f#\{}"
        done
    done
fi

if [[ $what == csr || $what == all ]]; then
    env_file=${CSR_ENV:-$root/tests/PerfSuite.Tests/Artillery/loadtests/envs.sh}
    work=$(mktemp -d /tmp/perfsuite-csr.XXXXXX)
    serve_pid=
    csr_stop() {
        if [[ -n "$serve_pid" ]]; then
            kill -TERM "$serve_pid" 2>/dev/null || true
            for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$serve_pid" 2>/dev/null || true
        fi
        rm -rf "$work"
        declare -F nginx_stop >/dev/null && nginx_stop || true
    }
    trap csr_stop EXIT
    taskset -c 1 dotnet "$dll" serve --workers 1 > "$work/serve.out" 2>&1 &
    serve_pid=$!
    for _ in $(seq 300); do grep -q '^queue-api http' "$work/serve.out" && break; sleep 0.1; done
    base=$(awk '/^queue-api http/ {print $2}' "$work/serve.out"); base=${base%/}
    cp "$root/tests/PerfSuite.Tests/Artillery/loadtests/"{csr-test-http.yaml,processor.js} "$root/tests/PerfSuite.Benchmarks/scripts/"{csr-test-http.artillery.yaml,processor.artillery.js} "$work/"
    sed -E "s#http://127.0.0.1:5000#$base#g" "$env_file" > "$work/envs.sh"
    p=$(cd "$work" && /usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" run csr-test-http.yaml --env-file envs.sh 2>&1 || true)
    pn=$(awk '/Requests completed:/ {print $3}' <<<"$p"); pc=$(cpu_of "$p")
    pg=$(sed -nE 's/.*Generator: .*CPU ([0-9.]+) s.*/\1/p' <<<"$p")
    echo "{\"figure\":\"csr-perfsuite\",\"requests\":$pn,\"process_cpu_s\":$pc,\"report_generator_cpu_s\":$pg,\"us_per_req\":$(awk -v c="$pc" -v n="$pn" 'BEGIN {printf "%.0f", 1e6 * c / n}'),\"report_us_per_req\":$(awk -v c="$pg" -v n="$pn" 'BEGIN {printf "%.0f", 1e6 * c / n}')}"
    if [[ -x ${ARTILLERY:-/nonexistent} ]]; then
        a=$(cd "$work" && set -a && . ./envs.sh && set +a && ARTILLERY_DISABLE_TELEMETRY=true NODE_PATH="$(dirname "$(dirname "$ARTILLERY")")" \
            /usr/bin/time -f 'TIME %U %S' taskset -c 0 "$ARTILLERY" run csr-test-http.artillery.yaml 2>&1 || true)
        # The figures of Artillery's final "Summary report" (the periodic reports before it repeat the same keys).
        an=$(awk '/Summary report/ {s = 1} s && /^http.requests:/ {n = $NF} END {print n + 0}' <<<"$a"); ac=$(cpu_of "$a")
        ae=$(awk '/Summary report/ {s = 1} s && /^errors\./ {e += $NF} END {print e + 0}' <<<"$a")
        echo "{\"figure\":\"csr-artillery\",\"requests\":${an:-0},\"errors\":$ae,\"process_cpu_s\":$ac,\"us_per_req\":$(awk -v c="$ac" -v n="${an:-0}" 'BEGIN {printf "%.0f", (n > 0 ? 1e6 * c / n : 0)}')}"
    fi
fi
