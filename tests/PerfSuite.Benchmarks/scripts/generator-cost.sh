#!/usr/bin/env bash
# The generator's own CPU, side by side with wrk, Artillery and a paced C floor in the same sitting (docs/benchmarks.md,
# "Generator cost"). Prints one JSON line per measurement and one per figure; compare ratios, not times: this VM's cost of
# waking from idle moves by 3x from one minute to the next, so every figure is taken in ROUNDS rounds, each round running
# the two sides back to back, and the figure is the median of the rounds' ratios.
#   closed   wrk -t1 -c50 vs `load --vus 50` on nginx, keep-alive: requests per CPU-second; for the short run and in
#            steady state (a long run minus the short one, so start-up and tiering cancel out)
#   open     for each rate in RATES: `load --rate R`, one GET per arrival on a new connection, steady state = (CPU of a
#            long run - CPU of a short run) / (their difference in requests); against wrk -H "Connection: close" (which
#            never idles) and against paced.c, the paced C floor, at the same rate
#   startup  the fixed CPU of the load command: the short run's CPU minus its requests at the steady cost
#   csr      `perfsuite run` vs `artillery run` on the users' CSR HTTP script against the reference API (perfsuite serve):
#            CPU per request of each process (user + system, /usr/bin/time) and the report's generator CPU; next to the
#            paced C floor on 200 keep-alive connections at the run's mean request rate, before and after
# paced.c: C, one thread, epoll, arrivals every 1/R s on the monotonic clock; compiled here with cc (apt-get install gcc).
# Usage: generator-cost.sh [closed|open|csr|all] ; env ROUNDS (3), RATES ("200 5000"), SHORT (10), LONG (30),
#        CSR_ENV (an envs.sh), ARTILLERY (path of the artillery binary; skipped when absent).
#        Generators pinned to core 0, servers to core 1. All traffic goes to 127.0.0.1.
set -euo pipefail
what=${1:-all}
root=$(cd "$(dirname "$0")/../../.." && pwd)
dll="$root/src/PerfSuite.Cli/bin/Release/net10.0/perfsuite.dll"
lab="$root/tests/PerfSuite.Lab/bin/Release/net10.0/perfsuite-lab.dll"
rounds=${ROUNDS:-3}
rates=${RATES:-200 5000}
short=${SHORT:-10}
long=${LONG:-30}
cpu_of() { awk '/^TIME / {printf "%.3f", $2 + $3}' <<<"$1"; }
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
echo "{\"machine\":\"$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\",\"loadavg\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"dotnet\":\"$(dotnet --version)\",\"rounds\":$rounds}"

work=$(mktemp -d /tmp/perfsuite-gencost.XXXXXX)
serve_pid=
cleanup() {
    if [[ -n "$serve_pid" ]]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$serve_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
    declare -F nginx_stop >/dev/null && nginx_stop || true
}
trap cleanup EXIT

paced=
if command -v cc >/dev/null; then
    paced="$work/paced"
    cc -O2 -o "$paced" "$root/tests/PerfSuite.Benchmarks/scripts/paced.c"
else
    echo "no C compiler (apt-get install -y gcc): the paced C floor is skipped" >&2
fi
# floor RATE SECONDS CONNECTIONS PORT PATH -> CPU microseconds per request of paced.c (empty without a compiler)
floor() { [[ -n "$paced" ]] && taskset -c 0 "$paced" "$1" "$2" "$4" "$5" "$3" | sed -nE 's/.*"us_per_req":([0-9.]+).*/\1/p' || true; }

source "$root/tests/PerfSuite.Benchmarks/scripts/nginx-up.sh"
trap cleanup EXIT # after nginx-up.sh's own trap: cleanup stops nginx too

