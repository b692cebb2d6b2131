"""Conversations and messages as the application would create them, for tests of every layer."""

from datetime import UTC, datetime
from uuid import UUID

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.group_snapshot import GroupSnapshot
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.domain.upload import Upload
from kernel.ids import new_id

NOW = datetime(2025, 1, 1, 12, 30, 15, 123456, tzinfo=UTC)

MODERATOR = ParticipantRole.MODERATOR
PARTICIPANT = ParticipantRole.PARTICIPANT


def a_group(
    participants: dict[UUID, ParticipantRole],
    *,
    version: int = 1,
    name: str = "Crew",
    deleted: bool = False,
    group_id: UUID | None = None,
) -> GroupSnapshot:
    return GroupSnapshot(
        group_id=group_id or new_id(),
        version=version,
        name=name,
        participants=participants,
        deleted=deleted,
        created_at=NOW,
    )


def a_direct_conversation(one: UUID | None = None, other: UUID | None = None) -> Conversation:
    return Conversation.open_direct(one or new_id(), other_id=other or new_id(), now=NOW)


def a_group_conversation(participants: dict[UUID, ParticipantRole]) -> Conversation:
    return Conversation.of_group(a_group(participants), NOW)


def post(
    conversation: Conversation, sender_id: UUID, text: str = "hello", client_id: str | None = None
) -> Message:
    return conversation.post(sender_id, ClientMessageId(client_id or text), MessageBody(text), NOW)


def an_upload(
    uploader_id: UUID, filename: str = "cat.png", *, uploaded_at: datetime = NOW, image: bool = True
) -> Upload:
    """A file `uploader_id` stored, not yet posted: an image of 640 x 480 unless `image` is false."""
    if image:
        return Upload(new_id(), uploader_id, filename, "image/png", 2048, 640, 480, uploaded_at)
    return Upload(new_id(), uploader_id, filename, "application/pdf", 2048, None, None, uploaded_at)
