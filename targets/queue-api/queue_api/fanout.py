"""Cross-worker fan-out of REST-triggered Socket.IO broadcasts.

Flask-SocketIO without a message queue (Redis etc.) only reaches clients
connected to the *same* process.  With QUEUE_API_WORKERS > 1 a REST call
handled by worker A must still notify CSRs whose websocket lives in worker B,
so every worker binds a Linux abstract-namespace UNIX datagram socket
(no files on disk for the socket, no TCP) and registers its pid in
``<db>.workers/``.  A broadcast is delivered locally right away and queued
for a single sender thread that sends one small JSON datagram to every peer,
whose listener thread re-emits it to its own clients.

* The REST request never blocks on, or fails because of, the fan-out.
* Exactly one green thread writes to the send socket (eventlet forbids two
  greenlets writing the same fd).
* Per-client emits (joinRoomSuccess, echoed, acks) never leave the worker.
"""
import atexit
import hashlib
import json
import logging
import os
import queue
import socket
import threading

log = logging.getLogger("queue_api.fanout")

MAX_DATAGRAM = 60 * 1024
MAX_BACKLOG = 10000     # queued broadcasts per worker before dropping
SEND_TIMEOUT = 1.0      # a peer that cannot take a datagram for this long is skipped


class Fanout:
    def __init__(self, db_path, deliver):
        key = hashlib.sha1(db_path.encode("utf-8")).hexdigest()[:16]
        self._prefix = "\0queue-api-%s-" % key
        self._dir = db_path + ".workers"
        self._deliver = deliver
        self._pid = None
        self._outbox = None
        self._dropped = 0

    # -- lifecycle -------------------------------------------------------
    def ensure_started(self):
        """Idempotent and cheap; (re)binds after a fork."""
        pid = os.getpid()
        if self._pid == pid:
            return
        self._pid = pid
        self._outbox = None
        try:
            os.makedirs(self._dir, exist_ok=True)
            recv_sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            recv_sock.bind(self._prefix + str(pid))
            send_sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            send_sock.settimeout(SEND_TIMEOUT)
            with open(os.path.join(self._dir, str(pid)), "w") as fh:
                fh.write(str(pid))
            atexit.register(self._unregister, str(pid))
            outbox = queue.Queue(maxsize=MAX_BACKLOG)
            # daemon (green, under eventlet) threads: must never delay exit
            threading.Thread(target=self._listen, args=(recv_sock,), daemon=True,
                             name="queue-api-fanout-recv").start()
            threading.Thread(target=self._send_loop, args=(send_sock, outbox),
                             daemon=True, name="queue-api-fanout-send").start()
            self._outbox = outbox
        except OSError as exc:  # fan-out is best effort; never block startup
            log.warning("cross-worker fan-out disabled in pid %d: %s", pid, exc)

    def _unregister(self, name):
        try:
            os.unlink(os.path.join(self._dir, name))
        except OSError:
            pass

    # -- send / receive --------------------------------------------------
    def publish(self, event, data, room):
        """Deliver to local clients now; queue the message for other workers."""
        try:
            self._deliver(event, data, room)
        except Exception:  # noqa: BLE001 - a broadcast must not fail a request
            log.exception("local broadcast of %s failed", event)
        outbox = self._outbox
        if outbox is None:
            return
        try:
            outbox.put_nowait((event, data, room))
        except queue.Full:
            self._dropped += 1
            if self._dropped % 1000 == 1:
                log.warning("fan-out backlog full: dropped %d broadcasts", self._dropped)

    def _peers(self):
        own = str(self._pid)
        try:
            return [n for n in os.listdir(self._dir) if n != own and n.isdigit()]
        except OSError:
            return []

    def _send_loop(self, sock, outbox):
        while True:
            event, data, room = outbox.get()
            peers = self._peers()
            if not peers:
                continue
            try:
                payload = json.dumps({"e": event, "d": data, "r": room}).encode()
            except (TypeError, ValueError):
                log.exception("cannot serialise broadcast %s", event)
                continue
            if len(payload) > MAX_DATAGRAM:
                log.warning("broadcast %s too large for fan-out (%d bytes)", event, len(payload))
                continue
            for name in peers:
                try:
                    sock.sendto(payload, self._prefix + name)
                except (ConnectionRefusedError, FileNotFoundError):
                    self._unregister(name)  # that worker is gone (restarted/killed)
                except OSError as exc:  # includes socket.timeout: peer stalled
                    log.warning("fan-out to worker %s failed: %s", name, exc)

    def _listen(self, sock):
        while True:
            try:
                raw = sock.recv(MAX_DATAGRAM + 1024)
            except OSError as exc:
                log.warning("fan-out listener stopped: %s", exc)
                return
            try:
                msg = json.loads(raw)
                self._deliver(msg["e"], msg["d"], msg["r"])
            except Exception:  # noqa: BLE001 - keep listening whatever happens
                log.exception("bad fan-out message")