if [[ $what == closed || $what == all ]]; then
    ratios=; steady_ratios=
    for round in $(seq "$rounds"); do
        w=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 wrk -t1 -c50 -d"${short}s" "$url" 2>&1)
        wn=$(awk '/ requests in / {print $1}' <<<"$w"); wc=$(cpu_of "$w")
        declare -A cn cc
        for d in "$short" "$long"; do
            l=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" load --url "$url" --vus 50 --duration "$d" 2>&1)
            line=$(grep '^{' <<<"$l" | tail -n 1); cn[$d]=$(field requests "$line"); cc[$d]=$(cpu_of "$l")
            [[ $(field errors "$line") == 0 ]] || echo "closed: errors in the $d s run: $line" >&2
        done
        r=$(awk -v wn="$wn" -v wc="$wc" -v n1="${cn[$short]}" -v c1="${cc[$short]}" -v n2="${cn[$long]}" -v c2="${cc[$long]}" -v round="$round" 'BEGIN {
            steady = (n2 - n1) / (c2 - c1)
            printf "{\"measure\":\"closed\",\"round\":%d,\"wrk\":{\"requests\":%d,\"cpu_s\":%.3f,\"req_per_cpu_s\":%.0f},\"load\":{\"short\":{\"requests\":%d,\"cpu_s\":%.3f,\"req_per_cpu_s\":%.0f},\"long\":{\"requests\":%d,\"cpu_s\":%.3f},\"steady_req_per_cpu_s\":%.0f},\"ratio\":%.3f,\"steady_ratio\":%.3f}\n",
                round, wn, wc, wn / wc, n1, c1, n1 / c1, n2, c2, steady, (n1 / c1) / (wn / wc), steady / (wn / wc) }')
        echo "$r"; ratios+=" $(field ratio "$r")"; steady_ratios+=" $(field steady_ratio "$r")"
    done
    echo "{\"figure\":\"closed\",\"median_ratio\":$(median <<<"$ratios"),\"median_steady_ratio\":$(median <<<"$steady_ratios"),\"goal\":\">= 0.8 of wrk's requests per CPU-second\"}"
fi

