#!/bin/sh
# The CSR scripts' values for the test suite: the users' phases cut to 5 s at 1-2 arrivals/s and 0.2 s think times,
# so each theory row sends a few dozen requests. The target and token come from the test fixture.
export TARGET=http://127.0.0.1:5000
export MAX_VUSERS=20
export WARMUP_SECONDS=1
export RAMP_SECONDS=2
export RAMP_FROM=1
export RAMP_TO=2
export SUSTAIN_SECONDS=2
export THINK_SECONDS=0.2
