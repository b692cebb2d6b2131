from datetime import timedelta

import pytest

from contexts.identity.domain.errors import BadCredentialsError
from kernel.errors import RateLimitedError
from tests.identity.application.conftest import FAILURE_WINDOW, MAX_FAILURES, SESSION_LIFETIME, Identity


@pytest.fixture
async def registered(identity: Identity) -> Identity:
    await identity.register_user("alice", "correct horse", "Alice")
    return identity


async def test_signing_in_starts_a_session_and_hands_out_its_tokens(registered: Identity) -> None:
    tokens = await registered.log_in("alice", "correct horse")

    [(_, session)] = registered.database.sessions.values()
    assert tokens.user.username == "alice"
    assert tokens.access_token.startswith(f"access:{tokens.user.id}:{session.id}:")
    assert tokens.expires_in_seconds == 900
    assert session.user_id == tokens.user.id
    assert session.expires_at == registered.clock.now() + SESSION_LIFETIME


async def test_only_the_digest_of_the_refresh_token_is_stored(registered: Identity) -> None:
    tokens = await registered.log_in("alice", "correct horse")

    [(_, session)] = registered.database.sessions.values()
    assert tokens.refresh_token not in session.tokens
    assert len(session.current_token) == 64


async def test_the_username_may_be_typed_in_any_case(registered: Identity) -> None:
    tokens = await registered.log_in("ALICE", "correct horse")

    assert tokens.user.username == "alice"


@pytest.mark.parametrize(
    ("username", "password"),
    [("alice", "wrong horse"), ("bob", "correct horse"), ("a", "correct horse"), ("al\x00ce", "x")],
)
async def test_unknown_users_and_wrong_passwords_get_the_same_refusal(
    registered: Identity, username: str, password: str
) -> None:
    with pytest.raises(BadCredentialsError) as refused:
        await registered.log_in(username, password)

    assert refused.value.detail == "unknown username or wrong password"
    assert registered.database.sessions == {}


async def test_an_unknown_user_costs_a_password_verification_like_a_known_one(registered: Identity) -> None:
    with pytest.raises(BadCredentialsError):
        await registered.log_in("bob", "correct horse")

    assert registered.passwords.verifications == 1


async def test_repeated_failures_lock_the_username_for_the_rest_of_the_window(registered: Identity) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(BadCredentialsError):
            await registered.log_in("alice", "wrong horse")

    with pytest.raises(RateLimitedError) as limited:
        await registered.log_in("Alice", "correct horse")

    assert limited.value.retry_after_seconds == FAILURE_WINDOW.total_seconds()
    registered.clock.advance(FAILURE_WINDOW)
    assert (await registered.log_in("alice", "correct horse")).user.username == "alice"


async def test_failures_for_an_unknown_user_count_too(registered: Identity) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(BadCredentialsError):
            await registered.log_in("mallory", "guess")

    with pytest.raises(RateLimitedError):
        await registered.log_in("mallory", "guess")


async def test_a_success_forgets_earlier_failures(registered: Identity) -> None:
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(BadCredentialsError):
            await registered.log_in("alice", "wrong horse")
    await registered.log_in("alice", "correct horse")
    registered.clock.advance(timedelta(seconds=1))

    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(BadCredentialsError):
            await registered.log_in("alice", "wrong horse")

    assert (await registered.log_in("alice", "correct horse")).user.username == "alice"
