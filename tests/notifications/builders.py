"""Notifications' inputs, as its translators hand them to the domain and the application."""

from datetime import UTC, datetime
from uuid import UUID

from contexts.notifications.domain.members_added import MembersAdded
from contexts.notifications.domain.message_sent_or_edited import MessageSentOrEdited
from kernel.ids import new_id

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def a_message(
    sender_id: UUID,
    *,
    body: str = "hello",
    direct: bool = False,
    mentions_everyone: bool = False,
    message_id: UUID | None = None,
    conversation_id: UUID | None = None,
    at: datetime = NOW,
) -> MessageSentOrEdited:
    """From `sender_id`, in a group's conversation unless `direct`."""
    return MessageSentOrEdited(
        id=message_id or new_id(),
        conversation_id=conversation_id or new_id(),
        sender_id=sender_id,
        body=body,
        direct=direct,
        mentions_everyone=mentions_everyone,
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
