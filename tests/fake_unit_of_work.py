"""What every context's fake unit of work does besides handing out its repositories.

Like `infra.db.unit_of_work.SqlAlchemyUnitOfWork`, it keeps a transaction's writes, published
events (stamped with the correlation id) and inbox entries until commit, and forgets them when the
transaction ends without one; each context's fake extends it with its repositories, which queue
their writes here. tests/infra/test_unit_of_work.py holds both to the same contract.
"""

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Generic, Protocol, Self, TypeVar
from uuid import UUID

from infra.observability.correlation import correlated
from kernel.integration_event import IntegrationEvent

Write = Callable[[], None]
"""A change a fake repository stores in the fake database at commit."""


class FakeOutboxAndInbox(Protocol):
    outbox: list[IntegrationEvent]
    inbox: set[tuple[UUID, str]]


D = TypeVar("D", bound=FakeOutboxAndInbox)


class FakeUnitOfWork(Generic[D]):
    def __init__(self, database: D) -> None:
        self._database = database
        self._writes: list[Write] = []
        self._events: list[IntegrationEvent] = []
        self._remembered: set[tuple[UUID, str]] = set()

    async def __aenter__(self) -> Self:
        self._writes, self._events, self._remembered = [], [], set()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._writes.clear()
        self._events.clear()

    def publish(self, event: IntegrationEvent) -> None:
        self._events.append(correlated(event))

    async def remember(self, event_ids: Sequence[UUID], consumer: str) -> frozenset[UUID]:
        fresh = set()
        for event_id in event_ids:
            entry = (event_id, consumer)
            if entry not in self._database.inbox and entry not in self._remembered:
                self._remembered.add(entry)
                fresh.add(event_id)
        return frozenset(fresh)

    async def commit(self) -> None:
        for write in self._writes:
            write()
        self._database.outbox.extend(self._events)
        self._database.inbox.update(self._remembered)
        self._writes.clear()
        self._events.clear()
        self._remembered.clear()
