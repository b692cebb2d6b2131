"""Groups' events, translated into `group.updated` frames carrying the Group of the public API.

Each event carries the whole group after the change, so all six translate the same way. The
members are told, and so is a member just removed: their client must learn they are out.
"""

from collections.abc import Callable, Mapping
from typing import Any, get_args
from uuid import UUID

from contexts.groups.contracts import events as groups
from contexts.realtime.application.delivery import Change, Told
from contexts.realtime.domain.frame import Frame
from contexts.realtime.domain.frame_types import FrameType
from kernel.integration_event import IntegrationEvent

_PAYLOADS: dict[str, type[groups.GroupEventPayload]] = {
    payload.TYPE: payload for payload in get_args(groups.GroupEventPayload)
}


def _group_changed(event: IntegrationEvent) -> Change:
    group = _PAYLOADS[event.type].from_event(event)
    recipients = {UUID(member["user_id"]) for member in group.members}
    if isinstance(group, groups.MemberRemoved):
        recipients.add(UUID(group.user_id))
    return Told(Frame(FrameType.GROUP_UPDATED, _group(group)), recipients)


GROUPS_CHANGES: Mapping[str, Callable[[IntegrationEvent], Change]] = dict.fromkeys(_PAYLOADS, _group_changed)
"""What each of groups' event types means to realtime."""


def _group(group: groups.GroupChanged) -> dict[str, Any]:
    """As `GET /api/v1/groups/{id}` answers it."""
    return {
        "id": group.group_id,
        "name": group.name,
        "owner_id": group.owner_id,
        "members": [
            {"user_id": member["user_id"], "role": member["role"], "joined_at": member["joined_at"]}
            for member in group.members
        ],
        "created_at": group.created_at,
    }
