#!/usr/bin/env bash
# PerfSuite's two quick-start commands:
#   ./build.sh perf   install missing prerequisites, run the load suite against the embedded reference API, print the summaries
#   ./build.sh test   install missing prerequisites, run every test
#   ./build.sh unit   the fast inner loop: the unit tests only (no load, faults, Docker, packaging or browser tests)
#   ./build.sh image  build the reference API's image perfsuite-queue-api:local (a local Debian base first when missing)
#   ./build.sh compare BASE_REF [OPTIONS]   did the working tree make the reference API slower than BASE_REF? (docs/compare.md)
#   ./build.sh fuzz [TARGET] [SECONDS]   fuzz the parsers with SharpFuzz + AFL++ (docs/reliability.md, "Fuzzing")
# Other: ./build.sh prereqs (only the install step), ./build.sh help.
set -euo pipefail
cd "$(dirname "$0")"
# Docker helpers: docker_engine_up/down (starts and stops dockerd when none runs), docker_image_build.
source tools/docker.sh

# Debian/Ubuntu packages the suite needs at run time: the reference API (Flask-SocketIO under gunicorn+eventlet,
# on the system Python), a headless browser that checks the HTML report renders, and a real Prometheus that scrapes the
# live meter in the metrics tests (PrometheusExportTests; it skips without the binary). python3-gevent: the in-process
# sampler under gevent workers (SamplerWorkerClassesTests; they skip without it).
APT_PACKAGES=(python3 python3-flask python3-flask-socketio python3-eventlet python3-gevent python3-jwt gunicorn prometheus)
BROWSER_PACKAGES=(chromium)

log() { printf '[build.sh] %s\n' "$*"; }

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$pkg"
  done
}

install_prerequisites() {
  if ! command -v dotnet >/dev/null 2>&1; then
    log "The .NET 10 SDK is missing: install it (https://dotnet.microsoft.com/download or 'apt-get install dotnet-sdk-10.0' on Ubuntu) and run this again."
    exit 1
  fi
  if ! command -v dpkg-query >/dev/null 2>&1; then
    log "Not a Debian/Ubuntu system: make sure Python 3 has flask, flask_socketio, eventlet, jwt and gunicorn, and chromium is on PATH."
    return 0
  fi
  local browser=()
  # Any Chromium-family browser on PATH will do for the HTML report check (CI images ship google-chrome).
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || browser=("${BROWSER_PACKAGES[@]}")
  local missing
  missing=$(missing_packages "${APT_PACKAGES[@]}" "${browser[@]}")
  missing=${missing% }
  if [ -z "$missing" ]; then
    log "prerequisites present"
    return 0
  fi
  local cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing"
  if [ "$(id -u)" -eq 0 ]; then
    log "installing: $missing"
    bash -c "$cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    log "installing with sudo: $missing"
    sudo bash -c "$cmd"
  else
    log "missing packages: $missing"
    log "install them as root, then run this again:"
    printf '  sudo sh -c "%s"\n' "$cmd"
    exit 1
  fi
}

