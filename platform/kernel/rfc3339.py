"""Times as the public API writes them: RFC 3339 in UTC with a `Z`, the way the REST schemas
render them, so an object pushed in an event or a frame equals the one a GET answers."""

from datetime import UTC, datetime


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
