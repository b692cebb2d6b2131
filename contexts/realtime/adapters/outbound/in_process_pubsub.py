"""Fan-out inside one process: the monolith's whole PubSub, and the last hop of the Redis one."""

import logging
from collections.abc import Iterable
from uuid import UUID

from contexts.realtime.domain.frame import Frame
from contexts.realtime.ports.pubsub import Listener, Unsubscribe

log = logging.getLogger(__name__)


class InProcessPubSub:
    """Every socket of the monolith lives in this process, so a dictionary of listeners is the channel."""

    def __init__(self) -> None:
        self._listeners: dict[UUID, list[Listener]] = {}

    async def publish(self, recipients: Iterable[UUID], frame: Frame) -> None:
        for user_id in dict.fromkeys(recipients):
            deliver(frame, self._listeners.get(user_id, ()))

    async def subscribe(self, user_id: UUID, listener: Listener) -> Unsubscribe:
        listeners = self._listeners.setdefault(user_id, [])
        listeners.append(listener)

        async def unsubscribe() -> None:
            listeners.remove(listener)
            if not listeners:
                del self._listeners[user_id]

        return unsubscribe


def deliver(frame: Frame, listeners: Iterable[Listener]) -> None:
    """Hand the frame to each listener; one that fails is logged and the others still get it.

    A failure must not travel back to the publisher either: its event would be redelivered and
    every other socket would get the frame twice.
    """
    for listener in tuple(listeners):
        try:
            listener(frame)
        except Exception:
            log.exception("a listener failed on a %s frame", frame.type)
