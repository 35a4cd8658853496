"""Runtime configuration, read once from environment variables.

Every setting has a documented default (see README.md) so the service starts
with no environment at all.
"""
import os
from dataclasses import dataclass
from typing import Dict, Tuple

DEFAULT_USERS = "csr1:csr1-password,csr2:csr2-password,admin:admin-password"
DEFAULT_JWT_SECRET = "perfsuite-dev-secret-change-me"
DEFAULT_CLIENT_ID = "queue-web"
DEFAULT_TOKEN_TTL = 3600
DEFAULT_DB = "./queue-api.db"
DEFAULT_DRAFT_TTL = 900


def _parse_users(raw: str) -> Dict[str, str]:
    users: Dict[str, str] = {}
    for item in raw.split(","):
        item = item.strip()
        if not item:
            continue
        name, sep, password = item.partition(":")
        if not sep or not name:
            raise ValueError(
                "QUEUE_API_USERS entries must look like user:password, got %r" % item
            )
        users[name.strip()] = password
    if not users:
        raise ValueError("QUEUE_API_USERS defines no users")
    return users


def _int_env(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError("%s must be an integer, got %r" % (name, raw)) from None
    if value < minimum:
        raise ValueError("%s must be >= %d, got %d" % (name, minimum, value))
    return value


def _bool_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Config:
    db_path: str
    users: Dict[str, str]
    jwt_secret: str
    client_ids: Tuple[str, ...]
    token_ttl: int
    draft_ttl: int
    socketio_log: bool
    ping_interval: int
    ping_timeout: int

    @classmethod
    def from_env(cls) -> "Config":
        db_path = os.environ.get("QUEUE_API_DB", "").strip() or DEFAULT_DB
        client_raw = os.environ.get("QUEUE_API_CLIENT_ID", "").strip() or DEFAULT_CLIENT_ID
        client_ids = tuple(c.strip() for c in client_raw.split(",") if c.strip())
        return cls(
            db_path=os.path.abspath(db_path),
            users=_parse_users(os.environ.get("QUEUE_API_USERS", "") or DEFAULT_USERS),
            jwt_secret=os.environ.get("QUEUE_API_JWT_SECRET", "") or DEFAULT_JWT_SECRET,
            client_ids=client_ids,
            token_ttl=_int_env("QUEUE_API_TOKEN_TTL", DEFAULT_TOKEN_TTL, minimum=1),
            draft_ttl=_int_env("QUEUE_API_DRAFT_TTL", DEFAULT_DRAFT_TTL, minimum=0),
            socketio_log=_bool_env("QUEUE_API_SOCKETIO_LOG", False),
            # Engine.IO heartbeat (python-engineio defaults: 25 s / 20 s); short values let tests see pings.
            ping_interval=_int_env("QUEUE_API_PING_INTERVAL", 25, minimum=1),
            ping_timeout=_int_env("QUEUE_API_PING_TIMEOUT", 20, minimum=1),
        )
