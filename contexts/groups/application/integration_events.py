"""Groups' domain events, told to other contexts in its published language."""

from collections.abc import Iterable
from typing import Any

from contexts.groups.contracts import events as published
from contexts.groups.domain import events
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.domain_event import DomainEvent
from kernel.integration_event import IntegrationEvent
from kernel.rfc3339 import rfc3339


def publish_events(uow: GroupsUnitOfWork, raised: Iterable[DomainEvent]) -> None:
    """Queue a group's new events in the unit of work, to be stored with the change that raised them."""
    for event in raised:
        uow.publish(_integration_event(event))


def _integration_event(event: DomainEvent) -> IntegrationEvent:
    if not isinstance(event, events.GroupEvent):
        raise TypeError(f"no integration event for {type(event).__name__}")
    return _payload(event).to_event(subject=str(event.group_id), time=event.occurred_at)


def _payload(event: events.GroupEvent) -> published.GroupEventPayload:
    change: dict[str, Any] = {
        "group_id": str(event.group_id),
        "version": event.version,
        "actor_id": str(event.actor_id),
    }
    match event:
        case events.GroupCreated(group=group):
            return published.GroupCreated(
                **change,
                name=group.name,
                owner_id=str(group.owner_id),
                members=[
                    published.PublishedMember(
                        user_id=str(member.user_id),
                        role=member.role.value,
                        joined_at=rfc3339(member.joined_at),
                    )
                    for member in group.members
                ],
                created_at=rfc3339(group.created_at),
            )
        case events.GroupRenamed():
            return published.GroupRenamed(**change, name=event.name)
        case events.MemberAdded(member=member):
            return published.MemberAdded(
                **change,
                user_id=str(member.user_id),
                role=member.role.value,
                joined_at=rfc3339(member.joined_at),
                name=event.group_name,
            )
        case events.MemberRemoved():
            return published.MemberRemoved(**change, user_id=str(event.user_id))
        case events.MemberRoleChanged():
            return published.MemberRoleChanged(**change, user_id=str(event.user_id), role=event.role.value)
        case events.GroupDeleted():
            return published.GroupDeleted(**change)
    raise TypeError(f"no integration event for {type(event).__name__}")
