#!/bin/bash
# The CSR team's scripts (tests/PerfSuite.Tests/Artillery/users), Artillery 2.0.34 then PerfSuite, against the reference
# API (targets/queue-api) on loopback, inside `unshare -n` (run as root: nothing can leave the machine). Each script is
# copied with its phases replaced by 2 s at 2 arrivals/s (nothing else changed). Artillery's processor (users/functions.js)
# fetches the token from the reference API's password grant as csr1; PerfSuite replaces that hook by its token provider
# with the same grant (PERF_TOKEN_URL...).
#   ARTILLERY=/tmp/artillery-2034/node_modules/.bin/artillery  PERFSUITE="dotnet .../perfsuite.dll"  ./side-by-side-csr.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../../.." && pwd)
out=${OUT:-/tmp/side-by-side-csr}
mkdir -p "$out"
# Artillery 2 calls an async hook without next (the stand-in processor calls next(): 'next is not a function'), so the
# copy it runs calls next only when there is one; nothing else in it changes.
sed 's/^  next();$/  if (typeof next === "function") next();/' "$repo/tests/PerfSuite.Tests/Artillery/users/functions.js" > "$out/functions.js"
python3 - "$repo/tests/PerfSuite.Tests/Artillery/users" "$out" <<'PY'
import re, sys
users, out = sys.argv[1], sys.argv[2]
for name in ['csr-http.yaml', 'csr-socket.yaml']:
    lines, result, i = open(f'{users}/{name}').read().split('\n'), [], 0
    while i < len(lines):
        phases = re.match(r'^(\s+)phases:\s*$', lines[i])
        if phases:
            pad = phases.group(1)
            result += [pad + 'phases:', pad + '  - duration: 2', pad + '    arrivalRate: 2']
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].strip().startswith('#') or len(lines[i]) - len(lines[i].lstrip()) > len(pad)):
                i += 1
            continue
        result.append(lines[i])
        i += 1
    open(f'{out}/{name}', 'w').write('\n'.join(result))
PY
unshare -n bash -c "
  ip link set lo up
  rm -f '$out/q.db'
  cd '$repo/targets/queue-api' && QUEUE_API_DB='$out/q.db' QUEUE_API_PORT=18081 /usr/bin/python3 -m gunicorn -c gunicorn.conf.py wsgi:app > '$out/server.log' 2>&1 & server=\$!
  for i in \$(seq 50); do curl -fs http://127.0.0.1:18081/api/v1/healthz > /dev/null && break; sleep 0.2; done
  cd '$out'
  export TARGET=http://127.0.0.1:18081 KEYCLOAK_USERNAME=csr1 KEYCLOAK_PASSWORD=csr1-password MAX_VIRTUAL_USERS=50
  export PERF_TOKEN_URL=http://127.0.0.1:18081/api/v1/auth/token PERF_CLIENT_ID=queue-web PERF_USERNAME=csr1 PERF_PASSWORD=csr1-password
  for s in csr-http.yaml csr-socket.yaml; do
    timeout 120 $ARTILLERY run \$s > \$s.artillery.txt 2>&1; echo \"exit \$?\" >> \$s.artillery.txt
    timeout 120 $PERFSUITE run \$s --report-dir '$out/reports/'\$s > \$s.perfsuite.txt 2>&1; echo \"exit \$?\" >> \$s.perfsuite.txt
  done
  kill \$server; wait \$server"
echo "outputs in $out"