if [[ $what == open || $what == all ]]; then
    for rate in $rates; do
        wrk_ratios=; floor_ratios=; fixed_all=
        for round in $(seq "$rounds"); do
            w=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 wrk -t1 -c10 -d"${short}s" -H "Connection: close" "$url" 2>&1)
            wn=$(awk '/ requests in / {print $1}' <<<"$w"); wc=$(cpu_of "$w")
            declare -A n c
            for d in "$short" "$long"; do
                l=$(/usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" load --url "$url" --rate "$rate" --duration "$d" 2>&1)
                line=$(grep '^{' <<<"$l" | tail -n 1); n[$d]=$(field requests "$line"); c[$d]=$(cpu_of "$l")
                [[ $(field errors "$line") == 0 ]] || echo "open: errors in the $d s run: $line" >&2
            done
            fu=$(floor "$rate" "$short" 0 "$port" /index.html)
            r=$(awk -v wn="$wn" -v wc="$wc" -v n1="${n[$short]}" -v c1="${c[$short]}" -v n2="${n[$long]}" -v c2="${c[$long]}" -v rate="$rate" -v fu="${fu:-0}" -v round="$round" 'BEGIN {
                steady = (c2 - c1) / (n2 - n1); wrk = wc / wn; fixed = c1 - steady * n1
                printf "{\"measure\":\"open\",\"rate\":%d,\"round\":%d,\"wrk_close_us_per_req\":%.1f,\"c_floor_us_per_req\":%.1f,\"load\":{\"short\":{\"requests\":%d,\"cpu_s\":%.3f},\"long\":{\"requests\":%d,\"cpu_s\":%.3f},\"steady_us_per_arrival\":%.1f,\"fixed_cpu_s\":%.3f},\"ratio\":%.3f,\"ratio_to_c_floor\":%.3f}\n",
                    rate, round, 1e6 * wrk, fu, n1, c1, n2, c2, 1e6 * steady, fixed, steady / wrk, (fu > 0 ? 1e6 * steady / fu : 0) }')
            echo "$r"; wrk_ratios+=" $(field ratio "$r")"; floor_ratios+=" $(field ratio_to_c_floor "$r")"; fixed_all+=" $(field fixed_cpu_s "$r")"
        done
        echo "{\"figure\":\"open\",\"rate\":$rate,\"median_ratio\":$(median <<<"$wrk_ratios"),\"median_ratio_to_c_floor\":$(median <<<"$floor_ratios"),\"goal\":\"<= 2x wrk -H 'Connection: close' per request\"}"
        echo "{\"figure\":\"startup\",\"rate\":$rate,\"median_fixed_cpu_s\":$(median <<<"$fixed_all"),\"goal\":\"<= 0.5 CPU-s\"}"
    done
fi

if [[ $what == csr || $what == all ]]; then
    env_file=${CSR_ENV:-$root/tests/PerfSuite.Tests/Artillery/loadtests/envs.sh}
    taskset -c 1 dotnet "$lab" serve --workers 1 > "$work/serve.out" 2>&1 &
    serve_pid=$!
    for _ in $(seq 300); do grep -q '^queue-api http' "$work/serve.out" && break; sleep 0.1; done
    base=$(awk '/^queue-api http/ {print $2}' "$work/serve.out"); base=${base%/}
    cp "$root/tests/PerfSuite.Tests/Artillery/loadtests/"{csr-test-http.yaml,processor.js} "$root/tests/PerfSuite.Benchmarks/scripts/"{csr-test-http.artillery.yaml,processor.artillery.js} "$work/"
    sed -E "s#http://127.0.0.1:5000#$base#g" "$env_file" > "$work/envs.sh"
    # The floor: the CSR plan's mean request rate (about 110/s) on 200 keep-alive connections to nginx, before and after.
    f1=$(floor 110 "$short" 200 "$port" /index.html)
    p=$(cd "$work" && /usr/bin/time -f 'TIME %U %S' taskset -c 0 dotnet "$dll" run csr-test-http.yaml --env-file envs.sh 2>&1 || true)
    f2=$(floor 110 "$short" 200 "$port" /index.html)
    pn=$(awk '/Requests completed:/ {print $3}' <<<"$p"); pc=$(cpu_of "$p")
    pg=$(sed -nE 's/.*Generator: .*CPU ([0-9.]+) s.*/\1/p' <<<"$p")
    echo "{\"figure\":\"csr-perfsuite\",\"requests\":$pn,\"process_cpu_s\":$pc,\"report_generator_cpu_s\":$pg,\"us_per_req\":$(awk -v c="$pc" -v n="$pn" 'BEGIN {printf "%.0f", 1e6 * c / n}'),\"report_us_per_req\":$(awk -v c="$pg" -v n="$pn" 'BEGIN {printf "%.0f", 1e6 * c / n}'),\"c_floor_keepalive_110_per_s_us_per_req\":[${f1:-0},${f2:-0}]}"
    if [[ -x ${ARTILLERY:-/nonexistent} ]]; then
        a=$(cd "$work" && set -a && . ./envs.sh && set +a && ARTILLERY_DISABLE_TELEMETRY=true NODE_PATH="$(dirname "$(dirname "$ARTILLERY")")" \
            /usr/bin/time -f 'TIME %U %S' taskset -c 0 "$ARTILLERY" run csr-test-http.artillery.yaml 2>&1 || true)
        # The figures of Artillery's final "Summary report" (the periodic reports before it repeat the same keys).
        an=$(awk '/Summary report/ {s = 1} s && /^http.requests:/ {n = $NF} END {print n + 0}' <<<"$a"); ac=$(cpu_of "$a")
        ae=$(awk '/Summary report/ {s = 1} s && /^errors\./ {e += $NF} END {print e + 0}' <<<"$a")
        echo "{\"figure\":\"csr-artillery\",\"requests\":${an:-0},\"errors\":$ae,\"process_cpu_s\":$ac,\"us_per_req\":$(awk -v c="$ac" -v n="${an:-0}" 'BEGIN {printf "%.0f", (n > 0 ? 1e6 * c / n : 0)}')}"
    fi
fi
