#!/usr/bin/env bash
# ./build.sh fuzz [TARGET] [SECONDS]: SharpFuzz-instrumented parsers under AFL++ (Debian's afl++), one target at a time.
# No TARGET: every target in turn. SECONDS: per target (default 60). Findings land in artifacts/fuzz/<target>/findings
# (or $FUZZ_OUT/<target>/findings); replay one with: dotnet artifacts/fuzz/bin/PerfSuite.Fuzz.dll TARGET FILE. Seeds: tests/PerfSuite.Fuzz/seeds/<target>
# (bytes from the real traffic tests) plus, for artillery, the shared Artillery corpus when it is present.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=(http-head http-chunk http-body websocket-head ws-frames engineio socketio json-checks budgets artillery csv-feed json-feed)
target=${1:-all}
seconds=${2:-60}
# FUZZ_OUT: another output folder (its own instrumented copy), so a long run is not disturbed by a rebuild for the next.
out=${FUZZ_OUT:-artifacts/fuzz}
corpus=${PERF_ARTILLERY_CORPUS:-/work/shared/artillery-corpus}

command -v afl-fuzz >/dev/null || { echo "[fuzz] afl-fuzz is missing: apt-get install -y afl++" >&2; exit 2; }
if [ ! -x .tools/sharpfuzz ]; then
  dotnet tool install --tool-path .tools SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi
# FUZZ_NO_BUILD=1 reuses the instrumented build of an earlier call (several targets in turn while the tree changes).
if [ "${FUZZ_NO_BUILD:-}" != 1 ] || [ ! -f "$out/bin/PerfSuite.Fuzz.dll" ]; then
  dotnet build tests/PerfSuite.Fuzz -c Release -nologo -v quiet
  rm -rf "$out/bin" && mkdir -p "$out/bin"
  cp -r tests/PerfSuite.Fuzz/bin/Release/net10.0/. "$out/bin/"
  # Instrument the product assemblies whose parsers the targets feed (SharpFuzz rewrites them in place).
  for dll in PerfSuite.Engine PerfSuite.Reporting PerfSuite.Artillery; do
    .tools/sharpfuzz "$out/bin/$dll.dll" >/dev/null
  done
fi

run_one() {
  local t=$1 seeds="$out/$1/seeds"
  rm -rf "$seeds" && mkdir -p "$seeds"
  # artillery has no committed seeds: its seeds are the shared corpus, copied below.
  if [ -d tests/PerfSuite.Fuzz/seeds/"$t" ]; then cp tests/PerfSuite.Fuzz/seeds/"$t"/* "$seeds/"; fi
  if [ "$t" = artillery ] && [ -d "$corpus" ]; then
    find "$corpus" -name '*.y*ml' -size -16k | head -40 | while read -r f; do cp "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-12).yml"; done
  fi
  echo "[fuzz] $t for ${seconds}s"
  # The machine is shared: no CPU binding, no core_pattern or governor demands; -t: a .NET start is slow.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    nice -n 10 afl-fuzz -i "$seeds" -o "$out/$t/findings" -t 10000 -m none -V "$seconds" -- dotnet "$out/bin/PerfSuite.Fuzz.dll" "$t" \
    > "$out/$t/afl.log" 2>&1 || { tail -20 "$out/$t/afl.log" >&2; return 1; }
  grep -E "^(execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|total_edges|saved_crashes|saved_hangs|run_time)" "$out/$t/findings/default/fuzzer_stats" || true
}

if [ "$target" = all ]; then
  for t in "${TARGETS[@]}"; do run_one "$t"; done
else
  [[ " ${TARGETS[*]} " == *" $target "* ]] || { echo "[fuzz] unknown target '$target' (expected: ${TARGETS[*]})" >&2; exit 2; }
  run_one "$target"
fi
