"""What realtime hears from the other contexts, turned into frames for the users it concerns.

The event adapters (adapters/inbound/events) translate each integration event into one of the
changes below; `Delivery` takes them a batch at a time, as its consumer group is handed them.
The frames carry the objects of the public API as the events carry them, but for groups, whose
events carry only their change: those are shown from realtime's own copy of each group.
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
from kernel.versions import is_next


@dataclass(frozen=True)
class MessageChanged:
    """A message was sent, edited or deleted: `message` is how it is now."""

    frame_type: FrameType
    message: Mapping[str, Any]
    participant_ids: Collection[UUID]
    revision: int
    """How far along its life the message is: the log keeps the furthest it was told of."""


@dataclass(frozen=True)
class ConversationChanged:
    """A conversation began, or its participants changed: `newcomers` see it from now on."""

    conversation: Mapping[str, Any]
    participant_ids: Collection[UUID]
    newcomers: Collection[UUID]


@dataclass(frozen=True)
class Told:
    """A change that concerns only who is told: a read marker, a notification."""

    frame: Frame
    recipients: Collection[UUID]


@dataclass(frozen=True)
class GroupTold:
    """News of a group: the whole group (its creation), or one change to the copy realtime keeps.

    Its members are shown the group as it is after it, and so are `also_told` (a member removed).
    """

    news: Group | GroupChange
    also_told: Collection[UUID]


Change = MessageChanged | ConversationChanged | Told | GroupTold


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
        """Log the batch's messages and learn its conversations, then push every frame, in order.

        Logging first is what makes delivery gap-free (ADR 12): a socket that misses a frame finds
        the message in the log when it notices the gap or resumes. A batch costs one write to the
        log and at most one read and one write of the directory, whatever its size, and a few
        statements for each news of a group (rare beside messages).
        """
        await self._log.record(
            [
                LoggedMessage(*position(change.message), change.message, change.revision)
                for change in changes
                if isinstance(change, MessageChanged)
            ]
        )
        await self._learn(changes)
        for change in changes:
            if isinstance(change, MessageChanged):
                await self._pubsub.publish(change.participant_ids, Frame(change.frame_type, change.message))
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

    async def _learn(self, changes: Sequence[Change]) -> None:
        """Record who takes part in each conversation the batch tells of, as its last change says.

        Message events name the participants too, which teaches the directory the conversations
        that began before realtime was deployed. Reading first spares a write for every message.
        """
        told: dict[UUID, frozenset[UUID]] = {}
        for change in changes:
            if isinstance(change, MessageChanged):
                told[position(change.message)[0]] = frozenset(change.participant_ids)
            elif isinstance(change, ConversationChanged):
                told[UUID(change.conversation["id"])] = frozenset(change.participant_ids)
        if not told:
            return
        known = await self._directory.participants_of(told)
        await self._directory.record(
            {
                conversation_id: ids
                for conversation_id, ids in told.items()
                if known.get(conversation_id) != ids
            }
        )
