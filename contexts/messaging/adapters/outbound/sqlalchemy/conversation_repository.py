from collections.abc import Mapping
from uuid import UUID

from sqlalchemy import Select, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from contexts.messaging.adapters.outbound.sqlalchemy.tables import conversations, participants
from contexts.messaging.domain.conversation import Conversation
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.participant_role import ParticipantRole
from contexts.messaging.ports.conversation_repository import ConversationAlreadyExistsError

Participants = Mapping[UUID, ParticipantRole]

# Built once: a statement built per call costs more to build and to look up in SQLAlchemy's
# cache than to run, and sending a message runs these.
_BY_ID = (
    select(conversations, participants.c.user_id, participants.c.role)
    .outerjoin(participants, participants.c.conversation_id == conversations.c.id)
    .where(conversations.c.id == bindparam("conversation_id"))
)
"""The conversation, once per participant (or once with none), in one statement."""
_BY_ID_FOR_UPDATE = _BY_ID.with_for_update(of=conversations)
_SAVE = update(conversations).where(conversations.c.id == bindparam("conversation_id"))


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
        await self._db.execute(_SAVE, {"conversation_id": conversation.id, **_columns(conversation)})
        await self._write_participants(conversation, self._participants_as_read[conversation.id])

    async def get(self, conversation_id: UUID) -> Conversation | None:
        return await self._one(_BY_ID, conversation_id)

    async def ids(self) -> list[UUID]:
        return list(await self._db.scalars(select(conversations.c.id)))

    async def get_for_update(self, conversation_id: UUID) -> Conversation | None:
        # PostgreSQL locks the row until the transaction ends; SQLite ignores FOR UPDATE, but its
        # transactions take the write lock as they begin (see `infra.db.database`), which
        # serialises writers just the same.
        return await self._one(_BY_ID_FOR_UPDATE, conversation_id)

    async def _one(self, query: Select[tuple[object, ...]], conversation_id: UUID) -> Conversation | None:
        rows = (await self._db.execute(query, {"conversation_id": conversation_id})).all()
        if not rows:
            return None
        row = rows[0]
        roles = {
            participant.user_id: ParticipantRole(participant.role)
            for participant in rows
            if participant.user_id is not None
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
