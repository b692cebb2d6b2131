from uuid import UUID

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import messages
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody
from contexts.messaging.domain.pin import Pin
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


class SqlAlchemyMessageRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

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

    async def get(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        row = await self._db.execute(
            _IN_CONVERSATION, {"conversation_id": conversation_id, "message_id": message_id}
        )
        return _message_or_none(row.one_or_none())

    async def get_for_update(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        row = await self._db.execute(
            _IN_CONVERSATION_FOR_UPDATE, {"conversation_id": conversation_id, "message_id": message_id}
        )
        return _message_or_none(row.one_or_none())

    async def after(self, conversation_id: UUID, seq: int, limit: int) -> list[Message]:
        rows = await self._db.execute(
            select(messages)
            .where(messages.c.conversation_id == conversation_id, messages.c.seq > seq)
            .order_by(messages.c.seq)
            .limit(limit)
        )
        return [_message(row) for row in rows]

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
        return _message_or_none(row.one_or_none())

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
    }


def _message_or_none(row: Row[tuple[object, ...]] | None) -> Message | None:
    return None if row is None else _message(row)


def _message(row: Row[tuple[object, ...]]) -> Message:
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
    )
