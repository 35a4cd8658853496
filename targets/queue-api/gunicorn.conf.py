"""gunicorn settings, all driven by QUEUE_API_* environment variables.

Launch (cwd = targets/queue-api):
    /usr/bin/python3 -m gunicorn -c gunicorn.conf.py wsgi:app
"""
import logging
import os
import sys

from gunicorn.glogging import Logger


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


_host = os.environ.get("QUEUE_API_HOST", "").strip() or "127.0.0.1"
# PORT: the usual container convention (the image sets it; a launcher on the host network passes a free port in it).
_port = _int("QUEUE_API_PORT", _int("PORT", 5000))

bind = ["[%s]:%d" % (_host, _port) if ":" in _host else "%s:%d" % (_host, _port)]
workers = _int("QUEUE_API_WORKERS", 1)
worker_class = "eventlet"
# max simultaneous clients (HTTP keep-alive + websockets) per worker
worker_connections = _int("QUEUE_API_WORKER_CONNECTIONS", 2000)
backlog = 2048
# seconds an idle keep-alive connection is kept open (also bounds shutdown)
# gunicorn's own default (2 s). Not 5 s: the CSR flows think 5 s between requests, and a keep-alive timeout equal
# to the think time makes the server close the connection just as the client reuses it (measured: 86 resets in
# 9,565 requests at seed-load), an artefact of two equal numbers rather than of the service.
keepalive = _int("QUEUE_API_KEEPALIVE", 2)
timeout = 30
# SIGTERM/SIGINT: workers get this long to finish, then are SIGKILLed
graceful_timeout = _int("QUEUE_API_GRACEFUL_TIMEOUT", 5)
preload_app = False  # every worker builds its own app + SQLite connection
proc_name = "queue-api"

# Both logs go to stderr (gunicorn's "-" means stdout for the access log).
errorlog = "-"
loglevel = os.environ.get("QUEUE_API_LOG_LEVEL", "").strip() or "info"
accesslog = "-" if os.environ.get("QUEUE_API_ACCESS_LOG", "1").strip().lower() not in (
    "0", "false", "no", "off") else None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


class StderrLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.access_log.handlers:
            if isinstance(handler, logging.StreamHandler) and \
                    getattr(handler, "stream", None) is sys.stdout:
                handler.setStream(sys.stderr)


logger_class = StderrLogger


def post_worker_init(worker):
    """On SIGTERM, also disconnect Socket.IO clients so the worker drains fast.

    gunicorn's eventlet worker waits (up to graceful_timeout) for every open
    connection to finish; websockets never do by themselves.
    """
    import signal

    import eventlet

    original = worker.handle_exit

    def handle_exit(sig, frame):
        original(sig, frame)
        try:
            from queue_api.sockets import close_all_clients
        except Exception:  # noqa: BLE001
            return
        eventlet.spawn(close_all_clients)

    signal.signal(signal.SIGTERM, handle_exit)


def _watch_parent(server, parent_pid, owned_dir):
    """Stops gunicorn when the process that launched it is gone (SIGKILLed, crashed).

    QUEUE_API_PARENT_PID names the launcher. When the master's parent is no longer that process, the master was
    orphaned: no one will ever stop it, its port stays bound and its folder stays behind. PR_SET_PDEATHSIG is not
    used because it fires when the launcher's *thread* that forked exits, which in .NET is any thread-pool thread.

    The watch costs nothing while the launcher lives: a pidfd (Linux >= 5.3) of the launcher becomes readable when it
    exits, and the thread blocks in select() on it until then, so it neither wakes up nor shows in a profile (py-spy
    leaves idle threads out). Without pidfd_open (an old kernel), it falls back to polling getppid() every 0.25 s.
    """
    import select
    import signal
    import time

    pidfd = None
    try:
        pidfd = os.pidfd_open(parent_pid)
    except ProcessLookupError:
        pass  # already gone
    except (AttributeError, OSError):
        pidfd = -1  # no pidfd here: poll
    # After the open: if the launcher is not our parent any more, the pid may already name another process.
    if pidfd is not None and pidfd >= 0 and os.getppid() == parent_pid:
        select.select([pidfd], [], [])
    elif pidfd == -1:
        while os.getppid() == parent_pid:
            time.sleep(0.25)
    if pidfd is not None and pidfd >= 0:
        os.close(pidfd)
    server.log.warning("launcher process %d is gone: stopping (orphaned server)", parent_pid)
    # Removed in on_exit, once the workers (which hold the SQLite files open) are gone.
    _orphaned_dirs.append(owned_dir)
    os.kill(os.getpid(), signal.SIGTERM)


_orphaned_dirs = []


def on_exit(server):
    """After an orphaned shutdown, removes the folder the launcher created and can no longer remove."""
    import shutil

    for owned_dir in _orphaned_dirs:
        if owned_dir:
            shutil.rmtree(owned_dir, ignore_errors=True)


def when_ready(server):
    """Starts the parent watchdog in the master (workers already exit when the master goes away)."""
    import threading

    parent_pid = _int("QUEUE_API_PARENT_PID", 0)
    if parent_pid > 0:
        owned_dir = os.environ.get("QUEUE_API_OWNED_DIR", "").strip()
        threading.Thread(target=_watch_parent, args=(server, parent_pid, owned_dir), name="parent-watchdog",
                         daemon=True).start()


def post_fork(server, worker):
    """Loads PerfSuite's in-process sampler in each worker when PERFSUITE_SAMPLER_DIR (or _LISTEN) is set.

    PERFSUITE_SAMPLER_PATH names the folder holding perfsuite_sampler.py (PerfSuite writes it there); without the
    variables nothing is imported. See docs/profiling.md, "Without ptrace: the in-process sampler".
    """
    if not (os.environ.get("PERFSUITE_SAMPLER_DIR", "").strip() or os.environ.get("PERFSUITE_SAMPLER_LISTEN", "").strip()):
        return
    path = os.environ.get("PERFSUITE_SAMPLER_PATH", "").strip()
    if path and path not in sys.path:
        sys.path.insert(0, path)
    import perfsuite_sampler

    perfsuite_sampler.start()
