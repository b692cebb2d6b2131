"""Notifications' events, translated into `notification.created` frames for their recipient alone.

The event carries the Notification as `GET /api/v1/notifications` lists it, so it goes out as it is.
"""

from collections.abc import Callable, Mapping
from uuid import UUID

from contexts.notifications.contracts import events as notifications
from contexts.realtime.application.delivery import Change, Told
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.integration_event import IntegrationEvent


def _notification_created(event: IntegrationEvent) -> Change:
    created = notifications.NotificationCreated.from_event(event)
    return Told(Frame(FrameType.NOTIFICATION_CREATED, created.notification), {UUID(created.recipient_id)})


NOTIFICATIONS_CHANGES: Mapping[str, Callable[[IntegrationEvent], Change]] = {
    notifications.NotificationCreated.TYPE: _notification_created
}
"""What each of notifications' event types means to realtime."""
