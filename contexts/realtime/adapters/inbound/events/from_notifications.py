"""Notifications' events, translated into `notification.created` frames for their recipient alone.

The event carries the Notification as `GET /api/v1/notifications` lists it, so it goes out as it is.
"""

from collections.abc import Sequence
from uuid import UUID

from contexts.notifications.contracts import events as notifications
from contexts.realtime.application.delivery import Delivery
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from infra.context_module import EventSubscription
from kernel.integration_event import IntegrationEvent


def notifications_subscriptions(delivery: Delivery) -> Sequence[EventSubscription]:
    async def notification_created(event: IntegrationEvent) -> None:
        created = notifications.NotificationCreated.from_event(event)
        frame = Frame(FrameType.NOTIFICATION_CREATED, created.notification)
        await delivery.push(frame, {UUID(created.recipient_id)})

    return [EventSubscription(notifications.NotificationCreated.TYPE, notification_created)]
