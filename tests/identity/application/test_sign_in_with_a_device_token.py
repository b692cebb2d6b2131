"""A client that signed in to an account before is recognised by its device token: its password is
checked in a lane of its own and the limits of unknown clients do not delay it (ADR 24).

Which lane checked a sign-in shows in which fake hasher took it, and a lane is filled by holding
its verifications: nothing here waits on time."""

import asyncio
from datetime import timedelta

import pytest

from contexts.identity.domain.errors import BadCredentialsError
from kernel.errors import OverloadedError, RateLimitedError
from tests.identity.application.conftest import (
    CLIENT,
    CLIENT_MAX_FAILURES,
    DEVICE_MAX_FAILURES,
    DEVICE_SIGN_IN_MAX,
    DEVICE_SIGN_IN_WINDOW,
    DEVICE_TOKEN_LIFETIME,
    MAX_FAILURES,
    Identity,
)

ELSEWHERE = "198.51.100.7"


@pytest.fixture
async def known(identity: Identity) -> tuple[Identity, str]:
    """Alice's account, and the device token of her last sign-in to it."""
    await identity.register_user("alice", "correct horse", "Alice", CLIENT)
    return identity, (await identity.sign_in("alice", "correct horse", CLIENT)).device_token


def flooding(identity: Identity, count: int) -> list[asyncio.Task[object]]:
    """`count` sign-ins to unknown usernames, each from an address of its own."""
    return [
        asyncio.create_task(
            identity.sign_in(f"nobody{number}", "guess", f"10.0.{number // 250}.{number % 250}")
        )
        for number in range(count)
    ]


