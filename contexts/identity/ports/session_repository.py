from typing import Protocol
from uuid import UUID

from contexts.identity.domain.refresh_token import TokenDigest
from contexts.identity.domain.session import Session
from kernel.concurrency import ConcurrentChangeError


class SessionChangedError(ConcurrentChangeError):
    """The session was changed by another transaction after this one read it; nothing was stored.

    This is how two requests racing with the same refresh token are kept from both succeeding.
    Refreshing and logging out then decide once more on the session as the winner left it: of
    two refreshes with one token, the loser finds it rotated away and is treated as a reuse.
    """

    def __init__(self) -> None:
        super().__init__("the session was changed by another request; try again")


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...

    async def save(self, session: Session) -> None:
        """Store the changes made to a session read from this repository.

        Raises SessionChangedError if another transaction stored a change to it since it was read.
        """
        ...

    async def get(self, session_id: UUID) -> Session | None: ...

    async def get_by_token(self, token: TokenDigest) -> Session | None:
        """The session whose family holds `token`, as its current token or one rotated away."""
        ...
