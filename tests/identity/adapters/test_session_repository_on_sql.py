"""What the session repository's contract says that only its SQL adapter's own rows can show: a
refresh committed between a read and a write is found."""

import pytest
from sqlalchemy import update

from contexts.identity.adapters.outbound.sqlalchemy import tables
from contexts.identity.ports.session_repository import SessionChangedError
from tests.identity.adapters.builders import NOW, a_session, a_user
from tests.identity.adapters.conftest import SqlUnitOfWorkFactory


async def test_a_session_changed_since_it_was_read_is_not_overwritten(
    sql_unit_of_work: SqlUnitOfWorkFactory,
) -> None:
    user = a_user()
    session = a_session(user.id)
    async with sql_unit_of_work() as uow:
        await uow.users.add(user)
        await uow.sessions.add(session)
        await uow.commit()

    async with sql_unit_of_work() as uow:
        read = await uow.sessions.get(session.id)
        assert read is not None
        # What a concurrent refresh commits in between on PostgreSQL. SQLite transactions queue
        # (infra.db.engine begins them IMMEDIATE), so there only this shortcut makes it happen.
        await uow.session.execute(
            update(tables.sessions)
            .where(tables.sessions.c.id == session.id)
            .values(version=tables.sessions.c.version + 1)
        )
        read.revoke(NOW)

        with pytest.raises(SessionChangedError):
            await uow.sessions.save(read)
