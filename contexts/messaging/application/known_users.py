from uuid import UUID

from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


async def record_known_user(uow: MessagingUnitOfWork, user_id: UUID) -> None:
    """An event handler: a user registered, so others may now open a direct conversation with them."""
    await uow.known_users.add(user_id)
