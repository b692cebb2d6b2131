"""How a consumer ranks two tellings of the same message, whatever order they arrive in.

Events of one conversation normally arrive in order, but a redelivery or a replay can bring an
older telling after a newer one. A message's revision grows with its life (sent, then each edit
by its time, then its deletion, which nothing follows), so a consumer that keeps, per message,
only the telling with the highest revision ends at the message's latest state in any order.
"""

from datetime import UTC, datetime, timedelta

from contexts.messaging.contracts.events import PublishedMessage

DELETED = 2**62
"""The revision of a tombstone: above every edit's."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def microseconds(time: datetime) -> int:
    """A time as an integer that orders like it, the unit of revisions."""
    return (time - _EPOCH) // timedelta(microseconds=1)


def message_revision(message: PublishedMessage) -> int:
    if message["deleted"]:
        return DELETED
    edited_at = message["edited_at"]
    return 0 if edited_at is None else microseconds(datetime.fromisoformat(edited_at))
