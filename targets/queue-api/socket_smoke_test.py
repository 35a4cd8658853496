#!/usr/bin/python3
"""Socket.IO smoke test for a RUNNING queue-api server (websocket transport).

    /usr/bin/python3 socket_smoke_test.py http://127.0.0.1:5077 [--clients 4]

Needs the Debian packages python3-socketio (pulled in by flask-socketio) and
python3-websocket (websocket-client).  Starts nothing.  Checks:
  * connection refused (CONNECT_ERROR "unauthorized") without / with a bad token
  * token accepted via auth payload, Authorization header and oidc-jwt cookie
  * joinRoom: ack {"success": true, "room": ...} + joinRoomSuccess event
    (string payload and {"room": ...} payload)
  * echo: multi-argument + bytes round-trip in the ack and in the 'echoed' event
  * REST create/update/delete reach every client in room office_<id>
    (use --clients N with QUEUE_API_WORKERS>1 to exercise cross-worker fan-out)
"""
import argparse
import json
import queue
import sys
import urllib.parse
import urllib.request

import socketio

PATH = "/api/v1/socket.io"
FAILURES = []


def check(cond, what):
    print(("  ok   " if cond else "  FAIL ") + what)
    if not cond:
        FAILURES.append(what)
    return cond


def get_token(base, user, password, client_id):
    data = urllib.parse.urlencode({"grant_type": "password", "username": user,
                                   "password": password, "client_id": client_id}).encode()
    with urllib.request.urlopen(base + "/api/v1/auth/token", data=data, timeout=10) as resp:
        return json.load(resp)["access_token"]


