from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from contexts.notifications.adapters.inbound.http.schemas import (
    NotificationList,
    Preference,
    PreferenceChange,
)
from contexts.notifications.application.list_notifications import ListNotifications
from contexts.notifications.application.mark_all_read import MarkAllRead
from contexts.notifications.application.mark_read import MarkRead
from contexts.notifications.application.set_preference import SetPreference
from infra.web.auth import CurrentPrincipal
from infra.web.paging import PageSize
from infra.web.responses import UNAUTHORIZED

_EVENTUALLY = (
    "Notifications are made from other contexts' events, so one may appear a moment after what caused it."
)


def build_router(
    *,
    list_notifications: ListNotifications,
    mark_read: MarkRead,
    mark_all_read: MarkAllRead,
    set_preference: SetPreference,
) -> APIRouter:
    router = APIRouter(tags=["notifications"])

    @router.get(
        "/api/v1/notifications",
        summary="The caller's notifications, newest first, and how many are unread",
        description=_EVENTUALLY,
        responses=UNAUTHORIZED,
    )
    async def notifications(
        principal: CurrentPrincipal,
        unread: Annotated[bool, Query(description="Only the unread ones.")] = False,
        limit: Annotated[PageSize, Query(description="At most this many notifications.")] = 50,
    ) -> NotificationList:
        return NotificationList.of(
            await list_notifications(principal.user_id, unread_only=unread, limit=limit)
        )

    @router.post(
        "/api/v1/notifications/{notification_id}/read",
        status_code=204,
        response_class=Response,
        summary="Mark a notification read",
        description="Marking it read again answers 204 and keeps the time it was first read.",
        responses={**UNAUTHORIZED, 404: {"description": "No such notification, or it is someone else's"}},
    )
    async def read(notification_id: UUID, principal: CurrentPrincipal) -> None:
        await mark_read(principal.user_id, notification_id)

    @router.post(
        "/api/v1/notifications/read-all",
        status_code=204,
        response_class=Response,
        summary="Mark every notification of the caller read",
        responses=UNAUTHORIZED,
    )
    async def read_all(principal: CurrentPrincipal) -> None:
        await mark_all_read(principal.user_id)

    @router.put(
        "/api/v1/notifications/preferences/{conversation_id}",
        summary="Mute or unmute a conversation for the caller",
        description="Muted, its messages notify the caller only when they mention them. Any conversation"
        " id is accepted and answered alike, whether the conversation exists or the caller takes part,"
        " so the answer discloses nothing.",
        responses=UNAUTHORIZED,
    )
    async def preference(
        conversation_id: UUID, body: PreferenceChange, principal: CurrentPrincipal
    ) -> Preference:
        await set_preference(principal.user_id, conversation_id, muted=body.muted)
        return Preference(conversation_id=conversation_id, muted=body.muted)

    return router
