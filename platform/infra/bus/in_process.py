"""The in-process event bus: the monolith's transport.

`publish` hands the event to every subscribed consumer group in turn and returns only when
each has applied it. The outbox relay marks an event published only after `publish`
returns, so if the process dies midway the event is still in the outbox and is delivered
again on restart; consumers' inboxes absorb the repeat. This gives the monolith the same
at-least-once guarantee as Kafka without a durable log of its own.

A failing handler does not keep the event from the other groups; `publish` then raises, so
the relay retries the event later and the groups that already applied it skip it through
their inbox.
"""

import logging
from collections.abc import Collection
from dataclasses import dataclass

from infra.bus.event_bus import EventHandler
from kernel.integration_event import IntegrationEvent

log = logging.getLogger(__name__)


class DeliveryFailedError(Exception):
    def __init__(self, event: IntegrationEvent, groups: list[str]) -> None:
        super().__init__(f"event {event.id} ({event.type}) failed in consumer groups {groups}")


@dataclass(frozen=True)
class _Subscription:
    group: str
    event_types: frozenset[str]
    handler: EventHandler


class InProcessEventBus:
    def __init__(self) -> None:
        self._subscriptions: list[_Subscription] = []

    def subscribe(self, group: str, event_types: Collection[str], handler: EventHandler) -> None:
        self._subscriptions.append(_Subscription(group, frozenset(event_types), handler))

    async def publish(self, event: IntegrationEvent) -> None:
        failed: list[str] = []
        for subscription in self._subscriptions:
            if event.type not in subscription.event_types:
                continue
            try:
                await subscription.handler(event)
            except Exception:
                log.exception("consumer group %s failed on event %s", subscription.group, event.id)
                failed.append(subscription.group)
        if failed:
            raise DeliveryFailedError(event, failed)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def is_ready(self) -> bool:
        return True
