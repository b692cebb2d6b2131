"""What the two search adapters share: the rows they keep, and which of them a search may answer."""

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select

from contexts.messaging.adapters.outbound.sqlalchemy.tables import search_messages
from contexts.messaging.ports.message_search import IndexedMessage, SearchQuery

CHANGING = ["conversation_id", "seq", "sender_id", "created_at", "revision", "deleted", "body"]
"""What a newer telling of a message replaces."""


def rows(messages: Sequence[tuple[IndexedMessage, int]]) -> list[dict[str, Any]]:
    """A row per message, of its highest revision in `messages`: a batch may tell one twice (sent,
    then edited), and one statement may not write a row twice."""
    newest: dict[UUID, tuple[IndexedMessage, int]] = {}
    for message, revision in messages:
        if message.id not in newest or newest[message.id][1] < revision:
            newest[message.id] = (message, revision)
    return [
        {
            "message_id": message.id,
            "conversation_id": message.conversation_id,
            "seq": message.seq,
            "sender_id": message.sender_id,
            "created_at": message.created_at,
            "revision": revision,
            "deleted": message.deleted,
            "body": "" if message.deleted else message.body,
        }
        for message, revision in newest.values()
    ]


def scoped(
    statement: Select[Any],
    query: SearchQuery,
    conversation_ids: Collection[UUID],
    sent_before: datetime | None,
) -> Select[Any]:
    """Only the messages of the conversations named, of the senders named, sent before the time."""
    statement = statement.where(
        search_messages.c.conversation_id.in_(list(conversation_ids)),
        search_messages.c.deleted.is_(False),
    )
    if query.sender_ids:
        statement = statement.where(search_messages.c.sender_id.in_(list(query.sender_ids)))
    if sent_before is not None:
        statement = statement.where(search_messages.c.created_at < sent_before)
    return statement
