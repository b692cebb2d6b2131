"""Identity's events, translated into messaging's language: whoever registers is a known user,
going by the username their latest profile says."""

from uuid import UUID

from contexts.identity.contracts.events import UserProfileChanged, UserRegistered
from contexts.messaging.application.known_users import record_known_user
from contexts.messaging.ports.unit_of_work import MessagingUnitOfWork
from kernel.integration_event import IntegrationEvent, by_type

_PAYLOADS: dict[str, type[UserRegistered | UserProfileChanged]] = by_type(UserRegistered, UserProfileChanged)

EVENT_TYPES = tuple(_PAYLOADS)


async def user_events(event: IntegrationEvent, uow: MessagingUnitOfWork) -> None:
    """Consumes identity's events through `infra.outbox.inbox.idempotent`, which commits. A
    profile change carries the whole profile, so each event says the username as it is then."""
    user = _PAYLOADS[event.type].from_event(event)
    await record_known_user(uow, UUID(user.user_id), user.username)
