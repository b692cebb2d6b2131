import asyncio

import pytest

from contexts.identity.contracts.events import UserRegistered
from contexts.identity.domain.errors import UsernameTakenError
from kernel.errors import InvalidValueError, OverloadedError, RateLimitedError
from kernel.rfc3339 import rfc3339
from tests.identity.application.conftest import CLIENT, SIGN_UP_MAX, Identity


async def test_a_registered_user_is_stored_with_a_hashed_password(identity: Identity) -> None:
    user = await identity.register_user("alice", "correct horse", "  Alice  ", CLIENT)

    assert (user.username, user.display_name, user.created_at) == ("alice", "Alice", identity.clock.now())
    assert identity.database.users[user.id].password_hash == "hashed:correct horse"
    assert await identity.get_user(user.id) == user


async def test_registration_publishes_user_registered_with_the_change(identity: Identity) -> None:
    user = await identity.register_user("alice", "correct horse", "Alice", CLIENT)

    [event] = identity.database.outbox
    assert (event.type, event.subject, event.time) == (UserRegistered.TYPE, str(user.id), user.created_at)
    assert UserRegistered.from_event(event) == UserRegistered(
        user_id=str(user.id), username="alice", display_name="Alice", created_at=rfc3339(user.created_at)
    )


async def test_a_taken_username_is_a_conflict_and_changes_nothing(identity: Identity) -> None:
    await identity.register_user("alice", "correct horse", "Alice", CLIENT)

    with pytest.raises(UsernameTakenError):
        await identity.register_user("alice", "another one", "Another Alice", CLIENT)

    assert len(identity.database.users) == 1
    assert len(identity.database.outbox) == 1


@pytest.mark.parametrize(
    ("username", "password", "display_name", "field"),
    [
        ("Al", "correct horse", "Alice", "username"),
        ("alice", "short", "Alice", "password"),
        ("alice", "correct horse", " ", "display_name"),
    ],
)
async def test_invalid_values_are_refused_before_anything_is_stored(
    identity: Identity, username: str, password: str, display_name: str, field: str
) -> None:
    with pytest.raises(InvalidValueError) as refused:
        await identity.register_user(username, password, display_name, CLIENT)

    assert refused.value.field == field
    assert identity.database.users == {}
    assert identity.database.outbox == []


async def test_a_sign_up_turned_away_while_hashing_is_full_does_not_count_against_its_address(
    identity: Identity,
) -> None:
    identity.passwords.released.clear()
    holders = [
        asyncio.create_task(identity.register_user(f"holder{n}", "correct horse", "Holder", "198.51.100.9"))
        for n in range(identity.passwords.capacity)
    ]
    await identity.passwords.holding(identity.passwords.capacity)

    for _ in range(3):
        with pytest.raises(OverloadedError):
            await identity.register_user("alice", "correct horse", "Alice", CLIENT)
    identity.passwords.released.set()
    await asyncio.gather(*holders)

    for n in range(SIGN_UP_MAX):
        await identity.register_user(f"user{n}", "correct horse", "User", CLIENT)
    with pytest.raises(RateLimitedError):
        await identity.register_user("one-more", "correct horse", "One more", CLIENT)
