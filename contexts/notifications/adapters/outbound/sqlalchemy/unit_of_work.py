from typing import Self

from contexts.notifications.adapters.outbound.sqlalchemy.conversation_participants import (
    SqlAlchemyConversationParticipants,
)
from contexts.notifications.adapters.outbound.sqlalchemy.known_users import SqlAlchemyKnownUsers
from contexts.notifications.adapters.outbound.sqlalchemy.message_revisions import SqlAlchemyMessageRevisions
from contexts.notifications.adapters.outbound.sqlalchemy.notification_repository import (
    SqlAlchemyNotificationRepository,
)
from contexts.notifications.adapters.outbound.sqlalchemy.preferences import SqlAlchemyPreferences
from contexts.notifications.adapters.outbound.sqlalchemy.thread_followers import SqlAlchemyThreadFollowers
from contexts.notifications.adapters.outbound.sqlalchemy.unread_counts import SqlAlchemyUnreadCounts
from infra.db.unit_of_work import SqlAlchemyUnitOfWork


class SqlAlchemyNotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    notifications: SqlAlchemyNotificationRepository
    unread_counts: SqlAlchemyUnreadCounts
    preferences: SqlAlchemyPreferences
    known_users: SqlAlchemyKnownUsers
    message_revisions: SqlAlchemyMessageRevisions
    participants: SqlAlchemyConversationParticipants
    thread_followers: SqlAlchemyThreadFollowers

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.notifications = SqlAlchemyNotificationRepository(self.session)
        self.unread_counts = SqlAlchemyUnreadCounts(self.session)
        self.preferences = SqlAlchemyPreferences(self.session)
        self.known_users = SqlAlchemyKnownUsers(self.session)
        self.message_revisions = SqlAlchemyMessageRevisions(self.session)
        self.participants = SqlAlchemyConversationParticipants(self.session)
        self.thread_followers = SqlAlchemyThreadFollowers(self.session)
        return self
