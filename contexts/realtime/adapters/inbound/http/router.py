from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from contexts.realtime.adapters.inbound.http.schemas import PresenceList, UserPresence
from contexts.realtime.application.get_presence import GetPresence
from infra.web.auth import CurrentPrincipal
from infra.web.responses import UNAUTHORIZED, Responses
from kernel.errors import InvalidValueError

USER_IDS_MAX = 100
"""Users per request: enough for a screen of contacts, and a bound on the work one request asks."""


def build_router(get_presence: GetPresence) -> APIRouter:
    router = APIRouter(tags=["realtime"])

    responses: Responses = {
        **UNAUTHORIZED,
        422: {"description": f"An id is not a UUID, or more than {USER_IDS_MAX} are asked"},
    }

    @router.get(
        "/api/v1/presence",
        summary="Whether users are online, and when they were last seen",
        responses=responses,
    )
    async def presence(
        principal: CurrentPrincipal,
        user_ids: Annotated[
            str, Query(description=f"Comma-separated user ids, at most {USER_IDS_MAX}.", examples=["ID,ID"])
        ],
    ) -> PresenceList:
        found = await get_presence(principal.user_id, _user_ids(user_ids))
        return PresenceList(items=[UserPresence.of(presence) for presence in found])

    return router


def _user_ids(listed: str) -> list[UUID]:
    parts = listed.split(",")
    if len(parts) > USER_IDS_MAX:
        raise InvalidValueError("user_ids", f"At most {USER_IDS_MAX} user ids may be asked at once.")
    try:
        return [UUID(part) for part in parts]
    except ValueError:
        raise InvalidValueError("user_ids", "Each user id must be a UUID, separated by commas.") from None
