from collections.abc import Callable
from datetime import timedelta

from contexts.identity.application.session_tokens import SessionTokens, session_tokens
from contexts.identity.domain.errors import BadCredentialsError
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.domain.session import Session
from contexts.identity.domain.username import Username
from contexts.identity.ports.access_token_issuer import AccessTokenIssuer
from contexts.identity.ports.client_quota import ClientQuota
from contexts.identity.ports.login_throttle import LoginThrottle
from contexts.identity.ports.password_hasher import PasswordHasher
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.errors import OverloadedError, RateLimitedError


class LogIn:
    def __init__(
        self,
        unit_of_work: Callable[[], IdentityUnitOfWork],
        passwords: PasswordHasher,
        access_tokens: AccessTokenIssuer,
        throttle: LoginThrottle,
        client_failures: ClientQuota,
        clock: Clock,
        session_lifetime: timedelta,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._passwords = passwords
        self._access_tokens = access_tokens
        self._throttle = throttle
        self._client_failures = client_failures
        self._clock = clock
        self._session_lifetime = session_lifetime

    async def __call__(self, username: str, password: str, client: str) -> SessionTokens:
        """Sign in from `client`, the address the request came from."""
        name = Username.typed_at_login(username)
        if name is None:
            raise BadCredentialsError()
        # Counted before the password is hashed, so that attempts sent at once are counted at once.
        await self._client_failures.take(client)
        try:
            await self._throttle.admit(name.value, client)
        except RateLimitedError:
            await self._client_failures.give_back(client)
            raise
        async with self._unit_of_work() as uow:
            user = await uow.users.get_by_username(name)
        # Verified between two transactions: hashing is slow and needs no database connection.
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

        now = self._clock.now()
        refresh_token = RefreshToken.issue()
        session = Session.start(user.id, refresh_token.digest, now, self._session_lifetime)
        async with self._unit_of_work() as uow:
            await uow.sessions.add(session)
            await uow.commit()
        return session_tokens(self._access_tokens, session, refresh_token, user, now)
