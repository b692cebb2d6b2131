"""A conversation: who takes part, and the sequence its messages are numbered in.

The conversation is the consistency boundary of that sequence: it hands out each message's
`seq`, one more than the last, so a conversation's messages are numbered 1, 2, 3, ... without
gaps. Its storage makes concurrent senders take turns (see the repository port).
"""

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Self
from uuid import UUID, uuid5

from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.earlier_body import EarlierBody
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.errors import (
    ConversationClosedError,
    ConversationNotFoundError,
    MayNotPinError,
    NoMessageToReplyToError,
    ReplyToDeletedError,
)
from contexts.messaging.domain.events import ConversationChanged, ConversationCreated, ConversationRead
from contexts.messaging.domain.group_change import GroupChange
from contexts.messaging.domain.group_snapshot import GroupSnapshot
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.domain.read_marker import ReadMarker
from contexts.messaging.domain.upload import Upload
from kernel.aggregate import AggregateRoot
from kernel.errors import InvalidValueError
from kernel.versions import is_next

_DIRECT_CONVERSATIONS = UUID("6f1c3f5e-3d0b-4a4e-9a55-0c1d2e3f4a5b")
"""The namespace of direct conversations' ids (UUID version 5), which never equal a group's random id."""


def direct_conversation_id(one: UUID, other: UUID) -> UUID:
    """The id of the direct conversation of two users, the same whichever of them opens it.

    Two people opening their conversation at the same moment therefore try to store the same
    id, and the second attempt finds the first instead of creating a second conversation.
    """
    if one == other:
        raise InvalidValueError("user_id", "a direct conversation is with someone else")
    low, high = sorted((one, other))
    return uuid5(_DIRECT_CONVERSATIONS, f"{low}:{high}")


