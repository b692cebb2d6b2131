from uuid import UUID

from contexts.notifications.ports.unit_of_work import NotificationsUnitOfWork


async def record_known_user(uow: NotificationsUnitOfWork, user_id: UUID, username: str) -> None:
    """An event handler: a user registered or changed their profile, so `@username` names them."""
    await uow.known_users.record(user_id, username)
