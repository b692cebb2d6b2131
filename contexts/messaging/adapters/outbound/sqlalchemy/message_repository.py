from uuid import UUID

from sqlalchemy import ColumnElement, Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import messages
from contexts.messaging.domain.client_message_id import ClientMessageId
from contexts.messaging.domain.message import Message
from contexts.messaging.domain.message_body import MessageBody


class SqlAlchemyMessageRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, message: Message) -> None:
        await self._db.execute(
            insert(messages).values(
                id=message.id,
                conversation_id=message.conversation_id,
                seq=message.seq,
                sender_id=message.sender_id,
                client_message_id=message.client_message_id.value,
                created_at=message.created_at,
                **_columns(message),
            )
        )

    async def save(self, message: Message) -> None:
        await self._db.execute(
            update(messages).where(messages.c.id == message.id).values(**_columns(message))
        )

    async def get_for_update(self, conversation_id: UUID, message_id: UUID) -> Message | None:
        return await self._one(
            (messages.c.conversation_id == conversation_id) & (messages.c.id == message_id), for_update=True
        )

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
        return await self._one(
            (messages.c.conversation_id == conversation_id)
            & (messages.c.sender_id == sender_id)
            & (messages.c.client_message_id == client_message_id.value)
        )

    async def _one(self, condition: ColumnElement[bool], *, for_update: bool = False) -> Message | None:
        query = select(messages).where(condition)
        row = (await self._db.execute(query.with_for_update() if for_update else query)).one_or_none()
        return None if row is None else _message(row)


def _columns(message: Message) -> dict[str, object]:
    """What may change in a message's row."""
    return {
        "body": None if message.body is None else message.body.value,
        "edited_at": message.edited_at,
    }


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
    )
