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
from infra.context_module import Consumer
from kernel.integration_event import IntegrationEvent

CHANGES = {**MESSAGING_CHANGES, **GROUPS_CHANGES, **NOTIFICATIONS_CHANGES, **IDENTITY_CHANGES}


def delivery_consumer(delivery: Delivery) -> Consumer:
    """No inbox: the log and the directory are replaced, not appended to, and a group's copy takes
    only its next change, so a redelivery changes nothing."""

    async def deliver(events: Sequence[IntegrationEvent]) -> None:
        await delivery([CHANGES[event.type](event) for event in events])

    return Consumer(frozenset(CHANGES), deliver, inbox=False)
