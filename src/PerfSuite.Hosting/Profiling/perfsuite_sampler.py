"""PerfSuite's in-process sampler: profiles a Python server where py-spy cannot attach (no SYS_PTRACE).

One module, no dependencies, Python 3.8+. The server loads it itself:

* gunicorn (sync, eventlet or gevent workers), in the config file::

      def post_fork(server, worker):
          import perfsuite_sampler
          perfsuite_sampler.start()

* any other process: put the folder holding this file on PYTHONPATH and ``import perfsuite_sampler;
  perfsuite_sampler.start(parent=False)`` (e.g. from a ``sitecustomize.py``).

It does nothing unless PERFSUITE_SAMPLER_DIR names a folder (the control folder, shared with PerfSuite). Then a real OS
thread (never a green one, also after eventlet or gevent monkey-patched the process) samples the running stack of every
thread of the process at PERFSUITE_SAMPLER_RATE samples/s (default 100) with sys._current_frames(): under eventlet and
gevent that is the stack of the greenlet running at that instant, exactly what py-spy sees. Samples are only taken
while a recording is on:

* PerfSuite writes ``<dir>/record`` holding a recording id: every worker starts counting stacks;
* PerfSuite removes it: every worker writes ``<dir>/<id>.<pid>.txt`` in py-spy's raw collapsed format (``record
  --format raw --subprocesses``: ``process PID:"cmd";...;func (file:line) COUNT``) and then ``<id>.<pid>.done``;
* PerfSuite writes ``<dir>/dump`` holding a dump id: every worker writes ``dump-<id>.<pid>.txt``, every live greenlet's
  stack grouped by identical stack, with counts.

Each worker touches ``<dir>/worker.<pid>`` every second, so PerfSuite knows whose files to wait for.

Optional, never on by default: PERFSUITE_SAMPLER_LISTEN=host:port and PERFSUITE_SAMPLER_TOKEN serve the same over
HTTP for a remote server (POST /record?id=ID, POST /stop?id=ID -> raw stacks, GET /dump), bound to that address only,
every request needing ``Authorization: Bearer <token>`` (anything else: 401, the token never logged).
"""

import gc
import hmac
import os
import sys
import sysconfig

__all__ = ["start", "stop", "greenlet_dump", "collapse_running", "frame_name"]

DIR_VARIABLE = "PERFSUITE_SAMPLER_DIR"
RATE_VARIABLE = "PERFSUITE_SAMPLER_RATE"
LISTEN_VARIABLE = "PERFSUITE_SAMPLER_LISTEN"
TOKEN_VARIABLE = "PERFSUITE_SAMPLER_TOKEN"


def _original(module, name):
    """The unpatched attribute (eventlet or gevent may have monkey-patched the module)."""
    if "eventlet.patcher" in sys.modules:
        try:
            return getattr(sys.modules["eventlet.patcher"].original(module), name)
        except Exception:  # noqa: BLE001
            pass
    if "gevent.monkey" in sys.modules:
        try:
            return sys.modules["gevent.monkey"].get_original(module, name)
        except Exception:  # noqa: BLE001
            pass
    return getattr(__import__(module), name)


_start_thread = _original("_thread", "start_new_thread")
_allocate_lock = _original("_thread", "allocate_lock")
_get_ident = _original("_thread", "get_ident")
_sleep = _original("time", "sleep")
_monotonic = _original("time", "monotonic")

_names = {}
_prefixes = None
_library_roots = None


def _path_prefixes():
    global _prefixes
    if _prefixes is None:
        entries = set()
        for entry in sys.path:
            entry = os.path.abspath(entry or os.getcwd())
            entries.add(entry.rstrip(os.sep) + os.sep)
        _prefixes = sorted(entries, key=len, reverse=True)
    return _prefixes


def short_filename(filename):
    """The file as py-spy prints it: relative to the longest sys.path entry holding it (``gunicorn/arbiter.py``)."""
    if filename.startswith("<"):
        return filename
    for prefix in _path_prefixes():
        if filename.startswith(prefix):
            return filename[len(prefix):]
    return filename


def frame_name(frame):
    """``function (file:line)``, py-spy's frame text."""
    code = frame.f_code
    # None (Python 3.11+) for a frame that has not reached its first line yet: name it by its first line.
    line = frame.f_lineno or code.co_firstlineno
    key = (code, line)
    name = _names.get(key)
    if name is None:
        name = "%s (%s:%d)" % (code.co_name, short_filename(code.co_filename), line)
        if len(_names) < 200000:
            _names[key] = name
    return name


def _stack(frame):
    """Root first, as py-spy's collapsed stacks."""
    names = []
    while frame is not None:
        names.append(frame_name(frame))
        frame = frame.f_back
    names.reverse()
    return names


def _cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            raw = f.read()
        text = raw.replace(b"\0", b" ").decode("utf-8", "replace").strip()
        if text:
            return text
    except OSError:
        pass
    return " ".join([sys.executable] + sys.argv) if pid == os.getpid() else "python"


