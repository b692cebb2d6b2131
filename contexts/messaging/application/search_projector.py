"""The search projection: messaging's message events, told to the search index.

Like the read-model projector it consumes messaging's own published events and keeps no inbox:
each message goes to the index with its revision (contracts/revisions.py), which keeps the
highest, so an event applied twice, late or out of order changes nothing. A deletion's revision
is above every edit's, so a deleted message is never found again.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import get_args
from uuid import UUID

from contexts.messaging.contracts import events as published
from contexts.messaging.contracts.revisions import message_revision
from contexts.messaging.ports.message_search import IndexedMessage, MessageSearch
from kernel.integration_event import IntegrationEvent, by_type

_MessagePayload = published.MessageSent | published.MessageEdited | published.MessageDeleted

_MESSAGE_PAYLOADS: dict[str, type[_MessagePayload]] = by_type(*get_args(_MessagePayload))

EVENT_TYPES = tuple(_MESSAGE_PAYLOADS)


class SearchProjector:
    def __init__(self, search: MessageSearch) -> None:
        self._search = search

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        """Index a batch's messages at once; other types change nothing."""
        await self.index(
            [
                _MESSAGE_PAYLOADS[event.type].from_event(event).message
                for event in events
                if event.type in _MESSAGE_PAYLOADS
            ]
        )

    async def index(self, messages: Sequence[published.PublishedMessage]) -> None:
        """Each message once, its latest telling of those given: a batch that tells a message and
        its edit asks the index to store it once, as some stores refuse to write a row twice in
        one statement."""
        latest: dict[str, tuple[IndexedMessage, int]] = {}
        for message in messages:
            revision = message_revision(message)
            if message["id"] not in latest or latest[message["id"]][1] < revision:
                latest[message["id"]] = (indexed(message), revision)
        if latest:
            await self._search.index(list(latest.values()))


def indexed(message: published.PublishedMessage) -> IndexedMessage:
    return IndexedMessage(
        id=UUID(message["id"]),
        conversation_id=UUID(message["conversation_id"]),
        seq=message["seq"],
        sender_id=UUID(message["sender_id"]),
        body=message["body"],
        created_at=datetime.fromisoformat(message["created_at"]),
        deleted=message["deleted"],
    )
