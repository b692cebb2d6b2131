from uuid import UUID

from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork


async def add_to_directory(user_id: UUID, uow: MessagingUnitOfWork) -> None:
    """An event handler: a user registered, so others may now open a direct conversation with them.
    It does not commit; its caller does."""
    await uow.users.add(user_id)
