"""Idempotent consumption: apply each integration event once per consumer, whatever the bus redelivers.

A batch is applied in one transaction: the inbox entries of its events and their effects are
written together, so an event is either applied and remembered, or neither, and a crash in
between leads to a clean retry. One transaction per batch rather than per event is what lets a
consumer keep pace with a busy publisher.
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from infra.observability.correlation import correlation_scope
from kernel.integration_event import EventBatchHandler, IntegrationEvent
from kernel.unit_of_work import UnitOfWork

U = TypeVar("U", bound=UnitOfWork)


def idempotent(
    consumer: str,
    unit_of_work: Callable[[], U],
    apply: Callable[[IntegrationEvent, U], Awaitable[None]],
) -> EventBatchHandler:
    """Wrap `apply`, which changes state through the unit of work it is handed."""

    async def each(events: Sequence[IntegrationEvent], uow: U) -> None:
        for event in events:
            with correlation_scope(event.correlation_id):
                await apply(event, uow)

    return idempotent_batches(consumer, unit_of_work, each)


def idempotent_batches(
    consumer: str,
    unit_of_work: Callable[[], U],
    apply: Callable[[Sequence[IntegrationEvent], U], Awaitable[None]],
) -> EventBatchHandler:
    """Wrap `apply`, which is handed a batch's events not applied before, in order, at once, for a
    consumer that reads what the whole batch needs in one query. It changes state through the unit
    of work it is handed, and enters each event's `correlation_scope` itself."""

    async def handle(events: Sequence[IntegrationEvent]) -> None:
        async with unit_of_work() as uow:
            fresh = set(await uow.remember([event.id for event in events], consumer))
            new = []
            for event in events:
                if event.id in fresh:
                    fresh.discard(event.id)  # a batch may hold an event twice; it is applied once
                    new.append(event)
            await apply(new, uow)
            await uow.commit()

    return handle
