from collections.abc import Mapping
from typing import Any, cast
from uuid import UUID

from contexts.messaging.contracts.events import PublishedMessage
from contexts.messaging.contracts.revisions import message_revision
from contexts.realtime.ports.message_log import LoggedMessage
from kernel.ids import new_id


def a_message(conversation_id: UUID, seq: int, **changes: Any) -> dict[str, Any]:
    """A message as messaging publishes it; realtime reads only its conversation and `seq`."""
    return {
        "id": str(new_id()),
        "conversation_id": str(conversation_id),
        "seq": seq,
        "sender_id": str(new_id()),
        "client_message_id": f"client-{seq}",
        "body": f"message {seq}",
        "created_at": "2025-12-08T10:00:00Z",
        "edited_at": None,
        "deleted": False,
        **changes,
    }


def logged(message: Mapping[str, Any]) -> LoggedMessage:
    """`message` as the log is handed it: at its place and its revision."""
    revision = message_revision(cast(PublishedMessage, message))
    return LoggedMessage(UUID(message["conversation_id"]), message["seq"], message, revision)
