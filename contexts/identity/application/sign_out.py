from collections.abc import Callable
from uuid import UUID

from contexts.identity.application.integration_events import publish_events
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.clock import Clock
from kernel.concurrency import retry_on_concurrent_change


class SignOut:
    """End the session an access token belongs to: its refresh tokens stop working, and other
    contexts are told (realtime closes its sockets)."""

    def __init__(self, unit_of_work: Callable[[], IdentityUnitOfWork], clock: Clock) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock

    async def __call__(self, *, user_id: UUID, session_id: UUID) -> None:
        await retry_on_concurrent_change(lambda: self._revoke(user_id, session_id), attempts=2)

    async def _revoke(self, user_id: UUID, session_id: UUID) -> None:
        async with self._unit_of_work() as uow:
            session = await uow.sessions.get(session_id)
            if session is None or session.user_id != user_id or session.revoked_at is not None:
                return
            session.revoke(self._clock.now())
            await uow.sessions.save(session)
            publish_events(uow, session)
            await uow.commit()
