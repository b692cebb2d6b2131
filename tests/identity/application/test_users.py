import pytest

from contexts.identity.application.user_view import UserView
from contexts.identity.contracts.events import UserProfileChanged
from kernel.errors import InvalidValueError, NotFoundError
from kernel.ids import new_id
from tests.identity.application.conftest import CLIENT, Identity


async def test_a_changed_display_name_is_stored_and_published(identity: Identity) -> None:
    user = await identity.register_user("alice", "correct horse", "Alice", CLIENT)

    changed = await identity.change_display_name(user.id, " Alice L. ")

    assert changed.display_name == "Alice L."
    assert await identity.get_user(user.id) == changed
    event = identity.database.outbox[-1]
    assert (event.type, event.subject) == (UserProfileChanged.TYPE, str(user.id))
    assert UserProfileChanged.from_event(event) == UserProfileChanged(
        user_id=str(user.id), username="alice", display_name="Alice L."
    )


async def test_the_same_display_name_again_publishes_nothing(identity: Identity) -> None:
    user = await identity.register_user("alice", "correct horse", "Alice", CLIENT)

    await identity.change_display_name(user.id, "Alice")

    assert len(identity.database.outbox) == 1


async def test_an_invalid_display_name_is_refused(identity: Identity) -> None:
    user = await identity.register_user("alice", "correct horse", "Alice", CLIENT)

    with pytest.raises(InvalidValueError):
        await identity.change_display_name(user.id, "\x00")

    assert (await identity.get_user(user.id)).display_name == "Alice"


async def test_an_unknown_user_is_not_found(identity: Identity) -> None:
    with pytest.raises(NotFoundError):
        await identity.get_user(new_id())
    with pytest.raises(NotFoundError):
        await identity.change_display_name(new_id(), "Bob")


async def register(identity: Identity, *names: tuple[str, str]) -> list[UserView]:
    return [
        await identity.register_user(username, "correct horse", shown, CLIENT) for username, shown in names
    ]


async def test_search_finds_username_or_display_name_prefixes_ignoring_case(identity: Identity) -> None:
    await register(identity, ("alice", "Wonderland"), ("bob", "Alicia B."), ("carol", "Bob's friend"))

    found = await identity.search_users("ALI")

    assert [user.username for user in found] == ["alice", "bob"]


async def test_search_answers_at_most_limit_users_by_username(identity: Identity) -> None:
    await register(identity, ("ann3", "Ann"), ("ann1", "Ann"), ("ann2", "Ann"))

    assert [user.username for user in await identity.search_users("ann", limit=2)] == ["ann1", "ann2"]


@pytest.mark.parametrize(
    ("q", "limit", "field"), [("", 20, "q"), ("a" * 65, 20, "q"), ("a", 0, "limit"), ("a", 51, "limit")]
)
async def test_search_refuses_bad_queries(identity: Identity, q: str, limit: int, field: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await identity.search_users(q, limit)

    assert refused.value.field == field
