from uuid import UUID

from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


async def record_known_user(uow: MessagingUnitOfWork, user_id: UUID, username: str) -> None:
    """An event handler: a user registered, so others may now open a direct conversation with them,
    or changed their profile; either way a search `from:@username` finds them by it."""
    await uow.known_users.record(user_id, username)
