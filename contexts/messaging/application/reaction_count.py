"""A message's reactions as one reader sees them: the same counts for all, and whether they are among them."""

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from contexts.messaging.contracts.events import PublishedReaction
from contexts.messaging.domain.reactions import Reactions


@dataclass(frozen=True)
class ReactionCount:
    emoji: str
    count: int
    me: bool
    """Whether the reader reacted with `emoji`."""


def counted_for(reader_id: UUID, reactions: Iterable[PublishedReaction]) -> list[ReactionCount]:
    """The published reactions (a read model's) as `reader_id` sees them, in their order."""
    reader = str(reader_id)
    return [
        ReactionCount(reaction["emoji"], reaction["count"], reader in reaction["user_ids"])
        for reaction in reactions
    ]


def counted_from(reader_id: UUID, reactions: Reactions) -> list[ReactionCount]:
    """A message's reactions, as held on the write side, as `reader_id` sees them."""
    return [
        ReactionCount(reaction.emoji.value, len(reaction.user_ids), reader_id in reaction.user_ids)
        for reaction in reactions.items
    ]
