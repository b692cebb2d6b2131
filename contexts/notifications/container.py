"""Notifications' composition root: the one place its ports meet their adapters.

The runtime supplies the inputs (`settings`, `clock`) and takes `module`, what
notifications adds to a process: its routes, its outbox, and its consumers of the
events of identity (who goes by which username), messaging (who takes part in each conversation,
and messages to notify of) and groups (who was added to a group).
"""

from dependency_injector import containers, providers

from contexts.notifications.adapters.inbound.events import from_groups, from_identity, from_messaging
from contexts.notifications.adapters.inbound.events.from_groups import GroupEvents
from contexts.notifications.adapters.inbound.events.from_messaging import MessagingEvents
from contexts.notifications.adapters.inbound.http.router import build_router
from contexts.notifications.adapters.outbound.in_app_channel import InAppChannel
from contexts.notifications.adapters.outbound.sqlalchemy import tables
from contexts.notifications.adapters.outbound.sqlalchemy.unit_of_work import SqlAlchemyNotificationsUnitOfWork
from contexts.notifications.application.handle_members_added import HandleMembersAdded
from contexts.notifications.application.handle_message_edited import HandleMessageEdited
from contexts.notifications.application.handle_message_sent import HandleMessageSent
from contexts.notifications.application.list_notifications import ListNotifications
from contexts.notifications.application.mark_all_read import MarkAllRead
from contexts.notifications.application.mark_read import MarkRead
from contexts.notifications.application.set_preference import SetPreference
from contexts.notifications.contracts import events
from contexts.notifications.settings import NotificationsSettings
from infra.context_module import through_inbox, through_inbox_in_batches
from infra.write_side_container import WriteSideContainer
from kernel.clock import Clock
from kernel.integration_event import payloads_in


class NotificationsContainer(containers.DeclarativeContainer):
    settings: providers.Dependency[NotificationsSettings] = providers.Dependency(
        instance_of=NotificationsSettings
    )
    clock: providers.Dependency[Clock] = providers.Dependency()
    """The Clock reading a notification is dated by."""

    write_side = providers.Container(
        WriteSideContainer,
        context="notifications",
        database_url=settings.provided.notifications_database_url,
        tables=tables.outbox,
        migrations=tables.migrations,
        published=payloads_in(events),
        unit_of_work_type=SqlAlchemyNotificationsUnitOfWork,
    )
    unit_of_work: providers.Provider[SqlAlchemyNotificationsUnitOfWork] = write_side.unit_of_work
    channels = providers.List(providers.Singleton(InAppChannel))
    """Every way a new notification reaches its recipient; another channel is one more entry."""

    list_notifications = providers.Singleton(ListNotifications, unit_of_work.provider)
    mark_read = providers.Singleton(MarkRead, unit_of_work.provider, clock)
    mark_all_read = providers.Singleton(MarkAllRead, unit_of_work.provider, clock)
    set_preference = providers.Singleton(SetPreference, unit_of_work.provider)

    router = providers.Singleton(
        build_router,
        list_notifications=list_notifications,
        mark_read=mark_read,
        mark_all_read=mark_all_read,
        set_preference=set_preference,
    )
    # Each applies an event once, in the transaction that records it in the inbox: a redelivered
    # event changes nothing, not even the unread counts.
    consumers = providers.List(
        providers.Singleton(
            through_inbox,
            "notifications.known_users",
            from_identity.EVENT_TYPES,
            unit_of_work.provider,
            from_identity.user_events,
        ),
        providers.Singleton(
            through_inbox_in_batches,
            "notifications.messages",
            from_messaging.EVENT_TYPES,
            unit_of_work.provider,
            providers.Singleton(
                MessagingEvents,
                providers.Singleton(HandleMessageSent, channels),
                providers.Singleton(HandleMessageEdited, channels),
            ),
        ),
        providers.Singleton(
            through_inbox,
            "notifications.group_members",
            from_groups.EVENT_TYPES,
            unit_of_work.provider,
            providers.Singleton(GroupEvents, providers.Singleton(HandleMembersAdded, channels)),
        ),
    )
    module = providers.Singleton(write_side.module, routers=providers.List(router), consumers=consumers)
