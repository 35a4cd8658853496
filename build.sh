#!/usr/bin/env bash
# PerfSuite's two quick-start commands:
#   ./build.sh perf   install missing prerequisites, run the load suite against the embedded reference API, print the summaries
#   ./build.sh test   install missing prerequisites, run every test
# Other: ./build.sh prereqs (only the install step), ./build.sh help.
set -euo pipefail
cd "$(dirname "$0")"

# Debian/Ubuntu packages the suite needs at run time: the reference API (Flask-SocketIO under gunicorn+eventlet,
# on the system Python) and a headless browser that checks the HTML report renders.
APT_PACKAGES=(python3 python3-flask python3-flask-socketio python3-eventlet python3-jwt gunicorn)
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

# Runs dotnet test, keeps its output in artifacts/, and ends with one plain totals line: "N passed, N failed, N skipped".
run_tests() {
  local logfile=artifacts/test-output.log
  mkdir -p artifacts
  local status=0
  dotnet test "$@" -c Release --results-directory artifacts/test-results --logger "trx" \
      --logger "console;verbosity=normal" 2>&1 | tee "$logfile" || status=$?
  awk '
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/ {
      line = $0; gsub(/[^0-9,]/, " ", line); split(line, n, ",");
      f += n[1]; p += n[2]; s += n[3]; found = 1
    }
    END { printf "%d passed, %d failed, %d skipped\n", p, f, s; if (!found) exit 1 }
  ' "$logfile" || { log "no test totals found in dotnet test output"; status=1; }
  return $status
}

case "${1:-help}" in
  prereqs)
    install_prerequisites ;;
  test)
    install_prerequisites
    run_tests PerfSuite.sln ;;
  perf)
    install_prerequisites
    run_tests tests/PerfSuite.LoadTests/PerfSuite.LoadTests.csproj ;;
  help|-h|--help)
    sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    log "unknown command '$1' (expected: perf, test, prereqs, help)"
    exit 2 ;;
esac
