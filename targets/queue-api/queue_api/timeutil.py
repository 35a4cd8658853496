"""ISO-8601 helpers. All timestamps are stored and returned in UTC."""
from datetime import datetime, timezone
from typing import Optional


def format_ts(dt: datetime) -> str:
    """UTC ISO-8601 with explicit offset, e.g. 2025-03-03T09:00:00+00:00."""
    dt = dt.astimezone(timezone.utc)
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if dt.microsecond:
        base += ".%06d" % dt.microsecond
    return base + "+00:00"


def parse_ts(value) -> Optional[datetime]:
    """Parse an ISO-8601 string; naive values are taken as UTC.

    Returns None when the value is not a parsable ISO-8601 string.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        dt = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
