#!/bin/sh
# Values the CSR scripts read through {{ $processEnvironment.NAME }}: the users' plan (3 s warm-up, 30 s ramp 10->50/s,
# 60 s at 50/s, 200 users at most, 5 s think times) against a local reference API, csr1's login for the token hook.
# Artillery: `. ./envs.sh && artillery run csr-test-all.yaml`. PerfSuite: `perfsuite run csr-test-all.yaml --env-file envs.sh`.
export TARGET=http://127.0.0.1:5000
export MAX_VUSERS=200
export WARMUP_SECONDS=3
export RAMP_SECONDS=30
export RAMP_FROM=10
export RAMP_TO=50
export SUSTAIN_SECONDS=60
export THINK_SECONDS=5
export PERF_TOKEN_URL=http://127.0.0.1:5000/api/v1/auth/token
export PERF_CLIENT_ID=queue-web
export PERF_USERNAME=csr1
export PERF_PASSWORD=csr1-password
