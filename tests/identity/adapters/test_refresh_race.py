"""Two refreshes racing with one token, on real databases: one exchanges it, the other is
answered the same successor within the grace period, and the session lives on."""

import asyncio
from datetime import timedelta

from argon2.profiles import CHEAPEST

from contexts.identity.adapters.outbound.argon2_password_hasher import Argon2PasswordHasher
from contexts.identity.adapters.outbound.hashing_threads import HashingThreads
from contexts.identity.adapters.outbound.in_memory_client_quota import InMemoryClientQuota
from contexts.identity.adapters.outbound.in_memory_sign_in_throttle import InMemorySignInThrottle
from contexts.identity.application.refresh_session import RefreshSession
from contexts.identity.application.register_user import RegisterUser
from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.application.sign_in import SignIn
from contexts.identity.domain.sign_in_delays import SignInDelays
from tests.clock import SteppedClock
from tests.identity.adapters.conftest import UnitOfWorkFactory
from tests.identity.application.conftest import CLIENT, device_lane
from tests.identity.application.fakes import FakeAccessTokenIssuer


async def test_two_racing_refreshes_get_the_same_successor_and_the_session_lives_on(
    unit_of_work: UnitOfWorkFactory,
) -> None:
    clock, passwords, access_tokens = (
        SteppedClock(),
        Argon2PasswordHasher(HashingThreads(1, 1), CHEAPEST),
        FakeAccessTokenIssuer(),
    )
    throttle = InMemorySignInThrottle(clock, SignInDelays(5, timedelta(minutes=15)))
    client_failures = InMemoryClientQuota(clock, 50, timedelta(minutes=15), "too many")
    await RegisterUser(unit_of_work, passwords, client_failures, clock)(
        "alice", "correct horse", "Alice", CLIENT
    )
    sign_in = SignIn(
        unit_of_work,
        passwords,
        access_tokens,
        throttle,
        client_failures,
        device_lane(clock, passwords),
        clock,
        timedelta(days=1),
    )
    refresh = RefreshSession(unit_of_work, access_tokens, clock, timedelta(seconds=30))
    tokens = (await sign_in("alice", "correct horse", CLIENT)).tokens

    outcomes = await asyncio.gather(*(refresh(tokens.refresh_token) for _ in range(2)))

    assert outcomes[0].refresh_token == outcomes[1].refresh_token
    assert isinstance(await refresh(outcomes[0].refresh_token), SessionTokens)
