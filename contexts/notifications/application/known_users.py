from uuid import UUID

from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def record_username(user_id: UUID, username: str, uow: NotificationsUnitOfWork) -> None:
    """An event handler: a user registered or changed their profile, so `@username` names them.
    It does not commit; its caller does."""
    await uow.usernames.record(user_id, username)
