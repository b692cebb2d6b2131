"""Idempotent consumption: apply each integration event once per consumer, whatever the bus redelivers.

The inbox entry is written in the same transaction as the handler's effects, so an event is
either applied and remembered, or neither: a crash in between leads to a clean retry.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

from infra.bus.event_bus import EventHandler
from infra.observability.correlation import correlation_scope
from kernel.integration_event import IntegrationEvent
from kernel.unit_of_work import UnitOfWork

U = TypeVar("U", bound=UnitOfWork)


def idempotent(
    consumer: str,
    unit_of_work: Callable[[], U],
    apply: Callable[[IntegrationEvent, U], Awaitable[None]],
) -> EventHandler:
    """Wrap `apply`, which changes state through the given unit of work and does not commit."""

    async def handle(event: IntegrationEvent) -> None:
        with correlation_scope(event.correlation_id):
            async with unit_of_work() as uow:
                if not await uow.remember(event.id, consumer):
                    return
                await apply(event, uow)
                await uow.commit()

    return handle
