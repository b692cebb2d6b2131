"""Identity's events, translated into messaging's language: a registered user joins its directory."""

from uuid import UUID

from contexts.identity.contracts.events import UserRegistered
from contexts.messaging.application.add_to_directory import add_to_directory
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = (UserRegistered.TYPE,)


async def user_events(event: IntegrationEvent, uow: MessagingUnitOfWork) -> None:
    """Consumes identity's events through `infra.outbox.inbox.idempotent`, which commits."""
    await add_to_directory(UUID(UserRegistered.from_event(event).user_id), uow)
