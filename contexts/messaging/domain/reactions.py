"""The reactions to one message: who reacted with which emoji, in the order the emoji were first used."""

from dataclasses import dataclass, replace
from uuid import UUID

from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.errors import TooManyReactionsError

DISTINCT_EMOJI_MAX = 20
"""Emoji on one message at once: a message's reactions stay a short row under it, whatever its audience."""


@dataclass(frozen=True)
class Reaction:
    """Everyone who reacted to a message with one emoji."""

    emoji: Emoji
    user_ids: frozenset[UUID]
    position: int
    """When the emoji was first used on the message, of its reactions' changes (see Reactions)."""


@dataclass(frozen=True)
class Reactions:
    """A value of the message: reactions have no life of their own, and a message's reactions change
    only with the message held (docs/adr/0030-reactions.md), which is what keeps every count and
    the DISTINCT_EMOJI_MAX limit exact under concurrent reactions.

    An emoji whose last reaction is taken back leaves the row, so using it again puts it last.
    """

    items: tuple[Reaction, ...] = ()
    """Ordered by `position`: by each emoji's first use."""

    def adding(self, emoji: Emoji, user_id: UUID, *, position: int) -> "Reactions":
        """With `user_id`'s reaction; the same reaction again is this value itself.

        `position` places the emoji when this is its first use. Raises TooManyReactionsError for
        an emoji beyond the DISTINCT_EMOJI_MAX on the message.
        """
        found = self._find(emoji)
        if found is None:
            if len(self.items) >= DISTINCT_EMOJI_MAX:
                raise TooManyReactionsError(DISTINCT_EMOJI_MAX)
            return Reactions((*self.items, Reaction(emoji, frozenset({user_id}), position)))
        if user_id in found.user_ids:
            return self
        return self._with(found, replace(found, user_ids=found.user_ids | {user_id}))

    def removing(self, emoji: Emoji, user_id: UUID) -> "Reactions":
        """Without `user_id`'s reaction; taking back one never made is this value itself."""
        found = self._find(emoji)
        if found is None or user_id not in found.user_ids:
            return self
        return self._with(found, replace(found, user_ids=found.user_ids - {user_id}))

    def _find(self, emoji: Emoji) -> Reaction | None:
        return next((reaction for reaction in self.items if reaction.emoji == emoji), None)

    def _with(self, old: Reaction, new: Reaction) -> "Reactions":
        return Reactions(
            tuple(
                new if reaction is old else reaction
                for reaction in self.items
                if reaction is not old or new.user_ids
            )
        )


NO_REACTIONS = Reactions()
