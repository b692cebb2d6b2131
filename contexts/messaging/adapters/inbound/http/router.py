from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from contexts.messaging.adapters.inbound.http.schemas import (
    Conversation,
    ConversationList,
    DirectConversationRequest,
    Message,
    MessageEdit,
    MessageList,
    NewMessage,
    ReadUpTo,
)
from contexts.messaging.application.conversation_queries import ConversationQueries
from contexts.messaging.application.delete_message import DeleteMessage
from contexts.messaging.application.edit_message import EditMessage
from contexts.messaging.application.mark_conversation_read import MarkConversationRead
from contexts.messaging.application.open_direct_conversation import OpenDirectConversation
from contexts.messaging.application.send_message import SendMessage
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.paging import UNKNOWN_CURSOR, PageCursor, PageSize
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED, Responses

NOT_FOUND: Responses = {404: {"description": "No such conversation or message, or the caller takes no part"}}
_SEQ_MAX = 2**31 - 1
"""The highest `seq` storage holds; a larger one in a query is refused, not sent to a database."""
_Before = Annotated[int | None, Query(ge=1, le=_SEQ_MAX, description="Only messages with a lower `seq`.")]
_After = Annotated[int | None, Query(ge=0, le=_SEQ_MAX, description="Only messages with a higher `seq`.")]
FROM_READ_MODELS = "Answered from the read models, which may lag the latest writes for a moment."
CLOSED: Responses = {409: {"description": "The conversation is closed: its group was deleted"}}
_MENTION_ALL_FORBIDDEN = (
    "`mention-all-forbidden`: the body mentions everyone (`@all`), which in a group of more than"
    " `MENTION_ALL_MODERATORS_ONLY_ABOVE` (15) participants only its owners and admins may"
)


