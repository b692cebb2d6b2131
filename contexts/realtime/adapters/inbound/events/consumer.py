"""Realtime's consumer: every event it takes, translated and delivered a batch at a time, in order.

One consumer for all four publishers, because the order between their events matters to a
socket: a conversation's `conversation.created` must come before its first `message.created`.
"""

from collections.abc import Sequence

from contexts.realtime.adapters.inbound.events.from_groups import GROUPS_CHANGES
from contexts.realtime.adapters.inbound.events.from_identity import IDENTITY_CHANGES
from contexts.realtime.adapters.inbound.events.from_messaging import MESSAGING_CHANGES
from contexts.realtime.adapters.inbound.events.from_notifications import NOTIFICATIONS_CHANGES
from contexts.realtime.application.delivery import Delivery
from kernel.integration_event import IntegrationEvent

CHANGES = {**MESSAGING_CHANGES, **GROUPS_CHANGES, **NOTIFICATIONS_CHANGES, **IDENTITY_CHANGES}

EVENT_TYPES = frozenset(CHANGES)


class EventDelivery:
    """Hands each batch of events to `Delivery` as the changes they tell of."""

    def __init__(self, delivery: Delivery) -> None:
        self._delivery = delivery

    async def __call__(self, events: Sequence[IntegrationEvent]) -> None:
        await self._delivery([CHANGES[event.type](event) for event in events])
