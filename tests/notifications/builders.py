"""Notifications' inputs, as its translators hand them to the domain and the application."""

from datetime import UTC, datetime
from uuid import UUID

from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.domain.message import Message
from kernel.ids import new_id

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def a_message(
    sender_id: UUID,
    *others: UUID,
    body: str = "hello",
    direct: bool | None = None,
    message_id: UUID | None = None,
    conversation_id: UUID | None = None,
    at: datetime = NOW,
) -> Message:
    """From `sender_id` to the `others` taking part; direct when they are two, unless told."""
    return Message(
        id=message_id or new_id(),
        conversation_id=conversation_id or new_id(),
        sender_id=sender_id,
        body=body,
        participant_ids=frozenset({sender_id, *others}),
        direct=len(others) == 1 if direct is None else direct,
        at=at,
        revision=0,
    )


def members_added(
    actor_id: UUID, *user_ids: UUID, version: int = 2, group_id: UUID | None = None, name: str = "Crew"
) -> MembersAdded:
    return MembersAdded(
        group_id=group_id or new_id(),
        group_name=name,
        group_version=version,
        actor_id=actor_id,
        user_ids=frozenset(user_ids),
        at=NOW,
    )