async def test_with_the_lane_of_unknown_clients_full_a_sign_in_with_a_device_token_is_checked_in_its_own(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    identity.passwords.released.clear()
    flood = flooding(identity, identity.passwords.capacity)
    await identity.passwords.holding(identity.passwords.capacity)

    signed_in = await identity.sign_in("alice", "correct horse", ELSEWHERE, device_token)

    assert signed_in.tokens.user.username == "alice"
    with pytest.raises(OverloadedError) as busy:
        await identity.sign_in("alice", "correct horse", ELSEWHERE)
    assert busy.value.retry_after_seconds == 1
    identity.passwords.released.set()
    outcomes = await asyncio.gather(*flood, return_exceptions=True)
    assert all(isinstance(outcome, BadCredentialsError) for outcome in outcomes)


async def test_each_sign_in_answers_a_new_device_token_which_recognises_the_client_too(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    renewed = (await identity.sign_in("alice", "correct horse", CLIENT, device_token)).device_token
    identity.passwords.capacity = 0

    assert renewed != device_token
    assert (await identity.sign_in("alice", "correct horse", CLIENT, renewed)).tokens.user.username == "alice"


async def test_a_device_token_is_not_delayed_by_failures_of_unknown_clients_at_its_address(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    for _ in range(MAX_FAILURES):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in("alice", "wrong horse", CLIENT)
    with pytest.raises(RateLimitedError):
        await identity.sign_in("alice", "correct horse", CLIENT)

    signed_in = await identity.sign_in("alice", "correct horse", CLIENT, device_token)

    assert signed_in.tokens.user.username == "alice"


async def test_a_device_token_is_not_refused_for_the_failures_of_its_address_in_all(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    for number in range(CLIENT_MAX_FAILURES):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in(f"user{number}", "wrong horse", CLIENT)
    with pytest.raises(RateLimitedError):
        await identity.sign_in("alice", "correct horse", CLIENT)

    signed_in = await identity.sign_in("alice", "correct horse", CLIENT, device_token)

    assert signed_in.tokens.user.username == "alice"


def altered(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


@pytest.mark.parametrize("spoiled", ["for another account", "altered", "expired", "made up"])
async def test_any_other_device_token_is_ignored(known: tuple[Identity, str], spoiled: str) -> None:
    identity, device_token = known
    await identity.register_user("bob", "battery staple", "Bob", CLIENT)
    identity.passwords.capacity = 0
    assert (
        await identity.sign_in("alice", "correct horse", ELSEWHERE, device_token)
    ).tokens.user.username == "alice"
    username, password = "alice", "correct horse"
    match spoiled:
        case "for another account":
            username, password = "bob", "battery staple"
        case "altered":
            device_token = altered(device_token)
        case "expired":
            identity.clock.advance(DEVICE_TOKEN_LIFETIME)
        case "made up":
            device_token = "x" * len(device_token)

    with pytest.raises(OverloadedError):
        await identity.sign_in(username, password, ELSEWHERE, device_token)

    assert identity.device_passwords.verifications == 1


async def test_failures_with_a_device_token_get_it_ignored_for_a_while_that_doubles(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    for _ in range(DEVICE_MAX_FAILURES):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in("alice", "wrong horse", CLIENT, device_token)
    identity.passwords.capacity = 0

    with pytest.raises(OverloadedError):
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    identity.clock.advance(timedelta(seconds=1))
    with pytest.raises(BadCredentialsError):
        await identity.sign_in("alice", "wrong horse", CLIENT, device_token)
    identity.clock.advance(timedelta(seconds=1))
    with pytest.raises(OverloadedError):
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)

    identity.clock.advance(timedelta(seconds=1))
    assert (
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    ).tokens.user.username == "alice"
    assert identity.device_passwords.verifications == DEVICE_MAX_FAILURES + 2


async def test_guesses_sent_at_once_with_a_stolen_device_token_are_checked_no_more_than_its_free_failures(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    identity.passwords.capacity = 0
    identity.device_passwords.capacity = 30
    identity.device_passwords.released.clear()
    guesses = [
        asyncio.create_task(identity.sign_in("alice", f"guess {number}", f"10.0.0.{number}", device_token))
        for number in range(30)
    ]
    await identity.device_passwords.holding(DEVICE_MAX_FAILURES)

    identity.device_passwords.released.set()
    outcomes = await asyncio.gather(*guesses, return_exceptions=True)

    assert identity.device_passwords.verifications == DEVICE_MAX_FAILURES
    assert sum(isinstance(outcome, BadCredentialsError) for outcome in outcomes) == DEVICE_MAX_FAILURES
    assert all(isinstance(outcome, (BadCredentialsError, OverloadedError)) for outcome in outcomes)


async def test_a_success_with_a_device_token_forgets_its_failures(known: tuple[Identity, str]) -> None:
    identity, device_token = known
    for _ in range(DEVICE_MAX_FAILURES - 1):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in("alice", "wrong horse", CLIENT, device_token)
    await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    for _ in range(DEVICE_MAX_FAILURES - 1):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in("alice", "wrong horse", CLIENT, device_token)
    identity.passwords.capacity = 0

    assert (
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    ).tokens.user.username == "alice"


async def test_sign_ins_to_an_account_with_device_tokens_are_limited_within_the_window_successes_too(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    for _ in range(DEVICE_SIGN_IN_MAX):
        device_token = (await identity.sign_in("alice", "correct horse", CLIENT, device_token)).device_token
    identity.passwords.capacity = 0

    with pytest.raises(OverloadedError):
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)

    identity.clock.advance(DEVICE_SIGN_IN_WINDOW)
    assert (
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    ).tokens.user.username == "alice"
    assert identity.device_passwords.verifications == DEVICE_SIGN_IN_MAX + 1


async def test_while_the_lane_of_devices_is_full_a_sign_in_is_an_unknown_clients_and_counts_nothing_there(
    known: tuple[Identity, str],
) -> None:
    identity, device_token = known
    identity.device_passwords.capacity = 0
    for _ in range(DEVICE_SIGN_IN_MAX + DEVICE_MAX_FAILURES):
        assert (await identity.sign_in("alice", "correct horse", CLIENT, device_token)).tokens.user
    with pytest.raises(BadCredentialsError):
        await identity.sign_in("alice", "wrong horse", CLIENT, device_token)
    identity.passwords.capacity = 0
    with pytest.raises(OverloadedError):
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)

    identity.device_passwords.capacity = 1

    assert (
        await identity.sign_in("alice", "correct horse", CLIENT, device_token)
    ).tokens.user.username == "alice"
