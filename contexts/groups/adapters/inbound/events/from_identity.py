"""Identity's events, translated into groups' language: a registered user is a known user, whom
a group may take as a member."""

from uuid import UUID

from contexts.groups.application.known_users import record_known_user
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from contexts.identity.contracts.events import UserRegistered
from kernel.integration_event import IntegrationEvent

EVENT_TYPES = (UserRegistered.TYPE,)


async def user_events(event: IntegrationEvent, uow: GroupsUnitOfWork) -> None:
    """Consumes identity's events through `infra.outbox.inbox.idempotent`, which commits."""
    await record_known_user(uow, UUID(UserRegistered.from_event(event).user_id))
