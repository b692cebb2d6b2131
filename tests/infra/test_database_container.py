"""Every context with a database of its own is migrated, checked and closed alike; one that
publishes integration events also hands the process its outbox and what it publishes."""

from pathlib import Path

from sqlalchemy import select

from contexts.groups.adapters.outbound.sqlalchemy import tables as groups
from contexts.groups.contracts.events import GroupCreated, GroupDeleted
from contexts.realtime.adapters.outbound.sqlalchemy import tables as realtime
from infra.database_container import DatabaseContainer
from infra.write_side_container import WriteSideContainer


async def noop() -> None:
    return None


async def test_a_database_module_migrates_reports_readiness_and_runs_only_the_given_tasks(
    database_url: str,
) -> None:
    container = DatabaseContainer(
        context="realtime", database_url=database_url, migrations=realtime.migrations
    )
    module = container.module(routers=[], background=[noop])

    await module.migrate()

    async with container.sessions()() as db:
        assert (await db.execute(select(realtime.messages))).all() == []
    assert module.name == "realtime"
    assert list(module.background) == [noop]
    assert await module.readiness["realtime-database"]()
    await module.close()


def test_a_write_side_module_hands_over_its_outbox_and_what_it_publishes(tmp_path: Path) -> None:
    container = WriteSideContainer(
        context="groups",
        database_url=f"sqlite+aiosqlite:///{tmp_path}/groups.db",
        tables=groups.outbox,
        migrations=groups.migrations,
        published=(GroupCreated, GroupDeleted),
    )

    module = container.module(routers=[])

    assert module.outbox is container.outbox()
    assert module.outbox.context == "groups"
    assert list(module.publishes) == [GroupCreated, GroupDeleted]
    assert list(module.background) == []
    assert list(module.readiness) == ["groups-database"]
