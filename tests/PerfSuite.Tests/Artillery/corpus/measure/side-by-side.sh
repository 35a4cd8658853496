#!/bin/bash
# Same script, same loopback server, Artillery 2.0.34 then PerfSuite (docs/artillery.md section 8).
# Run as root: everything runs inside `unshare -n`, a network namespace with loopback only, so nothing can leave the
# machine whatever the scripts say. Each corpus script is copied with its phases replaced by 2 s at 5 arrivals/s
# (nothing else changed); both tools run that same copy with --target http://127.0.0.1:18080.
#   CORPUS=../shared/artillery-corpus ARTILLERY=/tmp/artillery-2034/node_modules/.bin/artillery  PERFSUITE="dotnet .../perfsuite.dll"  ./side-by-side.sh
# (CORPUS defaults to the corpus linked into the test output: run it from tests/PerfSuite.Tests/bin/Release/net10.0/Artillery/corpus/measure)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-/tmp/side-by-side}
mkdir -p "$out"
python3 - "${CORPUS:-$here/..}" "$out" <<'PY'
import re, sys
corpus, out = sys.argv[1], sys.argv[2]
scripts = {
    'bobydo.yaml': 'bobydo__artillery-load-testing/artillery.yaml',
    'simidrinkova.yml': 'SimiDrinkova__Load-Testing---Artillery/http.yml',
    'lacnic.yaml': 'LACNIC__natmeter/artillery.yaml',
    'metrics-by-endpoint.yml': 'artilleryio__artillery/packages/artillery-plugin-metrics-by-endpoint/test/fixtures/scenario-templated-url.yml',
    'aws-samples.yml': 'aws-samples__lambda-nodejs-esbuild/loadtest.yml',
    'dynamitec.yml': 'DynamiteC__broadcast-system-reboot/loadtest.yml',
    'table-driven.yml': 'artilleryio__artillery-examples/table-driven-functional-tests/functional-test.yml',
    'pets-test.yaml': 'artilleryio__artillery/packages/artillery-plugin-expect/test/pets-test.yaml',
    'pepbox.yml': 'pepbox__team-formation/load-tests/voting-test.yml',
}
import glob, shutil, os
for name, path in scripts.items():
    lines, result, i = open(f'{corpus}/{path}').read().split('\n'), [], 0
    while i < len(lines):
        phases = re.match(r'^(\s+)phases:\s*$', lines[i])
        if phases:
            pad = phases.group(1)
            result += [pad + 'phases:', pad + '  - duration: 2', pad + '    arrivalRate: 5']
            i += 1
            while i < len(lines) and (not lines[i].strip() or lines[i].strip().startswith('#') or len(lines[i]) - len(lines[i].lstrip()) > len(pad)):
                i += 1
            continue
        result.append(lines[i])
        i += 1
    if not any(re.match(r'^\s+phases:\s*$', l) for l in lines):
        # No phases (Artillery then runs one user): the same 2 s at 5/s, under config.
        at = result.index('config:') + 1
        result[at:at] = ['  phases:', '    - duration: 2', '      arrivalRate: 5']
    open(f'{out}/{name}', 'w').write('\n'.join(result))
    for csv in glob.glob(os.path.join(corpus, os.path.dirname(path), '*.csv')):
        shutil.copy(csv, out)
PY
cp "$here/server.py" "$out/"
unshare -n bash -c "
  ip link set lo up
  python3 '$out/server.py' 18080 & server=\$!
  sleep 0.5
  cd '$out'
  for s in ${SCRIPTS:-bobydo.yaml simidrinkova.yml lacnic.yaml metrics-by-endpoint.yml aws-samples.yml dynamitec.yml table-driven.yml pets-test.yaml pepbox.yml}; do
    timeout 120 $ARTILLERY run --target http://127.0.0.1:18080 \$s > \$s.artillery.txt 2>&1; echo \"exit \$?\" >> \$s.artillery.txt
    timeout 120 $PERFSUITE run \$s --target http://127.0.0.1:18080 --report-dir '$out/reports/'\$s > \$s.perfsuite.txt 2>&1; echo \"exit \$?\" >> \$s.perfsuite.txt
  done
  kill \$server"
echo "outputs in $out"
