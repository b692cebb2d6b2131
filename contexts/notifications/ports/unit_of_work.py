from typing import Protocol

from contexts.notifications.ports.conversation_participants import ConversationParticipants
from contexts.notifications.ports.known_users import KnownUsers
from contexts.notifications.ports.message_revisions import MessageRevisions
from contexts.notifications.ports.notification_repository import NotificationRepository
from contexts.notifications.ports.preferences import Preferences
from contexts.notifications.ports.thread_followers import ThreadFollowers
from contexts.notifications.ports.unread_counts import UnreadCounts
from kernel.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork, Protocol):
    """One transaction over notifications, unread counts, preferences, known users, message
    revisions, conversations' participants, threads' followers, outbox and inbox."""

    @property
    def notifications(self) -> NotificationRepository: ...

    @property
    def unread_counts(self) -> UnreadCounts: ...

    @property
    def preferences(self) -> Preferences: ...

    @property
    def known_users(self) -> KnownUsers: ...

    @property
    def message_revisions(self) -> MessageRevisions: ...

    @property
    def participants(self) -> ConversationParticipants: ...

    @property
    def thread_followers(self) -> ThreadFollowers: ...
