from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol
from uuid import UUID

from contexts.realtime.domain.frame import Frame

Listener = Callable[[Frame], None]
"""Takes a frame without waiting: a socket queues it, so one slow client never holds up the rest."""

Unsubscribe = Callable[[], Awaitable[None]]


class PubSub(Protocol):
    """Carries frames to whichever instance holds a user's sockets, in the order they were published.

    Delivery is at most once: a frame published while an instance is cut off from the channel is
    lost to it. Clients make up for that with `resume`, so nothing sent is ever lost to them.
    """

    async def publish(self, recipients: Iterable[UUID], frame: Frame) -> None: ...

    async def subscribe(self, user_id: UUID, listener: Listener) -> Unsubscribe:
        """From when this returns, `listener` gets every frame published to `user_id`."""
        ...
