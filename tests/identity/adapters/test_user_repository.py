"""The user repository's contract, on SQLite, on PostgreSQL and in the application tests' fake."""

import asyncio

import pytest

from contexts.identity.domain.display_name import DisplayName
from contexts.identity.domain.errors import UsernameTakenError
from contexts.identity.domain.name_prefix import NamePrefix
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username
from kernel.ids import new_id
from tests.databases import ALSO_ON_THE_FAKE
from tests.identity.adapters.builders import NOW, a_user
from tests.identity.adapters.conftest import UnitOfWorkFactory

pytestmark = ALSO_ON_THE_FAKE


async def add(unit_of_work: UnitOfWorkFactory, *users: User) -> None:
    async with unit_of_work() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()


def same(found: User | None, user: User) -> bool:
    return found is not None and (
        found.id,
        found.username,
        found.display_name,
        found.password_hash,
        found.created_at,
    ) == (user.id, user.username, user.display_name, user.password_hash, user.created_at)


async def test_an_added_user_is_found_by_id_and_by_username(unit_of_work: UnitOfWorkFactory) -> None:
    user = a_user(display_name="Zoë 🚀")
    await add(unit_of_work, user)

    async with unit_of_work() as uow:
        assert same(await uow.users.get(user.id), user)
        assert same(await uow.users.get_by_username(Username("alice")), user)
        assert await uow.users.get(new_id()) is None
        assert await uow.users.get_by_username(Username("bob")) is None


async def test_times_come_back_in_utc_to_the_microsecond(unit_of_work: UnitOfWorkFactory) -> None:
    user = a_user()
    await add(unit_of_work, user)

    async with unit_of_work() as uow:
        found = await uow.users.get(user.id)

    assert found is not None
    assert found.created_at == NOW
    assert found.created_at.utcoffset() is not None


async def test_a_second_user_with_a_taken_username_is_refused(unit_of_work: UnitOfWorkFactory) -> None:
    await add(unit_of_work, a_user("alice"))

    with pytest.raises(UsernameTakenError):
        await add(unit_of_work, a_user("alice", "Another Alice"))


async def test_of_two_concurrent_registrations_of_one_username_one_fails(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    outcomes = await asyncio.gather(
        add(unit_of_work, a_user("alice", "First")),
        add(unit_of_work, a_user("alice", "Second")),
        return_exceptions=True,
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["NoneType", "UsernameTakenError"]


async def test_a_saved_user_keeps_its_new_display_name(unit_of_work: UnitOfWorkFactory) -> None:
    user = a_user()
    await add(unit_of_work, user)

    async with unit_of_work() as uow:
        stored = await uow.users.get(user.id)
        assert stored is not None
        stored.change_display_name(DisplayName("Wonderland"), NOW)
        await uow.users.save(stored)
        await uow.commit()

    async with unit_of_work() as uow:
        assert same(await uow.users.get(user.id), stored)
        assert [found.id for found in await uow.users.search(NamePrefix("wonder"), 10)] == [user.id]


async def found(unit_of_work: UnitOfWorkFactory, prefix: str, limit: int = 10) -> list[str]:
    async with unit_of_work() as uow:
        return [user.username.value for user in await uow.users.search(NamePrefix(prefix), limit)]


async def test_search_matches_the_start_of_a_username_or_display_name_ignoring_case(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    await add(
        unit_of_work,
        a_user("alice", "Wonderland"),
        a_user("bob", "ALICIA B."),
        a_user("carol", "Zoë Straße"),
        a_user("dave", "Not alice"),
    )

    assert await found(unit_of_work, "Ali") == ["alice", "bob"]
    assert await found(unit_of_work, "zOË") == ["carol"]
    assert await found(unit_of_work, "ZOË STRASS") == ["carol"]
    assert await found(unit_of_work, "lice") == []


async def test_search_answers_at_most_limit_users_ordered_by_username(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    await add(unit_of_work, *(a_user(f"ann{n}", "Ann") for n in (3, 1, 4, 2)))

    assert await found(unit_of_work, "ann", limit=3) == ["ann1", "ann2", "ann3"]


@pytest.mark.parametrize(("prefix", "matches"), [("a_", ["a_b"]), ("a%", []), ("a/", []), ("a.", ["a.b"])])
async def test_like_wildcards_in_a_prefix_match_only_themselves(
    unit_of_work: UnitOfWorkFactory, prefix: str, matches: list[str]
) -> None:
    await add(unit_of_work, a_user("a_b", "x"), a_user("axb", "y"), a_user("a.b", "z"))

    assert await found(unit_of_work, prefix) == matches
