"""Every change made through the API is published to other contexts, in order, with the group as it
is after the change: the events are read from groups' outbox, and seen leaving it."""

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
    outbox = tables.messaging.outbox
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(outbox).where(outbox.c.subject == group_id).order_by(outbox.c.position)
        )
        return list(rows)


def members(group: Json) -> list[tuple[str, str, datetime]]:
    return [(m["user_id"], m["role"], datetime.fromisoformat(m["joined_at"])) for m in group["members"]]


def assert_carries(event: published.GroupChanged, group: Json, version: int, actor: str) -> None:
    """`event` tells of `group` as the API answered it after the change, at `version`, made by `actor`."""
    assert (event.group_id, event.version, event.actor_id) == (group["id"], version, actor)
    assert (event.name, event.owner_id) == (group["name"], group["owner_id"])
    assert datetime.fromisoformat(event.created_at) == datetime.fromisoformat(group["created_at"])
    assert members({"members": event.members}) == members(group)


async def test_each_change_is_published_with_the_group_after_it(
    cast: Cast, groups_database: AsyncEngine
) -> None:
    owner, admin, member = cast.owner, cast.admin, cast.member
    created = await create_group(owner, member_ids=[member.id])
    path = f"/api/v1/groups/{created['id']}"
    renamed = (await owner.client.patch(path, json={"name": "Reading circle"})).json()
    with_admin = (
        await owner.client.post(f"{path}/members", json={"user_id": admin.id, "role": "admin"})
    ).json()
    promoted = (await owner.client.patch(f"{path}/members/{member.id}", json={"role": "admin"})).json()
    assert (await admin.client.delete(f"{path}/members/{member.id}")).status_code == 204
    after_removal = (await owner.client.get(path)).json()
    assert (await owner.client.delete(path)).status_code == 204

    rows = await outbox(groups_database, created["id"])

    assert [(row.type, row.source) for row in rows] == [
        (published.GroupCreated.TYPE, "groups"),
        (published.GroupRenamed.TYPE, "groups"),
        (published.MemberAdded.TYPE, "groups"),
        (published.MemberRoleChanged.TYPE, "groups"),
        (published.MemberRemoved.TYPE, "groups"),
        (published.GroupDeleted.TYPE, "groups"),
    ]
    creation, renaming, addition, role_change, removal, deletion = rows
    assert_carries(published.GroupCreated(**creation.data), created, 1, owner.id)
    assert_carries(published.GroupRenamed(**renaming.data), renamed, 2, owner.id)
    added = published.MemberAdded(**addition.data)
    assert_carries(added, with_admin, 3, owner.id)
    assert (added.user_id, added.role) == (admin.id, "admin")
    changed = published.MemberRoleChanged(**role_change.data)
    assert_carries(changed, promoted, 4, owner.id)
    assert (changed.user_id, changed.role) == (member.id, "admin")
    removed = published.MemberRemoved(**removal.data)
    assert_carries(removed, after_removal, 5, admin.id)
    assert removed.user_id == member.id
    assert_carries(published.GroupDeleted(**deletion.data), after_removal, 6, owner.id)

    async def all_sent() -> None:
        assert all(row.published_at is not None for row in await outbox(groups_database, created["id"]))

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
