#!/usr/bin/env python3
"""Start-up cost of a .NET command: runs it N times (after one unmeasured warm-up run) and prints one JSON object with the
median, min and max of user+sys CPU seconds (getrusage of each child, microsecond resolution) and of wall seconds.

usage: tools/startup-cpu.py [--runs N] [--env NAME=VALUE ...] -- COMMAND [ARG...]
e.g.   tools/startup-cpu.py --runs 20 -- dotnet src/PerfSuite.Cli/bin/Release/net10.0/perfsuite.dll load --help
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


def measure(command, environment):
    started = time.perf_counter()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, stdout=null, stderr=null, env=environment)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"startup-cpu: {' '.join(command)} exited {code}")
    return usage.ru_utime, usage.ru_stime, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    arguments = parser.parse_args()
    command = arguments.command[1:] if arguments.command[:1] == ["--"] else arguments.command
    if not command or arguments.runs < 1:
        parser.error("a command and --runs >= 1 are required")
    environment = dict(os.environ)
    for pair in arguments.env:
        name, _, value = pair.partition("=")
        environment[name] = value
    measure(command, environment)
    runs = [measure(command, environment) for _ in range(arguments.runs)]
    cpu = [u + s for u, s, _ in runs]

    def figures(values):
        return {"median": round(statistics.median(values), 4), "min": round(min(values), 4), "max": round(max(values), 4)}

    print(json.dumps({
        "command": command,
        "env": arguments.env,
        "runs": arguments.runs,
        "cpu_seconds": figures(cpu),
        "user_seconds_median": round(statistics.median(u for u, _, _ in runs), 4),
        "sys_seconds_median": round(statistics.median(s for _, s, _ in runs), 4),
        "wall_seconds": figures([w for _, _, w in runs]),
    }))


if __name__ == "__main__":
    main()
