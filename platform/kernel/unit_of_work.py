"""The unit-of-work port every context's own unit of work extends.

A unit of work is one database transaction. Integration events added with `publish` are
written to the context's outbox in that same transaction (transactional outbox), and
`remember` records consumed event ids in the inbox in that same transaction too, so a
state change, the events it causes and the fact that an event was applied commit together
or not at all.

Whoever opens a unit of work (`async with unit_of_work() as uow`) commits it; whoever is handed
one (a parameter named `uow`: an event handler, a step of a use case) only changes state through
it, so that its changes commit with the rest of the transaction or not at all
(tests/architecture/test_handed_units_of_work.py holds every function to that).
"""

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self
from uuid import UUID

from kernel.integration_event import IntegrationEvent


class UnitOfWork(Protocol):
    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed."""
        ...

    def publish(self, event: IntegrationEvent) -> None:
        """Queue an integration event to be written to the outbox at commit."""
        ...

    async def remember(self, event_ids: Sequence[UUID], consumer: str) -> frozenset[UUID]:
        """Record that `consumer` applies the events `event_ids`; answers those it had not applied
        before, leaving out redeliveries."""
        ...

    async def commit(self) -> None: ...
