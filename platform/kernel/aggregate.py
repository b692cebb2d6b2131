"""Base class for aggregate roots: the consistency boundary that collects its domain events."""

from uuid import UUID

from kernel.domain_event import DomainEvent


class AggregateRoot:
    def __init__(self, id: UUID) -> None:
        self.id = id
        self._events: list[DomainEvent] = []

    def record(self, event: DomainEvent) -> None:
        self._events.append(event)

    def pull_events(self) -> list[DomainEvent]:
        """Hand over the events raised since the last pull, so each is handled once."""
        events, self._events = self._events, []
        return events

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, AggregateRoot) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)
