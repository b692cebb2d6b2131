from dataclasses import dataclass
from uuid import UUID

import pytest

from contexts.notifications.adapters.inbound.events.from_groups import GroupEvents
from contexts.notifications.adapters.inbound.events.from_identity import user_events
from contexts.notifications.adapters.inbound.events.from_messaging import MessagingEvents
from contexts.notifications.adapters.outbound.in_app_channel import InAppChannel
from contexts.notifications.application.handle_members_added import HandleMembersAdded
from contexts.notifications.application.handle_message_edited import HandleMessageEdited
from contexts.notifications.application.handle_message_sent import HandleMessageSent
from contexts.notifications.application.list_notifications import ListNotifications
from contexts.notifications.application.mark_all_read import MarkAllRead
from contexts.notifications.application.mark_read import MarkRead
from contexts.notifications.application.set_preference import SetPreference
from contexts.notifications.domain.notification import Notification
from infra.outbox.inbox import idempotent, idempotent_batches
from kernel.ids import new_id
from kernel.integration_event import EventBatchHandler, IntegrationEvent
from tests.clock import SteppedClock
from tests.notifications.application.fakes import FakeDatabase, FakeNotificationsUnitOfWork
from tests.notifications.stories import ConversationStory, registered


@dataclass
class Notifications:
    """The notifications context's use cases and event consumers, wired to fakes the test can inspect."""

    database: FakeDatabase
    clock: SteppedClock
    list_notifications: ListNotifications
    mark_read: MarkRead
    mark_all_read: MarkAllRead
    set_preference: SetPreference
    user_events: EventBatchHandler
    """Identity's events as the container consumes them: translated, and applied once each."""
    message_events: EventBatchHandler
    group_events: EventBatchHandler

    async def users(self, *usernames: str) -> list[UUID]:
        """Users identity told of, by these usernames."""
        ids = [new_id() for _ in usernames]
        for user_id, username in zip(ids, usernames, strict=True):
            await self.user_events([registered(user_id, username)])
        return ids

    async def conversation(self, *participant_ids: UUID, kind: str | None = None) -> ConversationStory:
        """A conversation whose beginning messaging told."""
        story = ConversationStory(*participant_ids, kind=kind)
        await self.told(story.created())
        return story

    async def told(self, *events: IntegrationEvent) -> None:
        """Hand messaging's events to notifications, in order, in one batch."""
        await self.message_events(events)

    def unread_of(self, recipient_id: UUID) -> list[Notification]:
        return [n for n in self.database.of(recipient_id) if n.is_unread]


@pytest.fixture
def notifications() -> Notifications:
    database, clock = FakeDatabase(), SteppedClock()

    def unit_of_work() -> FakeNotificationsUnitOfWork:
        return FakeNotificationsUnitOfWork(database)

    channels = [InAppChannel()]
    return Notifications(
        database=database,
        clock=clock,
        list_notifications=ListNotifications(unit_of_work),
        mark_read=MarkRead(unit_of_work, clock),
        mark_all_read=MarkAllRead(unit_of_work, clock),
        set_preference=SetPreference(unit_of_work),
        user_events=idempotent("users-test", unit_of_work, user_events),
        message_events=idempotent_batches(
            "messages-test",
            unit_of_work,
            MessagingEvents(HandleMessageSent(channels), HandleMessageEdited(channels)),
        ),
        group_events=idempotent("groups-test", unit_of_work, GroupEvents(HandleMembersAdded(channels))),
    )