# Runs dotnet test, keeps its output and TRX results in artifacts/, and ends with one plain totals line
# summed over every test assembly's TRX file: "N passed, N failed, N skipped".
run_tests() {
  local results=artifacts/test-results
  rm -rf "$results"
  mkdir -p "$results"
  local status=0
  dotnet test "$@" -c Release --results-directory "$results" --logger "trx" \
      --logger "console;verbosity=normal" 2>&1 | tee artifacts/test-output.log || status=$?
  local counters
  counters=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' || true)
  if [ -z "$counters" ]; then
    log "no TRX results were written: the test run did not start"
    echo "0 passed, 0 failed, 0 skipped"
    return 1
  fi
  # The failed tests by name, just above the totals line (a log cut to its tail still says what failed).
  command -v python3 >/dev/null 2>&1 && python3 tools/trx-failures.py "$results"/*.trx || true
  printf '%s\n' "$counters" | awk '
    function attr(name,   m) { return match($0, name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 : 0 }
    { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); s += attr("total") - attr("executed") }
    END { printf "%d passed, %d failed, %d skipped\n", p, f, s }'
  return $status
}

# Prints each load test case's Artillery-style summary and where its reports are.
print_perf_summaries() {
  local dir="artifacts/perf/$PERF_RUN_ID" case_dir
  [ -d "$dir" ] || { log "no reports under $dir"; return 0; }
  for case_dir in "$dir"/*/; do
    [ -f "$case_dir/summary.txt" ] || continue
    printf '\n=== %s ===\n' "$(basename "$case_dir")"
    cat "$case_dir/summary.txt"
    if [ -s "$case_dir/violations.txt" ]; then
      echo "Budget violations:"
      sed 's/^/  /' "$case_dir/violations.txt"
    fi
    echo "Reports: ${case_dir}report.md, ${case_dir}report.html, ${case_dir}report.json"
  done
  echo
}

# The categories ./build.sh unit leaves out (xUnit traits "Category" on the test classes or methods).
UNIT_FILTER="Category!=Load&Category!=Faults&Category!=Smoke&Category!=Docker&Category!=Packaging&Category!=Browser"

# One run id for every load test case of this invocation, so reports land under one folder (CI may set its own).
export PERF_RUN_ID="${PERF_RUN_ID:-$(date -u +%Y%m%d-%H%M%S)}"

case "${1:-help}" in
  prereqs)
    install_prerequisites ;;
  test)
    install_prerequisites
    # The container tests use whatever engine already answers (they skip with the reason when none does).
    docker_testcontainers_env
    run_tests PerfSuite.sln ;;
  unit)
    # No prerequisites needed: every test that loads a server, injects faults, needs Docker, packs or opens a browser
    # carries a Category trait and is left out here (README, "Tests").
    run_tests tests/PerfSuite.Tests/PerfSuite.Tests.csproj --filter "$UNIT_FILTER" ;;
  image)
    trap docker_engine_down EXIT
    docker_engine_up
    docker_image_build ;;
  perf)
    install_prerequisites
    if [ -n "${PERF_TARGET_IMAGE:-}" ]; then
      # A container target needs an engine (started here when none runs, stopped at exit) and, for the reference API, its image.
      # docker_engine_up also exports the Testcontainers settings this machine needs (docker_testcontainers_env).
      trap docker_engine_down EXIT
      docker_engine_up
      [ "$PERF_TARGET_IMAGE" != "$QUEUE_API_IMAGE" ] || docker_image_exists "$QUEUE_API_IMAGE" || docker_image_build
    fi
    status=0
    run_tests tests/PerfSuite.LoadTests/PerfSuite.LoadTests.csproj --filter "Category=Load" || status=$?
    print_perf_summaries
    exit $status ;;
  compare)
    install_prerequisites
    [ -n "${2:-}" ] || { log "usage: ./build.sh compare BASE_REF [perfsuite-lab compare options]"; exit 2; }
    base_ref=$2
    shift 2
    # --baseline-image / --candidate-image start containers on an engine that already answers.
    docker_testcontainers_env
    # The reference API's comparison is the lab's (tests/PerfSuite.Lab), on the product's comparison rounds.
    dotnet build tests/PerfSuite.Lab/PerfSuite.Lab.csproj -c Release -nologo -v quiet
    # Exit code of the comparison: 0 no regression, 1 regression, 2 bad input.
    exec dotnet tests/PerfSuite.Lab/bin/Release/net10.0/perfsuite-lab.dll compare --base-ref "$base_ref" --out "artifacts/compare/$PERF_RUN_ID" "$@" ;;
  fuzz)
    shift
    exec tools/fuzz.sh "$@" ;;
  help|-h|--help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    log "unknown command '$1' (expected: perf, test, unit, image, compare, fuzz, prereqs, help)"
    exit 2 ;;
esac
