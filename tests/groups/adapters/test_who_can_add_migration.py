"""Users groups knew before it kept their choices let everyone add them once migrated, as before."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Uuid, column, insert, table

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.domain.who_can_add import WhoCanAdd
from infra.db.database import Database
from kernel.ids import new_id
from tests.groups.adapters.conftest import UnitOfWorkFactory


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """Groups' database as the revision before the choice left it."""
    database = Database(database_url)
    await tables.migrations.upgrade(database.engine, "0003")
    yield database
    await database.dispose()


async def test_users_known_before_let_everyone_add_them_and_may_choose(
    database: Database, unit_of_work: UnitOfWorkFactory
) -> None:
    alice, bob = new_id(), new_id()
    async with database.engine.begin() as connection:
        # The table as it was: no column of the choice yet, so not `tables.known_users`.
        known_users = table("groups_known_users", column("user_id", Uuid))
        await connection.execute(insert(known_users), [{"user_id": alice}, {"user_id": bob}])

    await tables.migrations.upgrade(database.engine)
    async with unit_of_work() as uow:
        await uow.known_users.choose_who_can_add(bob, WhoCanAdd.CONTACTS)
        await uow.commit()

    async with unit_of_work() as uow:
        assert await uow.known_users.unknown_among([alice, bob]) == set()
        assert await uow.known_users.who_can_add([alice, bob]) == {
            alice: WhoCanAdd.EVERYONE,
            bob: WhoCanAdd.CONTACTS,
        }
