"""Reference numbers: python-socketio's client connecting N times over websocket.

Usage: python3 python_socketio_connect.py <base url> <token> <count>
Prints one line: p50 p95 mean max, in milliseconds. Timed from the connect() call to the
'connect' event, like the C# clients in SocketIoConnectComparison.
"""
import math
import sys
import threading
import time

import socketio


def connect_once(url, token):
    client = socketio.Client(reconnection=False)
    connected = threading.Event()
    stamp = {}

    @client.event
    def connect():
        stamp["t"] = time.perf_counter()
        connected.set()

    started = time.perf_counter()
    client.connect(url, headers={"Cookie": "oidc-jwt=" + token}, transports=["websocket"],
                   socketio_path="/api/v1/socket.io", wait_timeout=10)
    if not connected.wait(10):
        raise RuntimeError("no connect event within 10 s")
    elapsed = (stamp["t"] - started) * 1000
    client.disconnect()
    return elapsed


def main():
    url, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for _ in range(20):
        connect_once(url, token)
    samples = sorted(connect_once(url, token) for _ in range(count))

    def pct(p):
        return samples[max(0, math.ceil(p / 100 * len(samples)) - 1)]

    print(f"{pct(50):.2f} {pct(95):.2f} {sum(samples) / len(samples):.2f} {samples[-1]:.2f}")


if __name__ == "__main__":
    main()
