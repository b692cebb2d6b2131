"""Groups' domain events, told to other contexts in its published language."""

from collections.abc import Iterable
from typing import Any

from contexts.groups.contracts import events as published
from contexts.groups.domain import events
from contexts.groups.ports.unit_of_work import GroupsUnitOfWork
from kernel.domain_event import DomainEvent
from kernel.integration_event import EventPayload, IntegrationEvent
from kernel.rfc3339 import rfc3339


def publish_events(uow: GroupsUnitOfWork, raised: Iterable[DomainEvent]) -> None:
    """Queue a group's new events in the unit of work, to be stored with the change that raised them."""
    for event in raised:
        uow.publish(_integration_event(event))


def _integration_event(event: DomainEvent) -> IntegrationEvent:
    if not isinstance(event, events.GroupEvent):
        raise TypeError(f"no integration event for {type(event).__name__}")
    return _payload(event).to_event(subject=str(event.group.id), time=event.occurred_at)


def _payload(event: events.GroupEvent) -> EventPayload:
    group = _group_changed(event)
    match event:
        case events.GroupCreated():
            return published.GroupCreated(**group)
        case events.GroupRenamed():
            return published.GroupRenamed(**group)
        case events.MemberAdded():
            return published.MemberAdded(**group, user_id=str(event.user_id), role=event.role.value)
        case events.MemberRemoved():
            return published.MemberRemoved(**group, user_id=str(event.user_id))
        case events.MemberRoleChanged():
            return published.MemberRoleChanged(**group, user_id=str(event.user_id), role=event.role.value)
        case events.GroupDeleted():
            return published.GroupDeleted(**group)
    raise TypeError(f"no integration event for {type(event).__name__}")


def _group_changed(event: events.GroupEvent) -> dict[str, Any]:
    """The fields of `published.GroupChanged`, which every groups event carries."""
    group = event.group
    return {
        "group_id": str(group.id),
        "version": group.version,
        "name": group.name,
        "owner_id": str(group.owner_id),
        "members": [
            published.Member(
                user_id=str(member.user_id), role=member.role.value, joined_at=rfc3339(member.joined_at)
            )
            for member in group.members
        ],
        "created_at": rfc3339(group.created_at),
        "actor_id": str(event.actor_id),
    }
