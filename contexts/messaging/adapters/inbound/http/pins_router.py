"""The routes of a conversation's pins and of a message's edit history, beside messaging's others
(`router.py`), whose answers and limits they share."""

from uuid import UUID

from fastapi import APIRouter, Response

from contexts.messaging.adapters.inbound.http.pin_schemas import EditList, PinList
from contexts.messaging.adapters.inbound.http.router import CLOSED, FROM_READ_MODELS, NOT_FOUND
from contexts.messaging.application.edit_history_query import EditHistoryQuery
from contexts.messaging.application.pin_message import PinMessage
from contexts.messaging.application.pinned_messages_query import PinnedMessagesQuery
from contexts.messaging.application.unpin_message import UnpinMessage
from contexts.messaging.domain.pin import PINS_PER_CONVERSATION
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED, Responses

_MAY_NOT_PIN: Responses = {403: {"description": "In a group, the caller is neither its owner nor an admin"}}


def build_pins_router(
    *,
    pin_message: PinMessage,
    unpin_message: UnpinMessage,
    pinned_messages: PinnedMessagesQuery,
    edit_history: EditHistoryQuery,
    change_limit: RateLimit,
) -> APIRouter:
    router = APIRouter(tags=["messaging"])
    changing = [rate_limited(change_limit)]

    @router.get(
        "/api/v1/conversations/{conversation_id}/pins",
        summary="A conversation's pinned messages, the latest pinned first",
        description=FROM_READ_MODELS,
        responses={**UNAUTHORIZED, **NOT_FOUND},
    )
    async def list_pins(conversation_id: UUID, principal: CurrentPrincipal) -> PinList:
        return PinList.of(await pinned_messages(principal.user_id, conversation_id))

    @router.put(
        "/api/v1/conversations/{conversation_id}/pins/{message_id}",
        status_code=204,
        response_class=Response,
        dependencies=changing,
        summary="Pin a message: a group's owners and admins, or either participant of a direct conversation",
        description="Pinning a pinned message again changes nothing.",
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            **NOT_FOUND,
            **_MAY_NOT_PIN,
            409: {
                "description": f"The message was deleted, the conversation holds {PINS_PER_CONVERSATION}"
                " pins already, or it is closed"
            },
        },
    )
    async def pin(conversation_id: UUID, message_id: UUID, principal: CurrentPrincipal) -> None:
        await pin_message(principal.user_id, conversation_id=conversation_id, message_id=message_id)

    @router.delete(
        "/api/v1/conversations/{conversation_id}/pins/{message_id}",
        status_code=204,
        response_class=Response,
        dependencies=changing,
        summary="Unpin a message: whoever may pin it",
        description="Unpinning a message that is not pinned changes nothing. Deleting a message unpins it.",
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            **NOT_FOUND,
            **_MAY_NOT_PIN,
            **CLOSED,
        },
    )
    async def unpin(conversation_id: UUID, message_id: UUID, principal: CurrentPrincipal) -> None:
        await unpin_message(principal.user_id, conversation_id=conversation_id, message_id=message_id)

    @router.get(
        "/api/v1/conversations/{conversation_id}/messages/{message_id}/edits",
        summary="A message's edit history: the bodies its edits replaced, oldest first",
        description="A deleted message has none: its history is erased with it.",
        responses={**UNAUTHORIZED, **NOT_FOUND},
    )
    async def list_edits(conversation_id: UUID, message_id: UUID, principal: CurrentPrincipal) -> EditList:
        return EditList.of(
            await edit_history(principal.user_id, conversation_id=conversation_id, message_id=message_id)
        )

    return router
