from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from contexts.identity.application.device_lane import DeviceLane
from contexts.identity.application.session_tokens import SessionTokens, session_tokens
from contexts.identity.domain.errors import BadCredentialsError
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from contexts.identity.domain.user import User
from contexts.identity.domain.username import Username
from contexts.identity.ports.access_token_issuer import AccessTokenIssuer
from contexts.identity.ports.client_quota import ClientQuota
from contexts.identity.ports.password_hasher import PasswordHasher
from contexts.identity.ports.sign_in_throttle import SignInThrottle
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.errors import OverloadedError, RateLimitedError


@dataclass(frozen=True)
class SignedIn:
    tokens: SessionTokens
    device_token: str
    """Recognises this client at its next sign-in to the account (ADR 24)."""


class SignIn:
    def __init__(
        self,
        unit_of_work: Callable[[], IdentityUnitOfWork],
        passwords: PasswordHasher,
        access_tokens: AccessTokenIssuer,
        throttle: SignInThrottle,
        client_failures: ClientQuota,
        devices: DeviceLane,
        clock: Clock,
        session_lifetime: timedelta,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._passwords = passwords
        self._access_tokens = access_tokens
        self._throttle = throttle
        self._client_failures = client_failures
        self._devices = devices
        self._clock = clock
        self._session_lifetime = session_lifetime

    async def __call__(
        self, username: str, password: str, client: str, device_token: str | None = None
    ) -> SignedIn:
        """Sign in from `client`, the address the request came from, presenting the device token
        this client was given at its last sign-in to the account, if any.

        A device token for the account that its lane admits has the password checked there, and
        the limits of unknown clients do not apply to it. Any other sign-in is an unknown client's,
        and so is one whose lane is full: the lane adds to the hashing of unknown clients, and
        never leaves a sign-in less room than it had without a token.
        """
        name = Username.typed_at_sign_in(username)
        if name is None:
            raise BadCredentialsError()
        device = await self._admitted_device(name, device_token)
        user = None if device is None else await self._check_device(name, password, device)
        if user is None:
            user = await self._check_unknown_client(name, password, client)

        now = self._clock.now()
        refresh_token = RefreshToken.issue()
        session = Session.start(user.id, refresh_token.digest, now, self._session_lifetime)
        async with self._unit_of_work() as uow:
            await uow.sessions.add(session)
            await uow.commit()
        return SignedIn(
            session_tokens(self._access_tokens, session, refresh_token, user, now),
            self._devices.tokens.issue(name.value, now),
        )

    async def _admitted_device(self, name: Username, device_token: str | None) -> str | None:
        """The id of the device token, counted as an attempt, if it is one for this account and
        neither its failures nor the account's sign-ins with device tokens are used up."""
        if device_token is None:
            return None
        device = self._devices.tokens.recognise(device_token, name.value, self._clock.now())
        if device is None:
            return None
        try:
            await self._devices.sign_ins.take(name.value)
        except RateLimitedError:
            return None
        try:
            await self._devices.failures.admit(name.value, device)
        except RateLimitedError:
            await self._devices.sign_ins.give_back(name.value)
            return None
        return device

    async def _check_device(self, name: Username, password: str, device: str) -> User | None:
        """The user, if the password matches; None, counting nothing, if the lane is full."""
        user = await self._user(name)
        try:
            matches = await self._devices.passwords.verify(password, user.password_hash if user else None)
        except OverloadedError:
            await self._devices.failures.undecided(name.value, device)
            await self._devices.sign_ins.give_back(name.value)
            return None
        if user is None or not matches:
            raise BadCredentialsError()
        await self._devices.failures.succeeded(name.value, device)
        return user

    async def _check_unknown_client(self, name: Username, password: str, client: str) -> User:
        # Counted before the password is hashed, so that attempts sent at once are counted at once.
        await self._client_failures.take(client)
        try:
            await self._throttle.admit(name.value, client)
        except RateLimitedError:
            await self._client_failures.give_back(client)
            raise
        user = await self._user(name)
        try:
            matches = await self._passwords.verify(password, user.password_hash if user else None)
        except OverloadedError:
            await self._throttle.undecided(name.value, client)
            await self._client_failures.give_back(client)
            raise
        if user is None or not matches:
            raise BadCredentialsError()
        await self._throttle.succeeded(name.value, client)
        await self._client_failures.give_back(client)
        return user

    async def _user(self, name: Username) -> User | None:
        # Read in a transaction of its own: hashing is slow and needs no database connection.
        async with self._unit_of_work() as uow:
            return await uow.users.get_by_username(name)