def _process_frames(parent):
    pid = os.getpid()
    frames = []
    if parent:
        ppid = os.getppid()
        frames.append('process %d:"%s"' % (ppid, _cmdline(ppid).replace('"', "'")))
    frames.append('process %d:"%s"' % (pid, _cmdline(pid).replace('"', "'")))
    return frames


def collapse_running(counts, skip_thread):
    """Adds one sample of every thread's running stack (but the sampler's) to ``counts`` (stack tuple -> samples)."""
    for ident, frame in sys._current_frames().items():
        if ident == skip_thread:
            continue
        key = tuple(_stack(frame))
        if key:
            counts[key] = counts.get(key, 0) + 1


def format_raw(counts, process_frames):
    prefix = ";".join(process_frames)
    lines = []
    for stack, samples in sorted(counts.items(), key=lambda kv: -kv[1]):
        lines.append("%s;%s %d" % (prefix, ";".join(stack), samples))
    return "\n".join(lines) + ("\n" if lines else "")


def _is_library(filename):
    global _library_roots
    if _library_roots is None:
        roots = set()
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            try:
                roots.add(os.path.abspath(sysconfig.get_paths()[key]) + os.sep)
            except Exception:  # noqa: BLE001
                pass
        _library_roots = tuple(roots)
    return (filename.startswith("<") or filename.startswith(_library_roots)
            or "site-packages" in filename or "dist-packages" in filename)


def greenlet_dump(process_frames=None):
    """Every live greenlet's stack (and every OS thread's), grouped by identical stack, most first, as text."""
    started = _monotonic()
    groups = {}
    live = 0
    greenlet_type = None
    greenlet_module = sys.modules.get("greenlet")
    if greenlet_module is not None:
        greenlet_type = getattr(greenlet_module, "greenlet", None)
    sampler = _state.get("thread")
    threads = sys._current_frames()
    scanned = 0
    if greenlet_type is not None:
        for obj in gc.get_objects():
            scanned += 1
            if type(obj) is greenlet_type or (isinstance(obj, greenlet_type) if greenlet_type else False):
                frame = obj.gr_frame
                if frame is None or obj.dead:
                    continue
                live += 1
                key = tuple(_stack(frame))
                groups[key] = groups.get(key, 0) + 1
    running = 0
    for ident, frame in threads.items():
        if ident == sampler:
            continue
        running += 1
        key = tuple(_stack(frame))
        groups[key] = groups.get(key, 0) + 1
    took = (_monotonic() - started) * 1000
    pid = os.getpid()
    out = ["PerfSuite sampler dump of process %d (%s): %d waiting greenlets and %d running thread stacks in %d groups "
           "(gc scan of %d objects in %.0f ms)" % (pid, _cmdline(pid), live, running, len(groups), scanned, took), ""]
    for stack, count in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
        where = _where(stack)
        out.append("%d %s waiting in %s" % (count, "greenlet" if count == 1 else "greenlets", where))
        for name in reversed(stack):
            out.append("    " + name)
        out.append("")
    return "\n".join(out)


def _where(stack):
    """The innermost frame of the team's own code (not stdlib, site-packages or the event loop), else the innermost."""
    for name in reversed(stack):
        function, _, rest = name.rpartition(" (")
        location = rest.rstrip(")")
        filename = location.rsplit(":", 1)[0]
        full = _full_filename(filename)
        if full is not None and not _is_library(full):
            return "%s %s" % (location, function)
    function, _, rest = stack[-1].rpartition(" (")
    return "%s %s" % (rest.rstrip(")"), function)


def _full_filename(short):
    if short.startswith("<"):
        return None
    if os.path.isabs(short):
        return short
    for prefix in _path_prefixes():
        candidate = prefix + short
        if os.path.exists(candidate):
            return candidate
    return None


_state = {}


def _write(path, text):
    temporary = "%s.tmp%d" % (path, os.getpid())
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def _read(path):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        return None


def _loop(directory, rate, parent):
    me = _get_ident()
    _state["thread"] = me
    pid = os.getpid()
    process_frames = _process_frames(parent)
    interval = 1.0 / rate
    # Without a folder (the HTTP control alone) there is no heartbeat, control file or dump file to look at.
    heartbeat = os.path.join(directory, "worker.%d" % pid) if directory else None
    record_path = os.path.join(directory, "record") if directory else None
    dump_path = os.path.join(directory, "dump") if directory else None
    recording = None
    counts = {}
    last_control = 0.0
    last_beat = 0.0
    last_dump = None
    next_sample = _monotonic()
    while not _state.get("stopped"):
        now = _monotonic()
        if heartbeat is not None and now - last_beat >= 1.0:
            last_beat = now
            try:
                _write(heartbeat, "%d\n" % pid)
            except OSError:
                pass
        if directory and now - last_control >= 0.05:
            last_control = now
            wanted = _read(record_path)
            if wanted != recording:
                if recording is not None:
                    _finish(directory, recording, counts, process_frames, pid)
                recording = wanted
                counts = {}
                next_sample = now
            dump_id = _read(dump_path)
            if dump_id and dump_id != last_dump:
                last_dump = dump_id
                try:
                    _write(os.path.join(directory, "dump-%s.%d.txt" % (_safe(dump_id), pid)), greenlet_dump(process_frames))
                except Exception as e:  # noqa: BLE001
                    _write(os.path.join(directory, "dump-%s.%d.txt" % (_safe(dump_id), pid)), "No dump: %r\n" % (e,))
        http = _state.get("http")
        if http is not None:
            http.poll(process_frames)
        if recording is not None or (http is not None and http.recording is not None):
            sample = {}
            try:
                collapse_running(sample, me)
            except Exception as e:  # noqa: BLE001  one bad sample must not end the thread (the stop would wait in vain)
                _state["error"] = repr(e)
            for key, n in sample.items():
                if recording is not None:
                    counts[key] = counts.get(key, 0) + n
                if http is not None and http.recording is not None:
                    http.counts[key] = http.counts.get(key, 0) + n
            next_sample += interval
            delay = next_sample - _monotonic()
            if delay < -interval:
                next_sample = _monotonic()
                delay = 0
            _sleep(max(delay, 0.0005))
        else:
            _sleep(0.05)
    if recording is not None:
        _finish(directory, recording, counts, process_frames, pid)
    if heartbeat is not None:
        try:
            os.remove(heartbeat)
        except OSError:
            pass


