#!/bin/bash
# Runs inside `unshare -n`: only loopback exists, so nothing can leave the machine.
ip link set lo up
python3 /tmp/art-corpus/server.py 18080 & srv=$!
sleep 0.5
cd "$(dirname "$1")"
timeout 60 /tmp/artillery-2034/node_modules/.bin/artillery run --target http://127.0.0.1:18080 \
  --overrides '{"config":{"phases":[{"duration":1,"arrivalRate":1}]}}' "$(basename "$1")"
echo "EXIT=$?"
kill $srv
