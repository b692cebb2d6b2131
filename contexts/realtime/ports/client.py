from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from contexts.realtime.domain.frame import Frame


class Client(Protocol):
    """The sending side of one socket, as `Socket` sees it.

    Each method returns once the frame is on its way, and waits while the client reads more
    slowly than the server writes: that wait is what fills a slow client's send queue.
    """

    async def ready(self, user_id: UUID) -> None: ...

    async def push(self, frame: Frame) -> None: ...

    async def pong(self) -> None: ...

    async def resumed(self, too_old: Sequence[UUID]) -> None:
        """The replay is done; `too_old` names the conversations too far behind to replay."""
        ...

    async def reauthenticated(self) -> None: ...
