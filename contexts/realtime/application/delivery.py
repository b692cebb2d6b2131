"""What realtime hears from the other contexts, turned into frames for the users it concerns.

The event adapters (adapters/inbound/events) translate each integration event into one of the
changes below; `Delivery` takes them a batch at a time, as its consumer group is handed them.
The frames carry the objects of the public API as the events carry them, but for groups, whose
events carry only their change: those are shown from realtime's own copy of each group. A
message or a read marker names its conversation, not who takes part: they are realtime's own
copy too, the conversation directory, told by the conversation's events (ADR 25).
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from contexts.realtime.application.presence_introductions import PresenceIntroductions
from contexts.realtime.domain.delivered_seqs import position
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from contexts.realtime.domain.group import Group, GroupChange
from contexts.realtime.ports.conversation_directory import ConversationDirectory
from contexts.realtime.ports.group_directory import GroupDirectory
from contexts.realtime.ports.message_log import LoggedMessage, MessageLog
from contexts.realtime.ports.pubsub import PubSub
from kernel.copies import NotToldYetError
from kernel.versions import is_next


@dataclass(frozen=True)
class MessageChanged:
    """A message was sent, edited or deleted: `message` is how it is now, for whoever takes part
    in its conversation."""

    frame_type: FrameType
    message: Mapping[str, Any]
    revision: int
    """How far along its life the message is: the log keeps the furthest it was told of."""


@dataclass(frozen=True)
class ConversationChanged:
    """A conversation began, or its participants changed: `newcomers` see it from now on."""

    conversation: Mapping[str, Any]
    participant_ids: Collection[UUID]
    newcomers: Collection[UUID]


@dataclass(frozen=True)
class ToldParticipants:
    """A change for whoever takes part in a conversation: a read marker, a thread's summary."""

    conversation_id: UUID
    frame: Frame


@dataclass(frozen=True)
class Told:
    """A change for the users it names: a notification, a session that ended."""

    frame: Frame
    recipients: Collection[UUID]


@dataclass(frozen=True)
class GroupTold:
    """News of a group: the whole group (its creation), or one change to the copy realtime keeps.

    Its members are shown the group as it is after it, and so are `also_told` (a member removed).
    """

    news: Group | GroupChange
    also_told: Collection[UUID]


Change = MessageChanged | ConversationChanged | ToldParticipants | Told | GroupTold


class Delivery:
    """Safe to repeat: the log keeps each message's highest revision, the directory is replaced,
    not appended to, a group's copy takes only its next change, and a socket drops a
    `message.created` it had; other frames may then come twice, which the protocol allows."""

    def __init__(
        self,
        pubsub: PubSub,
        directory: ConversationDirectory,
        log: MessageLog,
        groups: GroupDirectory,
        introduce: PresenceIntroductions,
    ) -> None:
        self._pubsub = pubsub
        self._directory = directory
        self._log = log
        self._groups = groups
        self._introduce = introduce

    async def __call__(self, changes: Sequence[Change]) -> None:
        """Log the batch's messages, find whom each change goes to and learn its conversations, then
        push every frame, in order.

        Logging first is what makes delivery gap-free (ADR 12): a socket that misses a frame finds
        the message in the log when it notices the gap or resumes. A batch costs one write to the
        log, one read of the directory and at most one write of it, whatever its size, and a few
        statements for each news of a group (rare beside messages).
        """
        await self._log.record(
            [
                LoggedMessage(*position(change.message), change.message, change.revision)
                for change in changes
                if isinstance(change, MessageChanged)
            ]
        )
        audiences = await self._audiences(changes)
        for change, audience in zip(changes, audiences, strict=True):
            if isinstance(change, MessageChanged):
                await self._pubsub.publish(audience, Frame(change.frame_type, change.message))
            elif isinstance(change, ToldParticipants):
                await self._pubsub.publish(audience, change.frame)
            elif isinstance(change, ConversationChanged):
                await self._pubsub.publish(
                    change.newcomers, Frame(FrameType.CONVERSATION_CREATED, change.conversation)
                )
                await self._introduce(change.participant_ids, change.newcomers)
            elif isinstance(change, GroupTold):
                group = await self._follow(change.news)
                if group is not None:
                    recipients = group.member_ids | frozenset(change.also_told)
                    await self._pubsub.publish(recipients, Frame(FrameType.GROUP_UPDATED, group.published()))
            else:
                await self._pubsub.publish(change.recipients, change.frame)

    async def _follow(self, news: Group | GroupChange) -> Group | None:
        """Bring the copy of the group up to the news, and answer the group after it; None for news
        the copy already had (a redelivery), whose frame went out when it was first applied.

        A whole group replaces an older copy; a change must be the next one (`kernel.versions`).
        """
        group_id = news.id if isinstance(news, Group) else news.group_id
        held = await self._groups.version(group_id)
        if isinstance(news, Group):
            if news.version <= held:
                return None
            await self._groups.replace(news)
            return news
        if not is_next(f"realtime's copy of group {group_id}", held, news.version):
            return None
        await self._groups.apply(news)
        return await self._groups.group(group_id)

    async def _audiences(self, changes: Sequence[Change]) -> list[frozenset[UUID]]:
        """Who takes part in the conversation each change goes to, as they are at that change in the
        batch's order (empty for a change that goes to no conversation's participants); and record
        who takes part in each conversation the batch tells of, as its last change says.

        One read of the directory serves the whole batch; reading first spares a write for a
        conversation told again as it was. A message or read marker of a conversation the
        directory was never told of raises NotToldYetError before any frame is pushed: the bus
        brings a conversation's telling before its messages, so realtime holds still until the
        telling is there rather than push a message to no one (ADR 25).
        """
        told = {
            UUID(change.conversation["id"]) for change in changes if isinstance(change, ConversationChanged)
        }
        addressed = {conversation_id for change in changes if (conversation_id := _addressed(change))}
        if not told | addressed:
            return [frozenset() for _ in changes]
        known = await self._directory.participants_of(told | addressed)
        participants = dict(known)
        audiences = []
        for change in changes:
            if isinstance(change, ConversationChanged):
                participants[UUID(change.conversation["id"])] = frozenset(change.participant_ids)
            conversation_id = _addressed(change)
            if conversation_id is not None and conversation_id not in participants:
                raise NotToldYetError(f"who takes part in conversation {conversation_id}")
            audiences.append(frozenset() if conversation_id is None else participants[conversation_id])
        await self._directory.record(
            {
                conversation_id: participants[conversation_id]
                for conversation_id in told
                if known.get(conversation_id) != participants[conversation_id]
            }
        )
        return audiences


def _addressed(change: Change) -> UUID | None:
    """The conversation whose participants `change` goes to, if it goes to a conversation's."""
    if isinstance(change, MessageChanged):
        return position(change.message)[0]
    if isinstance(change, ToldParticipants):
        return change.conversation_id
    return None
