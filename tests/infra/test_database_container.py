"""Every context with a database of its own is migrated, checked and closed alike; one that
publishes integration events also runs its outbox relay."""

from pathlib import Path

from sqlalchemy import select

from contexts.groups.adapters.outbound.sqlalchemy import tables as groups
from contexts.realtime.adapters.outbound.sqlalchemy import tables as realtime
from infra.db.database_container import DatabaseContainer
from infra.write_side_container import WriteSideContainer
from tests.infra.recording_bus import RecordingBus


async def noop() -> None:
    return None


async def test_a_database_module_migrates_reports_readiness_and_runs_only_the_given_tasks(
    database_url: str,
) -> None:
    container = DatabaseContainer(context="realtime", migrations=realtime.migrations)
    container.config.from_dict({"database_url": database_url})
    module = container.module(routers=[], background=[noop])

    await module.migrate()

    async with container.sessions()() as db:
        assert (await db.execute(select(realtime.messages))).all() == []
    assert module.name == "realtime"
    assert list(module.background) == [noop]
    assert await module.readiness["realtime-database"]()
    await module.close()


def test_a_write_side_module_runs_its_outbox_relay_in_the_background(tmp_path: Path) -> None:
    container = WriteSideContainer(
        context="groups", tables=groups.messaging, migrations=groups.migrations, bus=RecordingBus()
    )
    container.config.from_dict(
        {"database_url": f"sqlite+aiosqlite:///{tmp_path}/groups.db", "relay_poll_interval_seconds": 1}
    )

    module = container.module(routers=[])

    assert list(module.background) == [container.relay().run]
    assert list(module.readiness) == ["groups-database"]
