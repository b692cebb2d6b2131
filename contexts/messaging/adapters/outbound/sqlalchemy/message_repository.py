from collections.abc import Sequence
from dataclasses import replace
from typing import Any
from uuid import UUID

from sqlalchemy import Row, bindparam, delete, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import messages, reactions
from contexts.messaging.domain.attachment import Attachment
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.emoji import Emoji
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.pin import Pin
from contexts.messaging.domain.reactions import NO_REACTIONS, Reaction, Reactions
from contexts.messaging.domain.thread_summary import ThreadSummary

# Built once: a statement built per call costs more to build and to look up in SQLAlchemy's
# cache than to run, and sending a message runs these.
_ADD = insert(messages)
_SAVE = update(messages).where(messages.c.id == bindparam("message_id"))
_SENT = select(messages).where(
    messages.c.conversation_id == bindparam("conversation_id"),
    messages.c.sender_id == bindparam("sender_id"),
    messages.c.client_message_id == bindparam("client_message_id"),
)
_IN_CONVERSATION = select(messages).where(
    messages.c.conversation_id == bindparam("conversation_id"), messages.c.id == bindparam("message_id")
)
_IN_CONVERSATION_FOR_UPDATE = _IN_CONVERSATION.with_for_update()

_ReactionRow = tuple[UUID, str, UUID]
"""A reaction's key: message, emoji, user."""


class SqlAlchemyMessageRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db
        self._read_reactions: dict[UUID, Reactions] = {}
        """The reactions of each message as read, so that `save` writes only the rows that changed."""

    async def add(self, message: Message) -> None:
        await self._db.execute(
            _ADD,
            {
                "id": message.id,
                "conversation_id": message.conversation_id,
                "seq": message.seq,
                "sender_id": message.sender_id,
                "client_message_id": message.client_message_id.value,
                "created_at": message.created_at,
                "reply_to": message.reply_to,
                "thread_root_id": message.thread_root_id,
                **_columns(message),
            },
        )

    async def save(self, message: Message) -> None:
        await self._db.execute(_SAVE, {"message_id": message.id, **_columns(message)})
        before = _rows(message.id, self._read_reactions.get(message.id, NO_REACTIONS))
        after = _rows(message.id, message.reactions)
        if gone := before.keys() - after.keys():
            await self._db.execute(
                delete(reactions).where(
                    tuple_(reactions.c.message_id, reactions.c.emoji, reactions.c.user_id).in_(gone)
                )
            )
        if new := after.keys() - before.keys():
            await self._db.execute(
                insert(reactions),
                [
                    {"message_id": message_id, "emoji": emoji, "user_id": user_id, "position": after[key]}
                    for key in new
                    for message_id, emoji, user_id in [key]
                ],
            )
        self._read_reactions[message.id] = message.reactions

    async def get(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        row = await self._db.execute(
            _IN_CONVERSATION, {"conversation_id": conversation_id, "message_id": message_id}
        )
        found = row.one_or_none()
        return None if found is None else (await self._with_reactions([found]))[0]

    async def get_for_update(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        row = await self._db.execute(
            _IN_CONVERSATION_FOR_UPDATE, {"conversation_id": conversation_id, "message_id": message_id}
        )
        found = row.one_or_none()
        return None if found is None else (await self._with_reactions([found]))[0]

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> list[Message]:
        rows = await self._db.execute(
            select(messages)
            .where(messages.c.conversation_id == conversation_id, messages.c.seq > seq)
            .order_by(messages.c.seq)
            .limit(limit)
        )
        return await self._with_reactions(rows.all())

    async def find_sent(
        self, conversation_id: UUID, sender_id: UUID, client_message_id: ClientMessageId
    ) -> Message | None:
        row = await self._db.execute(
            _SENT,
            {
                "conversation_id": conversation_id,
                "sender_id": sender_id,
                "client_message_id": client_message_id.value,
            },
        )
        found = row.one_or_none()
        return None if found is None else (await self._with_reactions([found]))[0]

    async def _with_reactions(self, rows: Sequence[Row[tuple[object, ...]]]) -> list[Message]:
        """The messages of `rows` with their reactions, read in one query."""
        reacted = [row.id for row in rows if row.reactions_revision]
        found: dict[UUID, dict[str, Reaction]] = {}
        if reacted:
            for row in await self._db.execute(
                select(reactions).where(reactions.c.message_id.in_(reacted)).order_by(reactions.c.position)
            ):
                of_message = found.setdefault(row.message_id, {})
                emoji = of_message.get(row.emoji) or Reaction(Emoji(row.emoji), frozenset(), row.position)
                of_message[row.emoji] = replace(emoji, user_ids=emoji.user_ids | {row.user_id})
        read = []
        for row in rows:
            of_row = Reactions(tuple(found.get(row.id, {}).values()))
            read.append(_message(row, of_row))
            self._read_reactions[row.id] = of_row
        return read

    async def pinned_count(self, conversation_id: UUID) -> int:
        counted: int = (
            await self._db.scalar(
                select(func.count())
                .select_from(messages)
                .where(messages.c.conversation_id == conversation_id, messages.c.pinned_at.is_not(None))
            )
            or 0
        )
        return counted


def _rows(message_id: UUID, of_message: Reactions) -> dict[_ReactionRow, int]:
    """The message's reaction rows, each with its emoji's position."""
    return {
        (message_id, reaction.emoji.value, user_id): reaction.position
        for reaction in of_message.items
        for user_id in reaction.user_ids
    }


def _columns(message: Message) -> dict[str, object]:
    """What may change in a message's row."""
    return {
        "body": None if message.body is None else message.body.value,
        "edited_at": message.edited_at,
        "pinned_by": None if message.pin is None else message.pin.pinned_by,
        "pinned_at": None if message.pin is None else message.pin.pinned_at,
        "reply_count": message.thread.reply_count,
        "last_reply_at": message.thread.last_reply_at,
        "recent_replier_ids": [str(replier) for replier in message.thread.recent_replier_ids],
        "thread_version": message.thread.version,
        "reactions_revision": message.reactions_revision,
        "attachments": [_attachment_json(attachment) for attachment in message.attachments],
    }


def _attachment_json(attachment: Attachment) -> dict[str, object]:
    return {
        "id": str(attachment.id),
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "width": attachment.width,
        "height": attachment.height,
    }


def _attachment(stored: dict[str, Any]) -> Attachment:
    return Attachment(
        UUID(stored["id"]),
        stored["filename"],
        stored["content_type"],
        stored["size"],
        stored["width"],
        stored["height"],
    )


def _message(row: Row[tuple[object, ...]], of_message: Reactions) -> Message:
    return Message(
        id=row.id,
        conversation_id=row.conversation_id,
        seq=row.seq,
        sender_id=row.sender_id,
        client_message_id=ClientMessageId(row.client_message_id),
        body=None if row.body is None else MessageBody(row.body),
        created_at=row.created_at,
        edited_at=row.edited_at,
        pin=None if row.pinned_at is None else Pin(row.pinned_by, row.pinned_at),
        reply_to=row.reply_to,
        thread_root_id=row.thread_root_id,
        thread=ThreadSummary(
            reply_count=row.reply_count,
            last_reply_at=row.last_reply_at,
            recent_replier_ids=tuple(map(UUID, row.recent_replier_ids)),
            version=row.thread_version,
        ),
        reactions=of_message,
        reactions_revision=row.reactions_revision,
        attachments=tuple(map(_attachment, row.attachments)),
    )
