"""The correlation id of the request or event being handled, carried across awaits.

Set at every entry point (HTTP middleware, event consumer) and read by the JSON log formatter
and by units of work, which stamp it on the integration events they publish; so one id
follows a user's action through every context it touches.
"""

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kernel.ids import new_id
from kernel.integration_event import IntegrationEvent

_current: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def current_correlation_id() -> str | None:
    return _current.get()


def correlated(event: IntegrationEvent) -> IntegrationEvent:
    """`event` as a unit of work publishes it: with the current correlation id, unless it has one."""
    if event.correlation_id is not None:
        return event
    return dataclasses.replace(event, correlation_id=current_correlation_id())


@contextmanager
def correlation_scope(correlation_id: str | None) -> Iterator[str]:
    """Run a block under `correlation_id`, or under a fresh one when none was given."""
    value = correlation_id or str(new_id())
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)
