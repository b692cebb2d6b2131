"""Two refreshes racing with one token, on real databases: exactly one wins, and the loser,
having presented a token the winner rotated away, revokes the session."""

import asyncio
from datetime import timedelta

from argon2.profiles import CHEAPEST

from contexts.identity.adapters.outbound.argon2_password_hasher import Argon2PasswordHasher
from contexts.identity.adapters.outbound.in_memory_login_throttle import InMemoryLoginThrottle
from contexts.identity.application.log_in import LogIn
from contexts.identity.application.refresh_session import RefreshSession
from contexts.identity.application.register_user import RegisterUser
from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from tests.clock import SteppedClock
from tests.identity.adapters.conftest import UnitOfWorkFactory
from tests.identity.application.fakes import FakeAccessTokenIssuer


async def test_of_two_racing_refreshes_one_wins_and_the_session_is_revoked(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    clock, passwords, access_tokens = SteppedClock(), Argon2PasswordHasher(CHEAPEST), FakeAccessTokenIssuer()
    throttle = InMemoryLoginThrottle(clock, 5, 900)
    await RegisterUser(unit_of_work, passwords, clock)("alice", "correct horse", "Alice")
    log_in = LogIn(unit_of_work, passwords, access_tokens, throttle, clock, timedelta(days=1))
    refresh = RefreshSession(unit_of_work, access_tokens, clock)
    tokens = await log_in("alice", "correct horse")

    outcomes = await asyncio.gather(
        *(refresh(tokens.refresh_token) for _ in range(2)), return_exceptions=True
    )

    [winner] = [outcome for outcome in outcomes if isinstance(outcome, SessionTokens)]
    assert [type(outcome) for outcome in outcomes if outcome is not winner] == [RefreshTokenReusedError]
    try:
        await refresh(winner.refresh_token)
    except RefreshTokenRefusedError:
        return
    raise AssertionError("the winner's token still works after the loser revoked the session")
