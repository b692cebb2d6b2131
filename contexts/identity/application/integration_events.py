"""Identity's domain events, told to other contexts in its published language."""

from contexts.identity.contracts import events as published
from contexts.identity.domain.events import SessionEnded, UserProfileChanged, UserRegistered
from contexts.identity.ports.unit_of_work import IdentityUnitOfWork
from kernel.aggregate import AggregateRoot
from kernel.domain_event import DomainEvent
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339


def publish_events(uow: IdentityUnitOfWork, aggregate: AggregateRoot) -> None:
    """Queue the user's or session's new events in the unit of work, to be stored with the change
    that raised them."""
    for event in aggregate.pull_events():
        uow.publish(_integration_event(event))


def _integration_event(event: DomainEvent) -> IntegrationEvent:
    match event:
        case UserRegistered():
            return published.UserRegistered(
                user_id=str(event.user_id),
                username=event.username,
                display_name=event.display_name,
                created_at=rfc3339(event.occurred_at),
            ).to_event(subject=str(event.user_id), time=event.occurred_at)
        case UserProfileChanged():
            return published.UserProfileChanged(
                user_id=str(event.user_id), username=event.username, display_name=event.display_name
            ).to_event(subject=str(event.user_id), time=event.occurred_at)
        case SessionEnded():
            return published.SessionEnded(
                user_id=str(event.user_id), session_id=str(event.session_id)
            ).to_event(subject=str(event.user_id), time=event.occurred_at)
    raise TypeError(f"no integration event for {type(event).__name__}")
