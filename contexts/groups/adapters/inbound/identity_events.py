"""What groups takes from identity's events: which users exist (the anti-corruption layer).

Identity's registrations arrive at least once; the inbox applies each once, and recording a
known user twice changes nothing anyway.
"""

from collections.abc import Callable, Sequence
from uuid import UUID

from contexts.groups.application.known_users import record_known_user
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from contexts.identity.contracts.events import UserRegistered
from infra.context_module import Consumer
from infra.outbox.inbox import idempotent
from kernel.integration_event import IntegrationEvent

KNOWN_USERS_CONSUMER = "groups.known_users"


def identity_consumers(unit_of_work: Callable[[], GroupsUnitOfWork]) -> Sequence[Consumer]:
    return [
        Consumer(
            [UserRegistered.TYPE],
            idempotent(KNOWN_USERS_CONSUMER, unit_of_work, _user_registered),
            inbox=True,
        )
    ]


async def _user_registered(event: IntegrationEvent, uow: GroupsUnitOfWork) -> None:
    await record_known_user(uow, UUID(UserRegistered.from_event(event).user_id))
