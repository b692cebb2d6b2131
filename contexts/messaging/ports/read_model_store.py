"""The store of messaging's read models: what its queries answer from, never its write-side tables.

The read models hold conversations and messages in the published language (docs/api's shapes),
as the projector last heard of them. Every write is idempotent and order-safe by construction:
each carries a revision (or is a maximum), and a store keeps a record only while nothing newer
is stored. So events may arrive twice, late or out of order and the views still converge.
"""

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from contexts.messaging.contracts.events import (
    MessagePinned,
    PublishedConversation,
    PublishedMessage,
    PublishedReaction,
    PublishedThread,
)

LISTED_PARTICIPANTS = 20
"""The participants a conversation names in a list of conversations: a list item costs the same
whether its group has three members or a thousand (the conversation itself names them all)."""

ListPosition = tuple[int, str]
"""Where a conversation stands in a list of conversations: its activity and its id."""


@dataclass(frozen=True)
class ConversationSummary:
    """A conversation in one user's list of conversations."""

    conversation: PublishedConversation
    """Its `participant_ids` cut to the first LISTED_PARTICIPANTS."""
    participant_count: int
    last_message: PublishedMessage | None
    """The one with the highest `seq`, edits and deletion applied."""
    unread_count: int
    """Messages after the user's read marker, neither their own nor deleted."""
    position: ListPosition


@dataclass(frozen=True)
class PinnedMessage:
    """A pinned message of a conversation, as the list of its pins shows it."""

    message: PublishedMessage
    """As it is now, edits applied."""
    pin: MessagePinned


class ReadModelWriter(Protocol):
    def batch(self) -> AbstractAsyncContextManager["ReadModelWriter"]:
        """A writer onto the same read models whose writes are stored together when the block ends
        without an error (one transaction, or one bulk write per collection), and not at all if
        it ends with one."""
        ...

    async def put_conversation(self, conversation: PublishedConversation, revision: int) -> None:
        """Store the conversation unless a higher revision of it is stored."""
        ...

    async def put_message(self, message: PublishedMessage, revision: int) -> None:
        """Store the message in its conversation's timeline unless a higher revision of it is stored."""
        ...

    async def put_reactions(self, message_id: str, reactions: list[PublishedReaction], revision: int) -> None:
        """Store the message's reactions unless a higher revision of them is stored."""
        ...

    async def put_thread(self, thread: PublishedThread, version: int) -> None:
        """Store a thread root's summary unless a higher version of it is stored; the root's
        message shows it from then on, whatever telling of the message is stored."""
        ...

    async def note_activity(self, conversation_id: str, at: int) -> None:
        """The conversation was active at `at` (microseconds since the epoch); only the latest counts."""
        ...

    async def mark_read(self, conversation_id: str, user_id: str, seq: int) -> None:
        """The user read up to `seq`; a marker only moves forward."""
        ...

    async def put_pin(
        self, conversation_id: str, message_id: str, pin: MessagePinned | None, revision: int
    ) -> None:
        """Store the message's pin, or that it is not pinned (None), unless a higher revision of
        its pin is stored; its revision is the time of the event that told it."""
        ...


class Participations(Protocol):
    async def conversation_ids_of(self, user_id: str) -> set[str]:
        """Every conversation `user_id` takes part in now: what a search may look through."""
        ...


class ReadModelReader(Participations, Protocol):
    async def conversation(self, conversation_id: str) -> PublishedConversation | None: ...

    async def conversations_of(
        self, user_id: str, *, after: ListPosition | None, count: int
    ) -> list[ConversationSummary]:
        """Up to `count` of the conversations `user_id` takes part in, the most recently active
        first and then by id, from the one just after `after` (or from the first)."""
        ...

    async def messages(
        self,
        conversation_id: str,
        *,
        after: int,
        before: int | None,
        count: int,
        latest: bool,
        thread: str | None = None,
    ) -> list[PublishedMessage]:
        """Up to `count` messages with `after` < seq < `before`, in ascending `seq`: the first
        ones of that range, or the `latest` ones; with `thread`, only that root and its replies."""
        ...

    async def message(self, conversation_id: str, message_id: str) -> PublishedMessage | None:
        """One message of the conversation, with its thread's summary."""
        ...

    async def pins(self, conversation_id: str, *, count: int) -> list[PinnedMessage]:
        """Up to `count` of the conversation's pinned messages, the latest pinned first; a pin
        whose message the read models have not been told of yet is left out."""
        ...

    async def reactions(self, message_ids: list[str]) -> dict[str, list[PublishedReaction]]:
        """The reactions stored for each of the messages that has any, by message id."""
        ...


class ReadModelStore(ReadModelReader, ReadModelWriter, Protocol):
    def rebuilding(self) -> AbstractAsyncContextManager[ReadModelWriter]:
        """A writer onto empty read models that replace the live ones, at once, when the block ends
        without an error; until then queries keep answering from the live ones."""
        ...
