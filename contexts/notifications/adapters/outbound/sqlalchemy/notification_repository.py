from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.notifications.adapters.outbound.sqlalchemy.tables import notifications
from contexts.notifications.domain.notification import Notification
from contexts.notifications.domain.notification_kind import NotificationKind
from infra.db.upserts import inserted_if_missing


class SqlAlchemyNotificationRepository:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def add(self, notification: Notification) -> bool:
        return await inserted_if_missing(
            self._db,
            notifications,
            {
                "id": notification.id,
                "recipient_id": notification.recipient_id,
                "kind": notification.kind.value,
                "conversation_id": notification.conversation_id,
                "message_id": notification.message_id,
                "actor_id": notification.actor_id,
                "preview": notification.preview,
                "created_at": notification.created_at,
                "read_at": notification.read_at,
            },
        )

    async def get(self, recipient_id: UUID, notification_id: UUID) -> Notification | None:
        row = (
            await self._db.execute(
                select(notifications).filter_by(id=notification_id, recipient_id=recipient_id)
            )
        ).first()
        return None if row is None else _notification(row)

    async def newest(self, recipient_id: UUID, *, unread_only: bool, limit: int) -> list[Notification]:
        query = select(notifications).where(notifications.c.recipient_id == recipient_id)
        if unread_only:
            query = query.where(notifications.c.read_at.is_(None))
        query = query.order_by(notifications.c.created_at.desc(), notifications.c.id.desc()).limit(limit)
        return [_notification(row) for row in await self._db.execute(query)]

    async def mark_read(self, recipient_id: UUID, notification_id: UUID, at: datetime) -> bool:
        marked = await self._db.scalar(
            update(notifications)
            .where(
                notifications.c.id == notification_id,
                notifications.c.recipient_id == recipient_id,
                notifications.c.read_at.is_(None),
            )
            .values(read_at=at)
            .returning(notifications.c.id)
        )
        return marked is not None

    async def mark_all_read(self, recipient_id: UUID, at: datetime) -> int:
        marked = await self._db.execute(
            update(notifications)
            .where(notifications.c.recipient_id == recipient_id, notifications.c.read_at.is_(None))
            .values(read_at=at)
            .returning(notifications.c.id)
        )
        return len(marked.all())

    async def withdraw_unread(self, message_id: UUID) -> list[UUID]:
        withdrawn = await self._db.scalars(
            delete(notifications)
            .where(notifications.c.message_id == message_id, notifications.c.read_at.is_(None))
            .returning(notifications.c.recipient_id)
        )
        return list(withdrawn)


def _notification(row: Row[Any]) -> Notification:
    return Notification(
        id=row.id,
        recipient_id=row.recipient_id,
        kind=NotificationKind(row.kind),
        conversation_id=row.conversation_id,
        message_id=row.message_id,
        actor_id=row.actor_id,
        preview=row.preview,
        created_at=row.created_at,
        read_at=row.read_at,
    )
