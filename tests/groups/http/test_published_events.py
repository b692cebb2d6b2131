"""Every change made through the API is published to other contexts, in order, as the change and the
group's version after it: the events are read from groups' outbox, and seen leaving it."""

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from contexts.groups.adapters.outbound.sqlalchemy import tables
from contexts.groups.contracts import events as published
from infra.db.database import Database
from tests.cast import Cast
from tests.eventually import eventually
from tests.groups.http.conftest import Json, create_group


@pytest.fixture
async def groups_database(module_data_dir: Path) -> AsyncIterator[AsyncEngine]:
    database = Database(f"sqlite+aiosqlite:///{module_data_dir}/groups.db")
    yield database.engine
    await database.dispose()


async def outbox(engine: AsyncEngine, group_id: str) -> list[Any]:
    """The group's events in the order they are published."""
    outbox = tables.outbox.outbox
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(outbox).where(outbox.c.subject == group_id).order_by(outbox.c.position)
        )
        return list(rows)


def members(group: Json) -> list[tuple[str, str, datetime]]:
    return [(m["user_id"], m["role"], datetime.fromisoformat(m["joined_at"])) for m in group["members"]]


async def test_each_change_is_published_as_the_change_and_the_version_after_it(
    cast: Cast, groups_database: AsyncEngine
) -> None:
    owner, admin, member = cast.owner, cast.admin, cast.member
    created = await create_group(owner, member_ids=[member.id])
    group_id, path = created["id"], f"/api/v1/groups/{created['id']}"
    renamed = (await owner.client.patch(path, json={"name": "Reading circle"})).json()
    with_admin = (
        await owner.client.post(f"{path}/members", json={"user_id": admin.id, "role": "admin"})
    ).json()
    assert (
        await owner.client.patch(f"{path}/members/{member.id}", json={"role": "admin"})
    ).status_code == 200
    assert (await admin.client.delete(f"{path}/members/{member.id}")).status_code == 204
    assert (await owner.client.delete(path)).status_code == 204

    rows = await outbox(groups_database, group_id)

    assert [(row.type, row.source, row.version) for row in rows] == [
        (published.GroupCreated.TYPE, "groups", 2),
        (published.GroupRenamed.TYPE, "groups", 2),
        (published.MemberAdded.TYPE, "groups", 2),
        (published.MemberRoleChanged.TYPE, "groups", 2),
        (published.MemberRemoved.TYPE, "groups", 2),
        (published.GroupDeleted.TYPE, "groups", 2),
    ]
    creation, renaming, addition, role_change, removal, deletion = (row.data for row in rows)
    creation = published.GroupCreated(**creation)
    assert (creation.group_id, creation.version, creation.actor_id) == (group_id, 1, owner.id)
    assert (creation.name, creation.owner_id) == (created["name"], owner.id)
    assert datetime.fromisoformat(creation.created_at) == datetime.fromisoformat(created["created_at"])
    assert members({"members": creation.members}) == members(created)
    assert published.GroupRenamed(**renaming) == published.GroupRenamed(
        group_id=group_id, version=2, actor_id=owner.id, name=renamed["name"]
    )
    [joined_at] = [m["joined_at"] for m in with_admin["members"] if m["user_id"] == admin.id]
    added = published.MemberAdded(**addition)
    assert (added.version, added.actor_id, added.user_id, added.role, added.name) == (
        3,
        owner.id,
        admin.id,
        "admin",
        "Reading circle",
    )
    assert datetime.fromisoformat(added.joined_at) == datetime.fromisoformat(joined_at)
    assert published.MemberRoleChanged(**role_change) == published.MemberRoleChanged(
        group_id=group_id, version=4, actor_id=owner.id, user_id=member.id, role="admin"
    )
    assert published.MemberRemoved(**removal) == published.MemberRemoved(
        group_id=group_id, version=5, actor_id=admin.id, user_id=member.id
    )
    assert published.GroupDeleted(**deletion) == published.GroupDeleted(
        group_id=group_id, version=6, actor_id=owner.id
    )

    async def all_sent() -> None:
        assert all(row.published_at is not None for row in await outbox(groups_database, group_id))

    await eventually(all_sent)


async def test_an_event_carries_the_correlation_id_of_the_request_that_caused_it(
    cast: Cast, groups_database: AsyncEngine
) -> None:
    response = await cast.owner.client.post(
        "/api/v1/groups", json={"name": "Traced"}, headers={"X-Correlation-ID": "trace-groups-1"}
    )

    [row] = await outbox(groups_database, response.json()["id"])
    assert row.correlation_id == "trace-groups-1"


async def test_a_refused_change_publishes_nothing(cast: Cast, groups_database: AsyncEngine) -> None:
    group = await create_group(cast.owner, member_ids=[cast.member.id])

    assert (
        await cast.member.client.patch(f"/api/v1/groups/{group['id']}", json={"name": "Mine"})
    ).status_code == 403
    assert (
        await cast.owner.client.patch(f"/api/v1/groups/{group['id']}", json={"name": "Book club"})
    ).status_code == 200

    assert [row.type for row in await outbox(groups_database, group["id"])] == [published.GroupCreated.TYPE]
