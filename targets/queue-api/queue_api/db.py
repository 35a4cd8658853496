"""SQLite persistence: schema, one-time seeding, per-worker connections.

Concurrency model
-----------------
* Each gunicorn worker process opens its own connection lazily (keyed by
  pid, so nothing opened before a fork is ever reused in a child).
* Under eventlet every greenlet of a worker runs on the same OS thread and
  sqlite3 calls never yield, so a worker shares ONE connection between its
  greenlets.  Transactions (see ``write_tx``) must not contain anything that
  can yield (socket emits, sleeps); callers broadcast only after commit.
* Without eventlet (e.g. a threaded dev server) a connection per OS thread is
  used instead.
* Writers use ``BEGIN IMMEDIATE`` so concurrent writers in different workers
  queue on the SQLite lock instead of failing on a read->write upgrade.
* Under eventlet SQLite's own busy handler would *sleep the whole worker*
  (every greenlet) while another worker holds the write lock, so there the
  connection uses busy_timeout=0 and ``_retry`` waits with a green sleep.
"""
import fcntl
import os
import sqlite3
import threading
import time
from contextlib import contextmanager

from . import seed as seed_module

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS offices (
    office_id            INTEGER PRIMARY KEY,
    office_name          TEXT NOT NULL,
    office_number        INTEGER NOT NULL,
    timezone             TEXT NOT NULL,
    civic_address        TEXT,
    appointments_enabled INTEGER NOT NULL DEFAULT 1,
    exams_enabled        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS categories (
    category_id   INTEGER PRIMARY KEY,
    category_code TEXT NOT NULL,
    category_name TEXT NOT NULL,
    description   TEXT,
    display_order INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS services (
    service_id            INTEGER PRIMARY KEY,
    category_id           INTEGER NOT NULL REFERENCES categories(category_id),
    service_code          TEXT NOT NULL,
    service_name          TEXT NOT NULL,
    service_desc          TEXT,
    prefix                TEXT NOT NULL,
    timeslot_duration     INTEGER NOT NULL,
    online_availability   TEXT NOT NULL,
    display_dashboard_ind INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS office_services (
    office_id  INTEGER NOT NULL REFERENCES offices(office_id),
    service_id INTEGER NOT NULL REFERENCES services(service_id),
    PRIMARY KEY (office_id, service_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS channels (
    channel_id   INTEGER PRIMARY KEY,
    channel_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS exam_types (
    exam_type_id       INTEGER PRIMARY KEY,
    exam_type_name     TEXT NOT NULL,
    exam_color         TEXT NOT NULL,
    number_of_hours    INTEGER NOT NULL,
    method_type        TEXT NOT NULL,
    ita_ind            INTEGER NOT NULL,
    group_exam_ind     INTEGER NOT NULL,
    pesticide_exam_ind INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS citizens (
    citizen_id        INTEGER PRIMARY KEY,
    office_id         INTEGER NOT NULL REFERENCES offices(office_id),
    ticket_number     TEXT NOT NULL,
    citizen_name      TEXT NOT NULL,
    citizen_comments  TEXT,
    qt_xn_citizen_ind INTEGER NOT NULL,
    start_time        TEXT NOT NULL,
    accurate_time_ind INTEGER NOT NULL,
    priority          INTEGER NOT NULL,
    citizen_state     TEXT NOT NULL,
    service_id        INTEGER REFERENCES services(service_id),
    channel_id        INTEGER REFERENCES channels(channel_id)
);
CREATE TABLE IF NOT EXISTS appointments (
    appointment_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    office_id           INTEGER NOT NULL REFERENCES offices(office_id),
    service_id          INTEGER REFERENCES services(service_id),
    citizen_id          INTEGER,
    start_time          TEXT NOT NULL,
    end_time            TEXT NOT NULL,
    checked_in_time     TEXT,
    comments            TEXT,
    citizen_name        TEXT,
    contact_information TEXT,
    blackout_flag       TEXT NOT NULL DEFAULT 'N',
    is_draft            INTEGER NOT NULL DEFAULT 0,
    online_flag         INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    created_ts          REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_appointments_draft_office
    ON appointments (is_draft, office_id);
CREATE INDEX IF NOT EXISTS ix_appointments_draft_created
    ON appointments (is_draft, created_ts);
CREATE INDEX IF NOT EXISTS ix_citizens_office ON citizens (office_id);
CREATE INDEX IF NOT EXISTS ix_office_services_service
    ON office_services (service_id);
"""


def _dict_factory(cursor, row):
    return {col[0]: row[i] for i, col in enumerate(cursor.description)}


BUSY_WAIT_SECONDS = 10.0


def connect(path: str, busy_timeout_ms: int = 10000) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=busy_timeout_ms / 1000.0, isolation_level=None,
        check_same_thread=False,
    )
    conn.row_factory = _dict_factory
    conn.execute("PRAGMA busy_timeout = %d" % busy_timeout_ms)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -16000")  # ~16 MiB per connection
    return conn


def init_db(path: str, logger=None) -> bool:
    """Create the schema and seed it once. Safe to call from many processes.

    Returns True when this call performed the seeding.
    An exclusive flock on ``<db>.lock`` serialises concurrent starters, and
    the 'seeded' meta row (written in the same BEGIN IMMEDIATE transaction as
    the data) makes the operation idempotent.
    """
    directory = os.path.dirname(path)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(path + ".lock", "a+") as lock_file:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
        try:
            conn = connect(path)
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    row = conn.execute(
                        "SELECT value FROM meta WHERE key = 'seeded'"
                    ).fetchone()
                    if row is not None:
                        conn.execute("COMMIT")
                        return False
                    counts = seed_module.seed(conn)
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES ('seeded', ?),"
                        " ('schema_version', ?), ('seeded_by_pid', ?)",
                        ("1", SCHEMA_VERSION, str(os.getpid())),
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                if logger is not None:
                    logger.info("seeded %s (pid %d): %s", path, os.getpid(), counts)
                return True
            finally:
                conn.close()
        finally:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


def _greened() -> bool:
    try:
        from eventlet import patcher
    except ImportError:  # pragma: no cover
        return False
    return patcher.is_monkey_patched("thread")


class Database:
    """Hands out the right connection for the current worker/thread."""

    def __init__(self, path: str):
        self.path = path
        self._pid = None
        self._conn = None
        self._local = None
        self._greened = None
        self._write_lock = None

    def conn(self) -> sqlite3.Connection:
        pid = os.getpid()
        if self._pid != pid:
            # first use in this process (or we were forked): start fresh,
            # deliberately never touching a connection inherited from a parent
            self._pid = pid
            self._conn = None
            self._local = None
            self._greened = _greened()
            # green lock under eventlet: one write transaction per worker at a
            # time, so a greenlet waiting in _retry never shares an open one
            self._write_lock = threading.Lock()
        if self._greened:
            if self._conn is None:
                # lock waits are done cooperatively in _retry (green sleep)
                self._conn = connect(self.path, busy_timeout_ms=0)
            return self._conn
        if self._local is None:
            self._local = _real_thread_local()
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = connect(self.path)
        return conn

    def _retry(self, fn):
        """Run fn(); on SQLITE_BUSY wait cooperatively and try again."""
        if not self._greened:
            return fn()  # SQLite's busy_timeout handles waiting
        deadline = time.monotonic() + BUSY_WAIT_SECONDS
        delay = 0.0005
        while True:
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                message = str(exc)
                if "locked" not in message and "busy" not in message:
                    raise
                if time.monotonic() >= deadline:
                    raise
            time.sleep(delay)  # green under eventlet: other requests keep running
            delay = min(delay * 2, 0.01)

    def query(self, sql, params=()):
        conn = self.conn()
        return self._retry(lambda: conn.execute(sql, params).fetchall())

    def query_one(self, sql, params=()):
        conn = self.conn()
        return self._retry(lambda: conn.execute(sql, params).fetchone())

    @contextmanager
    def write_tx(self):
        """BEGIN IMMEDIATE ... COMMIT. Do not yield to other greenlets inside."""
        conn = self.conn()
        with self._write_lock:
            self._retry(lambda: conn.execute("BEGIN IMMEDIATE"))
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            self._retry(lambda: conn.execute("COMMIT"))


def _real_thread_local():
    return threading.local()
