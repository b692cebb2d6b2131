"""Messaging's queries: answered from the read models alone, never from the write side.

They may lag the commands by the time an event takes to reach the projector (see
docs/adr/0011-read-models.md); a client that just wrote reads its own answer, not the list.
"""

from dataclasses import dataclass
from uuid import UUID

from contexts.messaging.application.reaction_count import ReactionCount, counted_for
from contexts.messaging.contracts.events import PublishedConversation, PublishedMessage
from contexts.messaging.domain.errors import ConversationNotFoundError, ThreadNotFoundError
from contexts.messaging.ports.read_model_store import ConversationSummary, ListPosition, ReadModelReader
from kernel.cursor import cursor_of, key_of


@dataclass(frozen=True)
class MessagePage:
    items: list[PublishedMessage]
    """In ascending `seq`."""
    has_more: bool
    """Whether the range asked for holds messages beyond this page, on the side paging continues."""
    reactions: dict[str, list[ReactionCount]]
    """By message id, as the reader sees them: the messages that have any."""


@dataclass(frozen=True)
class ConversationPage:
    items: list[ConversationSummary]
    """The most recently active first."""
    next_cursor: str | None
    """Where the next page starts; None on the last page."""


class ConversationQueries:
    def __init__(self, read_models: ReadModelReader) -> None:
        self._read_models = read_models

    async def conversations(self, user_id: UUID, *, cursor: str | None, limit: int) -> ConversationPage:
        """A page of the caller's conversations, the most recently active first (then by id)."""
        after: ListPosition | None = None
        if cursor is not None:
            activity, conversation_id = key_of(cursor, (int, UUID))
            after = (int(activity), str(conversation_id))
        # One more than asked for tells whether there are more.
        found = await self._read_models.conversations_of(str(user_id), after=after, count=limit + 1)
        page = found[:limit]
        more = len(found) > limit
        return ConversationPage(items=page, next_cursor=cursor_of(page[-1].position) if more else None)

    async def conversation(self, user_id: UUID, conversation_id: UUID) -> PublishedConversation:
        """To anyone but its participants the conversation does not exist."""
        conversation = await self._read_models.conversation(str(conversation_id))
        if conversation is None or str(user_id) not in conversation["participant_ids"]:
            raise ConversationNotFoundError()
        return conversation

    async def messages(
        self, user_id: UUID, conversation_id: UUID, *, before: int | None, after: int | None, limit: int
    ) -> MessagePage:
        """A page of the timeline, in ascending `seq`.

        Without `after`, the page ends at the latest message (before `before`, if given) and
        `has_more` says whether earlier ones exist; with `after`, it starts just after it and
        `has_more` says whether later ones exist (up to `before`, if given).
        """
        await self.conversation(user_id, conversation_id)
        return await self._page(user_id, conversation_id, before=before, after=after, limit=limit)

    async def thread(
        self,
        user_id: UUID,
        conversation_id: UUID,
        root_id: UUID,
        *,
        before: int | None,
        after: int | None,
        limit: int,
    ) -> MessagePage:
        """A page of a thread, its root first then its replies, paged as the timeline is.

        A thread's root is a message of the conversation that is no reply (a reply's replies
        join its root); any other id names no thread.
        """
        await self.conversation(user_id, conversation_id)
        root = await self._read_models.message(str(conversation_id), str(root_id))
        if root is None or root.get("thread_root_id") is not None:
            raise ThreadNotFoundError()
        return await self._page(
            user_id, conversation_id, before=before, after=after, limit=limit, thread=str(root_id)
        )

    async def _page(
        self,
        reader_id: UUID,
        conversation_id: UUID,
        *,
        before: int | None,
        after: int | None,
        limit: int,
        thread: str | None = None,
    ) -> MessagePage:
        """The messages with their reactions, as `reader_id` sees them."""
        latest = after is None
        # One more than asked for tells whether there are more.
        found = await self._read_models.messages(
            str(conversation_id),
            after=after or 0,
            before=before,
            count=limit + 1,
            latest=latest,
            thread=thread,
        )
        page = found[-limit:] if latest else found[:limit]
        return MessagePage(
            items=page, has_more=len(found) > limit, reactions=await self.reactions(reader_id, page)
        )

    async def reactions(
        self, reader_id: UUID, messages: list[PublishedMessage]
    ) -> dict[str, list[ReactionCount]]:
        """The reactions to the messages as `reader_id` sees them, by message id: those that have any."""
        reactions = await self._read_models.reactions([message["id"] for message in messages])
        return {message_id: counted_for(reader_id, of) for message_id, of in reactions.items()}
