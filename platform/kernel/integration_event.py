"""The envelope of every event that crosses a context boundary.

Attribute names follow CloudEvents 1.0 (`id`, `source`, `type`, `subject`, `time`, `data`);
`correlation_id` and `data_version` are extensions (`correlationid` and `dataversion` on the
wire). `source` is the publishing context, which is also the transport topic; `subject` is the
aggregate id, which is the ordering key.
See docs/adr/0005-outbox-inbox-and-event-envelope.md.
"""

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import ModuleType
from typing import Any, ClassVar, Self, TypeVar
from uuid import UUID

from kernel.ids import new_id

JsonObject = dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class IntegrationEvent:
    type: str
    source: str
    subject: str
    time: datetime
    data: JsonObject
    data_version: int = 1
    """The version of `data`'s schema (its payload's `DATA_VERSION`), by which a consumer reads an
    older one; not an aggregate's version."""
    correlation_id: str | None = None
    id: UUID = field(default_factory=new_id)


EventBatchHandler = Callable[[Sequence[IntegrationEvent]], Awaitable[None]]
"""Applies integration events in the order given; what a consumer group runs on each batch it is
handed. Safe to repeat: delivery is at least once, so a batch may come again, whole or in part."""


@dataclass(frozen=True, kw_only=True)
class EventPayload:
    """Base of the typed payloads a context publishes in its `contracts` package.

    Fields hold JSON-ready values (str, int, bool, lists, dicts), so a payload goes into
    and comes out of an envelope without custom serialisation.
    """

    TYPE: ClassVar[str]
    DATA_VERSION: ClassVar[int] = 1

    @classmethod
    def source(cls) -> str:
        return cls.TYPE.split(".", 1)[0]

    def to_event(self, *, subject: str, time: datetime) -> IntegrationEvent:
        """Wrap the payload; the unit of work stamps the correlation id when it publishes.

        The fields are shared with the event, not copied (`dataclasses.asdict` would copy every
        value deeply): neither is changed once made.
        """
        return IntegrationEvent(
            type=self.TYPE,
            source=self.source(),
            subject=subject,
            time=time,
            data={field.name: getattr(self, field.name) for field in dataclasses.fields(self)},
            data_version=self.DATA_VERSION,
        )

    @classmethod
    def from_event(cls, event: IntegrationEvent) -> Self:
        """Read a payload, ignoring fields added by newer publishers (tolerant reader)."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in event.data.items() if k in names})


def payloads_in(contracts: ModuleType) -> tuple[type[EventPayload], ...]:
    """The payloads a context's contracts module declares, in the order it declares them: each
    class of its own with a `TYPE`, not the bases they share."""
    return tuple(
        value
        for value in vars(contracts).values()
        if isinstance(value, type)
        and issubclass(value, EventPayload)
        and value.__module__ == contracts.__name__
        and hasattr(value, "TYPE")
    )


P = TypeVar("P", bound=EventPayload)


def by_type(*payloads: type[P]) -> dict[str, type[P]]:
    """Each of `payloads` under its event type, to read an event with the payload its `type` names."""
    return {payload.TYPE: payload for payload in payloads}
