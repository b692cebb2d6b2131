from datetime import timedelta

import pytest

from contexts.identity.domain.errors import BadCredentialsError
from kernel.errors import OverloadedError, RateLimitedError
from tests.identity.application.conftest import (
    CLIENT,
    CLIENT_MAX_FAILURES,
    FAILURE_WINDOW,
    MAX_FAILURES,
    SESSION_LIFETIME,
    Identity,
)

ELSEWHERE = "198.51.100.7"


@pytest.fixture
async def registered(identity: Identity) -> Identity:
    await identity.register_user("alice", "correct horse", "Alice", CLIENT)
    return identity


async def fail(identity: Identity, times: int, username: str = "alice", client: str = CLIENT) -> None:
    for _ in range(times):
        with pytest.raises(BadCredentialsError):
            await identity.sign_in(username, "wrong horse", client)


async def test_signing_in_starts_a_session_and_hands_out_its_tokens(registered: Identity) -> None:
    tokens = (await registered.sign_in("alice", "correct horse", CLIENT)).tokens

    [(_, session)] = registered.database.sessions.values()
    assert tokens.user.username == "alice"
    assert tokens.access_token.startswith(f"access:{tokens.user.id}:{session.id}:")
    assert tokens.expires_in_seconds == 900
    assert session.user_id == tokens.user.id
    assert session.expires_at == registered.clock.now() + SESSION_LIFETIME


async def test_only_the_digest_of_the_refresh_token_is_stored(registered: Identity) -> None:
    tokens = (await registered.sign_in("alice", "correct horse", CLIENT)).tokens

    [(_, session)] = registered.database.sessions.values()
    assert tokens.refresh_token not in session.tokens
    assert len(session.current_token) == 64


async def test_the_username_may_be_typed_in_any_case(registered: Identity) -> None:
    tokens = (await registered.sign_in("ALICE", "correct horse", CLIENT)).tokens

    assert tokens.user.username == "alice"


@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "wrong horse"), ("bob", "correct horse"), ("a", "correct horse"), ("al\x00ce", "x")],
)
async def test_unknown_users_and_wrong_passwords_get_the_same_refusal(
    registered: Identity, username: str, password: str
) -> None:
    with pytest.raises(BadCredentialsError) as refused:
        await registered.sign_in(username, password, CLIENT)

    assert refused.value.detail == "unknown username or wrong password"
    assert registered.database.sessions == {}


async def test_an_unknown_user_costs_a_password_verification_like_a_known_one(registered: Identity) -> None:
    with pytest.raises(BadCredentialsError):
        await registered.sign_in("bob", "correct horse", CLIENT)

    assert registered.passwords.verifications == 1


async def test_after_the_free_failures_each_attempt_from_the_client_waits_twice_as_long(
    registered: Identity,
) -> None:
    await fail(registered, MAX_FAILURES)

    with pytest.raises(RateLimitedError) as limited:
        await registered.sign_in("Alice", "correct horse", CLIENT)
    assert limited.value.retry_after_seconds == 1
    registered.clock.advance(timedelta(seconds=1))
    await fail(registered, 1)
    with pytest.raises(RateLimitedError) as limited:
        await registered.sign_in("alice", "correct horse", CLIENT)

    assert limited.value.retry_after_seconds == 2
    assert registered.passwords.verifications == MAX_FAILURES + 1
    registered.clock.advance(timedelta(seconds=2))
    assert (await registered.sign_in("alice", "correct horse", CLIENT)).tokens.user.username == "alice"


async def test_failures_from_one_client_never_delay_the_owner_elsewhere(registered: Identity) -> None:
    await fail(registered, MAX_FAILURES)

    assert (await registered.sign_in("alice", "correct horse", ELSEWHERE)).tokens.user.username == "alice"


async def test_failures_for_an_unknown_user_count_too(registered: Identity) -> None:
    await fail(registered, MAX_FAILURES, username="mallory")

    with pytest.raises(RateLimitedError):
        await registered.sign_in("mallory", "guess", CLIENT)


async def test_a_success_forgets_earlier_failures(registered: Identity) -> None:
    await fail(registered, MAX_FAILURES - 1)
    await registered.sign_in("alice", "correct horse", CLIENT)

    await fail(registered, MAX_FAILURES - 1)

    assert (await registered.sign_in("alice", "correct horse", CLIENT)).tokens.user.username == "alice"


async def test_one_password_tried_on_many_accounts_from_one_client_is_refused_for_the_window(
    registered: Identity,
) -> None:
    for number in range(CLIENT_MAX_FAILURES):
        await fail(registered, 1, username=f"user{number}")

    with pytest.raises(RateLimitedError) as limited:
        await registered.sign_in("another", "wrong horse", CLIENT)

    assert limited.value.retry_after_seconds == FAILURE_WINDOW.total_seconds()
    assert registered.passwords.verifications == CLIENT_MAX_FAILURES
    assert (await registered.sign_in("alice", "correct horse", ELSEWHERE)).tokens.user.username == "alice"
    registered.clock.advance(FAILURE_WINDOW)
    await fail(registered, 1, username="another")


async def test_successful_sign_ins_do_not_use_up_the_clients_quota(registered: Identity) -> None:
    for _ in range(CLIENT_MAX_FAILURES):
        await registered.sign_in("alice", "correct horse", CLIENT)
    for number in range(CLIENT_MAX_FAILURES - 1):
        await fail(registered, 1, username=f"user{number}")

    await fail(registered, 1, username="carol")


async def test_attempts_the_server_was_too_busy_to_check_count_nothing(registered: Identity) -> None:
    registered.passwords.capacity = 0
    for _ in range(CLIENT_MAX_FAILURES + 1):
        with pytest.raises(OverloadedError):
            await registered.sign_in("alice", "correct horse", CLIENT)

    registered.passwords.capacity = 1

    assert (await registered.sign_in("alice", "correct horse", CLIENT)).tokens.user.username == "alice"
