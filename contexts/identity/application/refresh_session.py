from collections.abc import Callable
from datetime import timedelta

from contexts.identity.application.integration_events import publish_events
from contexts.identity.application.session_tokens import SessionTokens, session_tokens
from contexts.identity.domain.errors import RefreshTokenRefusedError, RefreshTokenReusedError
from contexts.identity.domain.refresh_token import RefreshToken
from contexts.identity.ports.access_token_issuer import AccessTokenIssuer
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.concurrency import retry_on_concurrent_change


class RefreshSession:
    """Exchange a refresh token for a new access token and the refresh token that succeeds it."""

    def __init__(
        self,
        unit_of_work: Callable[[], IdentityUnitOfWork],
        access_tokens: AccessTokenIssuer,
        clock: Clock,
        grace_period: timedelta,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._access_tokens = access_tokens
        self._clock = clock
        self._grace_period = grace_period

    async def __call__(self, refresh_token: str) -> SessionTokens:
        presented = RefreshToken(refresh_token)
        # Of two refreshes racing with one token, the loser finds it exchanged by the winner and,
        # within the grace period, is answered the winner's successor too.
        return await retry_on_concurrent_change(lambda: self._refresh(presented), attempts=2)

    async def _refresh(self, presented: RefreshToken) -> SessionTokens:
        now = self._clock.now()
        async with self._unit_of_work() as uow:
            session = await uow.sessions.get_by_token(presented.digest)
            if session is None:
                raise RefreshTokenRefusedError()
            current_token = session.current_token
            try:
                successor = session.refresh(presented, now, self._grace_period)
            except RefreshTokenReusedError:
                await uow.sessions.save(session)
                publish_events(uow, session)
                await uow.commit()
                raise
            user = await uow.users.get(session.user_id)
            if user is None:
                raise RefreshTokenRefusedError()
            if session.current_token != current_token:  # not answered again within the grace period
                await uow.sessions.save(session)
                await uow.commit()
        return session_tokens(self._access_tokens, session, successor, user, now)
