"""Identity's events, translated into messaging's language: whoever registers is a known user."""

from uuid import UUID

from contexts.identity.contracts.events import UserRegistered
from contexts.messaging.application.known_users import record_known_user
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = (UserRegistered.TYPE,)


async def user_events(event: IntegrationEvent, uow: MessagingUnitOfWork) -> None:
    """Consumes identity's events through `infra.outbox.inbox.idempotent`, which commits."""
    await record_known_user(uow, UUID(UserRegistered.from_event(event).user_id))