class Conversation(AggregateRoot):
    def __init__(
        self,
        id: UUID,
        kind: ConversationKind,
        title: str | None,
        participants: dict[UUID, ParticipantRole],
        created_at: datetime,
        last_seq: int,
        closed: bool,
        group_version: int | None,
    ) -> None:
        super().__init__(id)
        self.kind = kind
        self.title = title
        """A group's name; None for a direct conversation, whose title depends on who looks at it."""
        self.participants = participants
        self.created_at = created_at
        self.last_seq = last_seq
        """The `seq` of the latest message; 0 while there is none."""
        self.closed = closed
        """A closed conversation keeps its history for its participants, but takes no more changes."""
        self.group_version = group_version
        """The version of the group last mirrored; None for a direct conversation."""

    @classmethod
    def open_direct(cls, initiator_id: UUID, *, other_id: UUID, now: datetime) -> Self:
        participants = {initiator_id: ParticipantRole.PARTICIPANT, other_id: ParticipantRole.PARTICIPANT}
        conversation_id = direct_conversation_id(initiator_id, other_id)
        conversation = cls(conversation_id, ConversationKind.DIRECT, None, participants, now, 0, False, None)
        conversation.record(ConversationCreated(conversation_id=conversation.id, occurred_at=now))
        return conversation

    @classmethod
    def of_group(cls, group: GroupSnapshot, now: datetime) -> Self:
        """The conversation of a group, from whichever news of the group arrives first."""
        conversation = cls(
            group.group_id,
            ConversationKind.GROUP,
            group.name,
            dict(group.participants),
            group.created_at,
            0,
            group.deleted,
            group.version,
        )
        conversation.record(ConversationCreated(conversation_id=conversation.id, occurred_at=now))
        return conversation

    @property
    def participant_ids(self) -> frozenset[UUID]:
        return frozenset(self.participants)

    def ensure_participant(self, user_id: UUID) -> None:
        """To anyone else the conversation does not exist."""
        if user_id not in self.participants:
            raise ConversationNotFoundError()

    def post(
        self,
        sender_id: UUID,
        client_message_id: ClientMessageId,
        body: MessageBody,
        now: datetime,
        *,
        uploads: Sequence[Upload] = (),
    ) -> Message:
        """A message, attaching `uploads` (see `Message.send`)."""
        self._ensure_writable_by(sender_id)
        self.last_seq += 1
        return Message.send(
            self.id,
            seq=self.last_seq,
            sender_id=sender_id,
            client_message_id=client_message_id,
            body=body,
            now=now,
            uploads=uploads,
        )

    def reply(
        self,
        sender_id: UUID,
        client_message_id: ClientMessageId,
        body: MessageBody,
        now: datetime,
        *,
        to: Message,
        root: Message,
        uploads: Sequence[Upload] = (),
    ) -> Message:
        """A message answering `to`, numbered in this conversation's sequence like any other,
        in the thread of `root` (`to` itself, or the root `to` replied in), whose summary counts it.

        A thread lives inside its conversation, so its replies keep the one gap-free sequence
        (docs/adr/0029-threads-in-the-conversation-sequence.md).
        """
        self._ensure_writable_by(sender_id)
        if to.conversation_id != self.id:
            raise NoMessageToReplyToError()
        if root.id != to.root_of_its_thread:
            raise ValueError("root is not the root of the thread of the message replied to")
        if to.deleted:
            raise ReplyToDeletedError()
        self.last_seq += 1
        reply = Message.send(
            self.id,
            seq=self.last_seq,
            sender_id=sender_id,
            client_message_id=client_message_id,
            body=body,
            now=now,
            reply_to=to.id,
            thread_root_id=root.id,
            uploads=uploads,
        )
        root.add_reply(reply)
        return reply

    def edit(self, message: Message, editor_id: UUID, body: MessageBody, now: datetime) -> EarlierBody | None:
        self._ensure_writable_by(editor_id)
        return message.edit(editor_id, body, now)

    def delete(
        self, message: Message, deleter_id: UUID, now: datetime, *, root: Message | None = None
    ) -> None:
        """Delete `message`; a reply's `root` then counts it no more."""
        self._ensure_writable_by(deleter_id)
        if (root.id if root else None) != message.thread_root_id:
            raise ValueError("root is not the root of the thread of the message deleted")
        moderator = self.participants[deleter_id] is ParticipantRole.MODERATOR
        was_deleted = message.deleted
        message.delete(deleter_id, moderator=moderator, now=now)
        if root is not None and not was_deleted:
            root.remove_reply(now)

    def pin(self, message: Message, pinner_id: UUID, *, pins: int, now: datetime) -> None:
        """Pin one of its messages, `pins` of them being pinned already (at most PINS_PER_CONVERSATION).

        The count is a rule of the whole conversation, so pinners hold the conversation while they
        count and pin (docs/adr/0031-pins.md); the pin itself is the message's.
        """
        self._ensure_may_pin(pinner_id)
        message.pin_by(pinner_id, pins_in_conversation=pins, now=now)

    def unpin(self, message: Message, unpinner_id: UUID, now: datetime) -> None:
        self._ensure_may_pin(unpinner_id)
        message.unpin(now)

    def react(self, message: Message, user_id: UUID, emoji: Emoji, now: datetime) -> None:
        """Any participant may react, as long as the conversation takes changes."""
        self._ensure_writable_by(user_id)
        message.react(user_id, emoji, now)

    def take_back(self, message: Message, user_id: UUID, emoji: Emoji, now: datetime) -> None:
        self._ensure_writable_by(user_id)
        message.take_back(user_id, emoji, now)

    def mark_read(self, marker: ReadMarker, seq: int, now: datetime) -> ReadMarker:
        """The marker moved up to `seq`; a marker never moves back.

        Reading an earlier message again (another device catching up) is accepted and changes
        nothing. A `seq` beyond the last message is refused rather than clamped: it names a
        message that does not exist, so the client has a bug worth hearing about.
        """
        self.ensure_participant(marker.user_id)
        if not 0 <= seq <= self.last_seq:
            raise InvalidValueError("seq", f"must be 0 to {self.last_seq}, the seq of the latest message")
        if seq <= marker.seq:
            return marker
        self.record(
            ConversationRead(conversation_id=self.id, user_id=marker.user_id, seq=seq, occurred_at=now)
        )
        return dataclasses.replace(marker, seq=seq)

    def follow(self, group: GroupSnapshot, now: datetime) -> None:
        """Mirror the group as of `group.version`; news no newer than what was mirrored is ignored.

        So a snapshot may arrive late or twice, and the conversation still ends up as the group's
        latest state.
        """
        if self.group_version is None or group.version <= self.group_version:
            return
        title, participant_ids, closed = self.title, self.participant_ids, self.closed
        self.title = group.name
        self.participants = dict(group.participants)
        self.closed = group.deleted
        self.group_version = group.version
        self._changed_from(title, participant_ids, closed, now)

    def apply(self, change: GroupChange, now: datetime) -> None:
        """Take the group's next change; one already taken (a redelivery) changes nothing.

        Raises VersionGapError for a change further ahead: one before it went missing, and only
        applying that one first can make the conversation right.
        """
        if self.group_version is None or not is_next(
            f"the conversation of group {self.id}", self.group_version, change.version
        ):
            return
        title, participant_ids, closed = self.title, self.participant_ids, self.closed
        self.title = change.title or self.title
        for user_id in change.left:
            self.participants.pop(user_id, None)
        self.participants.update(change.joined)
        self.closed = self.closed or change.closed
        self.group_version = change.version
        self._changed_from(title, participant_ids, closed, now)

    def _changed_from(
        self, title: str | None, participant_ids: frozenset[UUID], closed: bool, now: datetime
    ) -> None:
        if (self.title, self.participant_ids, self.closed) != (title, participant_ids, closed):
            self.record(
                ConversationChanged(
                    conversation_id=self.id,
                    joined=self.participant_ids - participant_ids,
                    left=participant_ids - self.participant_ids,
                    occurred_at=now,
                )
            )

    def _ensure_may_pin(self, user_id: UUID) -> None:
        """In a group only its moderators (owners and admins) pin; in a direct conversation, either one."""
        self._ensure_writable_by(user_id)
        if (
            self.kind is ConversationKind.GROUP
            and self.participants[user_id] is not ParticipantRole.MODERATOR
        ):
            raise MayNotPinError()

    def _ensure_writable_by(self, user_id: UUID) -> None:
        self.ensure_participant(user_id)
        if self.closed:
            raise ConversationClosedError()
