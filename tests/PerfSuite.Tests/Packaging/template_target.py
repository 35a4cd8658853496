"""A small loopback server for the template's end-to-end test (not the reference API).

GET / answers {"status": "ok"}; Socket.IO (path /socket.io) acknowledges 'ping' with {"ok": true, "echo": <data>}.
Prints "listening on PORT" once bound. Uses only Debian packages (python3-socketio, python3-eventlet).
Usage: template_target.py [PORT [DELAY_MS]]: DELAY_MS (default 0) is added to every GET / (a cooperative sleep, so it is
latency, not a throughput cap): the "candidate with a regression" of the compare test.
"""
import sys

import eventlet
import eventlet.wsgi
import socketio

DELAY_S = float(sys.argv[2]) / 1000 if len(sys.argv) > 2 else 0.0

sio = socketio.Server(async_mode="eventlet", cors_allowed_origins=[])


@sio.on("ping")
def ping(sid, data):
    return {"ok": True, "echo": data}


def root(environ, start_response):
    if environ.get("PATH_INFO") == "/":
        if DELAY_S:
            eventlet.sleep(DELAY_S)
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"status": "ok"}']
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"not found"]


app = socketio.WSGIApp(sio, root, socketio_path="socket.io")

if __name__ == "__main__":
    listener = eventlet.listen(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else 0))
    print(f"listening on {listener.getsockname()[1]}", flush=True)
    eventlet.wsgi.server(listener, app, log_output=False)