def rest(base, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + "/api/v1" + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        raw = resp.read()
        return resp.status, (json.loads(raw) if raw else None)


class Probe:
    """A socketio.Client that records every received event in a queue."""

    def __init__(self):
        self.events = queue.Queue()
        self.sio = socketio.Client(reconnection=False)
        for name in ("joinRoomSuccess", "echoed", "appointment_create",
                     "appointment_update", "appointment_delete"):
            self.sio.on(name, self._recorder(name))

    def _recorder(self, name):
        def handler(*args):
            self.events.put((name, args))
        return handler

    def connect(self, base, **kwargs):
        self.sio.connect(base, socketio_path=PATH, transports=["websocket"],
                         wait_timeout=5, **kwargs)
        return self

    def wait_for(self, name, timeout=5.0):
        while True:
            try:
                got, args = self.events.get(timeout=timeout)
            except queue.Empty:
                return None
            if got == name:
                return args


def refused(base, **kwargs):
    """Return the CONNECT_ERROR payload, or None if the server accepted us."""
    sio = socketio.Client(reconnection=False)
    errors = []
    sio.on("connect_error", lambda data=None: errors.append(data))
    try:
        sio.connect(base, socketio_path=PATH, transports=["websocket"], wait_timeout=5, **kwargs)
    except socketio.exceptions.ConnectionError as exc:
        sio.disconnect()
        return errors[0] if errors else str(exc)
    sio.disconnect()
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base_url")
    ap.add_argument("--username", default="csr1")
    ap.add_argument("--password", default="csr1-password")
    ap.add_argument("--client-id", default="queue-web")
    ap.add_argument("--clients", type=int, default=1,
                    help="extra clients joining office_1 for the broadcast check")
    args = ap.parse_args()
    base = args.base_url.rstrip("/")
    token = get_token(base, args.username, args.password, args.client_id)

    print("connect")
    reason = refused(base)
    check(reason == {"message": "unauthorized"}, "refused without token: CONNECT_ERROR %r" % (reason,))
    reason = refused(base, auth={"token": "garbage"})
    check(reason == {"message": "unauthorized"}, "refused with bad token: CONNECT_ERROR %r" % (reason,))
    via_header = Probe().connect(base, headers={"Authorization": "Bearer " + token})
    check(via_header.sio.connected, "accepted with Authorization header")
    via_cookie = Probe().connect(base, headers={"Cookie": "oidc-jwt=" + token})
    check(via_cookie.sio.connected, "accepted with oidc-jwt cookie")
    probe = Probe().connect(base, auth={"token": token})
    check(probe.sio.connected and probe.sio.transport() == "websocket",
          "accepted with auth payload over websocket")

    print("joinRoom")
    ack = probe.sio.call("joinRoom", "office_1", timeout=5)
    check(ack == {"success": True, "room": "office_1"}, "ack for string payload: %r" % (ack,))
    ev = probe.wait_for("joinRoomSuccess")
    check(ev == ({"success": True, "room": "office_1"},), "joinRoomSuccess event: %r" % (ev,))
    ack = via_header.sio.call("joinRoom", {"room": "office_1"}, timeout=5)
    check(ack == {"success": True, "room": "office_1"}, "ack for {\"room\": ...} payload: %r" % (ack,))
    check(via_header.wait_for("joinRoomSuccess") is not None, "joinRoomSuccess for dict payload")

    print("echo")
    blob = bytes(range(256)) * 4
    ack = probe.sio.call("echo", ("hello", blob, {"n": 1, "b": b"\x00\xff"}, 42), timeout=5)
    check(isinstance(ack, tuple) and list(ack) == ["hello", blob, {"n": 1, "b": b"\x00\xff"}, 42],
          "multi-arg + binary ack round-trips")
    ev = probe.wait_for("echoed")
    check(ev == ("hello", blob, {"n": 1, "b": b"\x00\xff"}, 42), "echoed event carries the same args")
    ack = probe.sio.call("echo", b"\x01\x02\x03", timeout=5)
    check(ack == b"\x01\x02\x03", "single bytes argument round-trips")
    check(probe.wait_for("echoed") == (b"\x01\x02\x03",), "echoed with single bytes arg")

    print("broadcasts")
    extra = [Probe().connect(base, auth={"token": token}) for _ in range(args.clients)]
    for p in extra:
        p.sio.call("joinRoom", "office_1", timeout=5)
    others = Probe().connect(base, auth={"token": token})
    others.sio.call("joinRoom", "office_2", timeout=5)
    listeners = [probe] + extra
    _, body = rest(base, "POST", "/appointments/", token, {
        "start_time": "2025-04-02T17:00:00Z", "end_time": "2025-04-02T17:30:00Z",
        "service_id": 2, "citizen_name": "Socket Smoke", "contact_information": "s@example.com",
        "office_id": 1})
    appt_id = body["appointment"]["appointment_id"]
    got = [p.wait_for("appointment_create") for p in listeners]
    check(all(g and g[0]["appointment_id"] == appt_id for g in got),
          "appointment_create reached all %d office_1 clients" % len(listeners))
    rest(base, "PUT", "/appointments/%d/" % appt_id, token, {"comments": "updated"})
    got = [p.wait_for("appointment_update") for p in listeners]
    check(all(g and g[0]["comments"] == "updated" for g in got), "appointment_update reached all")
    rest(base, "DELETE", "/appointments/%d/" % appt_id, token)
    got = [p.wait_for("appointment_delete") for p in listeners]
    check(all(g and g[0]["appointment_id"] == appt_id for g in got), "appointment_delete reached all")
    check(others.wait_for("appointment_create", timeout=1.0) is None,
          "office_2 client did not get office_1 events")

    for p in [probe, via_header, via_cookie, others] + extra:
        p.sio.disconnect()
    print()
    if FAILURES:
        print("%d socket checks FAILED" % len(FAILURES))
        return 1
    print("all socket checks passed")
    return 0


if __name__ == "__main__":
    import os
    try:
        code = main()
    except Exception as exc:  # noqa: BLE001 - report, then exit hard
        import traceback
        traceback.print_exc()
        code = 2
    sys.stdout.flush()
    # socketio.Client runs non-daemon threads; don't let a failure hang us
    os._exit(code)