def build_router(
    *,
    open_direct_conversation: OpenDirectConversation,
    send_message: SendMessage,
    edit_message: EditMessage,
    delete_message: DeleteMessage,
    mark_conversation_read: MarkConversationRead,
    queries: ConversationQueries,
    send_limit: RateLimit,
    change_limit: RateLimit,
) -> APIRouter:
    router = APIRouter(tags=["messaging"])
    changing = [rate_limited(change_limit)]

    @router.get(
        "/api/v1/conversations",
        summary="A page of the caller's conversations, the most recently active first",
        description="Without `cursor`: the first page. With the `next_cursor` of a page: the page after"
        " it. " + FROM_READ_MODELS,
        responses={**UNAUTHORIZED, **UNKNOWN_CURSOR},
    )
    async def list_conversations(
        principal: CurrentPrincipal,
        limit: Annotated[PageSize, Query(description="At most this many conversations.")] = 50,
        cursor: PageCursor = None,
    ) -> ConversationList:
        return ConversationList.of(await queries.conversations(principal.user_id, cursor=cursor, limit=limit))

    @router.get(
        "/api/v1/conversations/{conversation_id}",
        summary="A conversation the caller takes part in",
        description=FROM_READ_MODELS,
        responses={**UNAUTHORIZED, **NOT_FOUND},
    )
    async def get_conversation(conversation_id: UUID, principal: CurrentPrincipal) -> Conversation:
        return Conversation.model_validate(await queries.conversation(principal.user_id, conversation_id))

    @router.get(
        "/api/v1/conversations/{conversation_id}/messages",
        summary="A page of a conversation's messages, in ascending `seq`",
        description="Without `before` or `after`: the latest page. With `before`: the page just before"
        " that `seq`. With `after`: the page just after it. With both: the first page between them. "
        + FROM_READ_MODELS,
        responses={**UNAUTHORIZED, **NOT_FOUND},
    )
    async def list_messages(
        conversation_id: UUID,
        principal: CurrentPrincipal,
        before: _Before = None,
        after: _After = None,
        limit: Annotated[PageSize, Query(description="At most this many messages.")] = 50,
    ) -> MessageList:
        page = await queries.messages(
            principal.user_id, conversation_id, before=before, after=after, limit=limit
        )
        return MessageList.of(page)

    @router.get(
        "/api/v1/conversations/{conversation_id}/threads/{root_id}/messages",
        summary="A page of a thread: its root and its replies, in ascending `seq`",
        description="Paged as the conversation's messages are (`before`, `after`, `limit`, `has_more`);"
        " the root comes first when the page reaches it. " + FROM_READ_MODELS,
        responses={
            **UNAUTHORIZED,
            404: {
                "description": "No such conversation, or the caller takes no part, or `root_id` is no"
                " message of it or is a reply (whose replies join its root's thread)"
            },
        },
    )
    async def list_thread(
        conversation_id: UUID,
        root_id: UUID,
        principal: CurrentPrincipal,
        before: _Before = None,
        after: _After = None,
        limit: Annotated[PageSize, Query(description="At most this many messages.")] = 50,
    ) -> MessageList:
        page = await queries.thread(
            principal.user_id, conversation_id, root_id, before=before, after=after, limit=limit
        )
        return MessageList.of(page)

    @router.post(
        "/api/v1/conversations/direct",
        status_code=201,
        summary="Open the direct conversation with a user",
        description="There is one direct conversation per pair of users, whoever opens it.",
        responses={
            **UNAUTHORIZED,
            200: {"description": "The conversation already existed", "model": Conversation},
            201: {"description": "The conversation was created"},
            422: {"description": "Unknown user, or yourself"},
        },
    )
    async def open_direct(
        body: DirectConversationRequest, principal: CurrentPrincipal, response: Response
    ) -> Conversation:
        conversation, created = await open_direct_conversation(principal.user_id, other_id=body.user_id)
        response.status_code = 201 if created else 200
        return Conversation.of(conversation)

    @router.post(
        "/api/v1/conversations/{conversation_id}/messages",
        status_code=201,
        dependencies=[rate_limited(send_limit)],
        summary="Send a message",
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            **NOT_FOUND,
            403: {"description": _MENTION_ALL_FORBIDDEN},
            200: {"description": "Sent before under this client message id: that message", "model": Message},
            201: {"description": "Sent"},
            409: {"description": "The conversation is closed, or the message replied to was deleted"},
            422: {
                "description": "`reply_to` names no message of this conversation; an `attachment_ids` entry"
                " is no upload of the caller's not yet attached (or names one twice); `body` is empty"
                " with no attachments"
            },
        },
    )
    async def send(
        conversation_id: UUID, body: NewMessage, principal: CurrentPrincipal, response: Response
    ) -> Message:
        message, sent = await send_message(
            principal.user_id,
            conversation_id=conversation_id,
            client_message_id=body.client_message_id,
            body=body.body,
            reply_to=body.reply_to,
            attachment_ids=body.attachment_ids,
        )
        response.status_code = 201 if sent else 200
        return Message.of(message, principal.user_id)

    @router.patch(
        "/api/v1/conversations/{conversation_id}/messages/{message_id}",
        dependencies=changing,
        summary="Edit a message: its sender only",
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            **NOT_FOUND,
            403: {"description": f"The caller did not send the message; or {_MENTION_ALL_FORBIDDEN}"},
            409: {"description": "The message was deleted, or the conversation is closed"},
        },
    )
    async def edit(
        conversation_id: UUID, message_id: UUID, body: MessageEdit, principal: CurrentPrincipal
    ) -> Message:
        edited = await edit_message(
            principal.user_id, conversation_id=conversation_id, message_id=message_id, body=body.body
        )
        return Message.of(edited, principal.user_id)

    @router.delete(
        "/api/v1/conversations/{conversation_id}/messages/{message_id}",
        status_code=204,
        response_class=Response,
        dependencies=changing,
        summary="Delete a message: its sender, or an owner or admin of the group",
        description='Leaves a tombstone (`deleted: true`, `body: ""`) that keeps its `seq`.',
        responses={
            **UNAUTHORIZED,
            **RATE_LIMITED,
            **NOT_FOUND,
            **CLOSED,
            403: {"description": "The caller neither sent the message nor moderates the group"},
        },
    )
    async def delete(conversation_id: UUID, message_id: UUID, principal: CurrentPrincipal) -> None:
        await delete_message(principal.user_id, conversation_id=conversation_id, message_id=message_id)

    @router.post(
        "/api/v1/conversations/{conversation_id}/read",
        status_code=204,
        response_class=Response,
        summary="Mark every message up to `seq` read",
        description="A read marker only moves forward: an earlier `seq` is accepted and changes nothing.",
        responses={**UNAUTHORIZED, **NOT_FOUND, 422: {"description": "`seq` is beyond the latest message"}},
    )
    async def read(conversation_id: UUID, body: ReadUpTo, principal: CurrentPrincipal) -> None:
        await mark_conversation_read(principal.user_id, conversation_id=conversation_id, seq=body.seq)

    return router
