from dataclasses import dataclass
from datetime import timedelta

import pytest

from contexts.identity.adapters.outbound.hmac_device_tokens import HmacDeviceTokens
from contexts.identity.adapters.outbound.in_memory_client_quota import InMemoryClientQuota
from contexts.identity.adapters.outbound.in_memory_sign_in_throttle import InMemorySignInThrottle
from contexts.identity.application.change_display_name import ChangeDisplayName
from contexts.identity.application.device_lane import DeviceLane
from contexts.identity.application.get_user import GetUser
from contexts.identity.application.refresh_session import RefreshSession
from contexts.identity.application.register_user import RegisterUser
from contexts.identity.application.search_users import SearchUsers
from contexts.identity.application.session_tokens import SessionTokens
from contexts.identity.application.sign_in import SignIn
from contexts.identity.application.sign_out import SignOut
from contexts.identity.domain.sign_in_delays import SignInDelays
from contexts.identity.ports.password_hasher import PasswordHasher
from kernel.clock import Clock
from tests.clock import SteppedClock
from tests.identity.application.fakes import (
    FakeAccessTokenIssuer,
    FakeDatabase,
    FakeIdentityUnitOfWork,
    FakePasswordHasher,
)

SESSION_LIFETIME = timedelta(days=30)
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
CLIENT_MAX_FAILURES = 12
SIGN_UP_MAX = 50
CLIENT = "192.0.2.1"
"""Where the tests sign in from, unless they say otherwise."""
REFRESH_GRACE = timedelta(seconds=30)
DEVICE_TOKEN_LIFETIME = timedelta(days=365)
DEVICE_MAX_FAILURES = 3
DEVICE_SIGN_IN_MAX = 8
DEVICE_SIGN_IN_WINDOW = timedelta(hours=1)


def device_lane(clock: Clock, passwords: PasswordHasher) -> DeviceLane:
    """The lane of sign-ins with device tokens, hashing with `passwords`."""
    return DeviceLane(
        tokens=HmacDeviceTokens(b"a secret of the server", DEVICE_TOKEN_LIFETIME),
        passwords=passwords,
        failures=InMemorySignInThrottle(clock, SignInDelays(DEVICE_MAX_FAILURES, DEVICE_TOKEN_LIFETIME)),
        sign_ins=InMemoryClientQuota(clock, DEVICE_SIGN_IN_MAX, DEVICE_SIGN_IN_WINDOW, "too many"),
    )


@dataclass
class Identity:
    """The identity context's use cases, wired to fakes the test can inspect."""

    database: FakeDatabase
    clock: SteppedClock
    passwords: FakePasswordHasher
    """Of unknown clients."""
    device_passwords: FakePasswordHasher
    """Of the sign-ins with device tokens."""
    register_user: RegisterUser
    sign_in: SignIn
    refresh_session: RefreshSession
    sign_out: SignOut
    change_display_name: ChangeDisplayName
    get_user: GetUser
    search_users: SearchUsers


@pytest.fixture
def identity() -> Identity:
    database, clock = FakeDatabase(), SteppedClock()
    passwords, device_passwords = FakePasswordHasher(), FakePasswordHasher()
    access_tokens = FakeAccessTokenIssuer()
    throttle = InMemorySignInThrottle(clock, SignInDelays(MAX_FAILURES, FAILURE_WINDOW))
    client_failures = InMemoryClientQuota(clock, CLIENT_MAX_FAILURES, FAILURE_WINDOW, "too many")

    def unit_of_work() -> FakeIdentityUnitOfWork:
        return FakeIdentityUnitOfWork(database)

    return Identity(
        database=database,
        clock=clock,
        passwords=passwords,
        device_passwords=device_passwords,
        register_user=RegisterUser(
            unit_of_work,
            passwords,
            InMemoryClientQuota(clock, SIGN_UP_MAX, FAILURE_WINDOW, "too many"),
            clock,
        ),
        sign_in=SignIn(
            unit_of_work,
            passwords,
            access_tokens,
            throttle,
            client_failures,
            device_lane(clock, device_passwords),
            clock,
            SESSION_LIFETIME,
        ),
        refresh_session=RefreshSession(unit_of_work, access_tokens, clock, REFRESH_GRACE),
        sign_out=SignOut(unit_of_work, clock),
        change_display_name=ChangeDisplayName(unit_of_work, clock),
        get_user=GetUser(unit_of_work),
        search_users=SearchUsers(unit_of_work),
    )


@pytest.fixture
async def signed_in(identity: Identity) -> tuple[Identity, SessionTokens]:
    await identity.register_user("alice", "correct horse", "Alice", CLIENT)
    return identity, (await identity.sign_in("alice", "correct horse", CLIENT)).tokens