def _safe(recording):
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in recording)[:80]


def _finish(directory, recording, counts, process_frames, pid):
    name = os.path.join(directory, "%s.%d" % (_safe(recording), pid))
    try:
        _write(name + ".txt", format_raw(counts, process_frames))
        _write(name + ".done", "%d\n" % sum(counts.values()))
    except OSError:
        pass


class _Http:
    """The optional remote control: bound to the configured address only, every request needing the bearer token."""

    def __init__(self, listen, token):
        import socket

        host, _, port = listen.rpartition(":")
        host = host.strip("[]") or "127.0.0.1"
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = _original("socket", "socket")(family, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind((host, int(port)))
        self.socket.listen(8)
        self.socket.settimeout(0)
        self.token = ("Bearer " + token).encode("utf-8")
        self.recording = None
        self.counts = {}

    def poll(self, process_frames):
        while True:
            try:
                connection, _ = self.socket.accept()
            except (BlockingIOError, OSError):
                return
            try:
                connection.settimeout(2.0)
                self._serve(connection, process_frames)
            except Exception:  # noqa: BLE001
                pass
            finally:
                connection.close()

    def _serve(self, connection, process_frames):
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 16384:
            chunk = connection.recv(4096)
            if not chunk:
                break
            data += chunk
        head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        parts = head[0].split(b" ")
        if len(parts) < 2:
            return self._reply(connection, 400, "bad request\n")
        method, target = parts[0], parts[1].decode("latin-1")
        authorization = b""
        for line in head[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"authorization":
                authorization = value.strip()
        if not hmac.compare_digest(authorization, self.token):
            return self._reply(connection, 401, "a bearer token is required\n")
        path, _, query = target.partition("?")
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        if method == b"POST" and path == "/record":
            self.recording = params.get("id", "remote")
            self.counts = {}
            return self._reply(connection, 200, "recording %s\n" % _safe(self.recording))
        if method == b"POST" and path == "/stop":
            text = format_raw(self.counts, process_frames)
            self.recording = None
            self.counts = {}
            return self._reply(connection, 200, text)
        if method == b"GET" and path == "/dump":
            return self._reply(connection, 200, greenlet_dump(process_frames))
        return self._reply(connection, 404, "not found\n")

    @staticmethod
    def _reply(connection, status, text):
        body = text.encode("utf-8")
        reason = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found"}[status]
        connection.sendall(("HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n"
                            "Connection: close\r\n\r\n" % (status, reason, len(body))).encode("ascii") + body)


def start(parent=True, directory=None, rate=None):
    """Starts the sampler thread when PERFSUITE_SAMPLER_DIR (or ``directory``) is set; returns whether it started.

    ``parent``: prefix the stacks with the parent process's frame (a gunicorn worker: the master), as py-spy's
    ``--subprocesses`` does.
    """
    if _state.get("started_pid") == os.getpid():
        return True
    directory = directory or os.environ.get(DIR_VARIABLE, "").strip()
    listen = os.environ.get(LISTEN_VARIABLE, "").strip()
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not directory and not listen:
        return False
    rate = rate or int(os.environ.get(RATE_VARIABLE, "").strip() or "100")
    if not 1 <= rate <= 1000:
        raise ValueError("%s=%d must be 1..1000 samples/s" % (RATE_VARIABLE, rate))
    _state.clear()
    _state["started_pid"] = os.getpid()
    if listen:
        if len(token) < 16:
            raise ValueError("%s is set, so %s must hold a token of at least 16 characters" % (LISTEN_VARIABLE, TOKEN_VARIABLE))
        _state["http"] = _Http(listen, token)
    if directory:
        os.makedirs(directory, exist_ok=True)
    _start_thread(_loop, (directory, rate, parent))
    return True


def stop():
    """Stops the sampler thread (writing a recording in progress)."""
    _state["stopped"] = True
