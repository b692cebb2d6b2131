from collections.abc import Mapping
from uuid import UUID

from sqlalchemy import Select, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import conversations, participants
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.ports.conversation_repository import ConversationAlreadyExistsError

Participants = Mapping[UUID, ParticipantRole]


class SqlAlchemyConversationRepository:
    """Conversations with their participants.

    `save` writes only the participants that changed since the read, so posting a message to a
    group of thousands writes the conversation's row, not thousands.
    """

    def __init__(self, db: AsyncSession) -> None:
        self._db = db
        self._participants_as_read: dict[UUID, Participants] = {}

    async def add(self, conversation: Conversation) -> None:
        try:
            await self._db.execute(
                insert(conversations).values(
                    id=conversation.id,
                    kind=conversation.kind.value,
                    created_at=conversation.created_at,
                    **_columns(conversation),
                )
            )
        except IntegrityError as error:
            # The primary key is the one constraint a new row can break: for a direct
            # conversation, the other user opened it first.
            raise ConversationAlreadyExistsError() from error
        await self._write_participants(conversation, {})

    async def save(self, conversation: Conversation) -> None:
        await self._db.execute(
            update(conversations)
            .where(conversations.c.id == conversation.id)
            .values(**_columns(conversation))
        )
        await self._write_participants(conversation, self._participants_as_read[conversation.id])

    async def get(self, conversation_id: UUID) -> Conversation | None:
        return await self._one(select(conversations).where(conversations.c.id == conversation_id))

    async def ids(self) -> list[UUID]:
        return list(await self._db.scalars(select(conversations.c.id)))

    async def get_for_update(self, conversation_id: UUID) -> Conversation | None:
        # PostgreSQL locks the row until the transaction ends; SQLite ignores FOR UPDATE, but its
        # transactions take the write lock as they begin (see `infra.db.database`), which
        # serialises writers just the same.
        return await self._one(
            select(conversations).where(conversations.c.id == conversation_id).with_for_update()
        )

    async def _one(self, query: Select[tuple[object, ...]]) -> Conversation | None:
        row = (await self._db.execute(query)).one_or_none()
        if row is None:
            return None
        roles = {
            participant.user_id: ParticipantRole(participant.role)
            for participant in await self._db.execute(
                select(participants).where(participants.c.conversation_id == row.id)
            )
        }
        self._participants_as_read[row.id] = roles
        return Conversation(
            id=row.id,
            kind=ConversationKind(row.kind),
            title=row.title,
            participants=dict(roles),
            created_at=row.created_at,
            last_seq=row.last_seq,
            closed=row.closed,
            group_version=row.group_version,
        )

    async def _write_participants(self, conversation: Conversation, before: Participants) -> None:
        after = conversation.participants
        # A participant whose role changed is replaced, which keeps this to two statements.
        leaving = [user_id for user_id, role in before.items() if after.get(user_id) is not role]
        arriving = [
            {"conversation_id": conversation.id, "user_id": user_id, "role": role.value}
            for user_id, role in after.items()
            if before.get(user_id) is not role
        ]
        if leaving:
            await self._db.execute(
                delete(participants).where(
                    participants.c.conversation_id == conversation.id, participants.c.user_id.in_(leaving)
                )
            )
        if arriving:
            await self._db.execute(insert(participants), arriving)
        self._participants_as_read[conversation.id] = dict(after)


def _columns(conversation: Conversation) -> dict[str, object]:
    """What may change in a conversation's row."""
    return {
        "title": conversation.title,
        "last_seq": conversation.last_seq,
        "closed": conversation.closed,
        "group_version": conversation.group_version,
    }
