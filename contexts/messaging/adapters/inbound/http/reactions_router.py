"""The routes of reactions: adding and taking back the caller's reaction to a message."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Response

from contexts.messaging.application.react_to_message import ReactToMessage
from contexts.messaging.domain.emoji import EMOJI_MAX_LENGTH
from contexts.messaging.domain.reactions import DISTINCT_EMOJI_MAX
from infra.limits.rate_limit import RateLimit
from infra.web.auth import CurrentPrincipal
from infra.web.rate_limited import RATE_LIMITED, rate_limited
from infra.web.responses import UNAUTHORIZED, Responses

_PATH = "/api/v1/conversations/{conversation_id}/messages/{message_id}/reactions/{emoji}"
_ANSWERS: Responses = {
    **UNAUTHORIZED,
    **RATE_LIMITED,
    404: {"description": "No such conversation or message, or the caller takes no part"},
    422: {"description": "`emoji` is not exactly one emoji"},
}

EmojiSegment = Annotated[
    str,
    Path(
        min_length=1,
        max_length=EMOJI_MAX_LENGTH,
        description="Exactly one emoji (skin tone, flag or keycap included), URL-encoded.",
    ),
]


def build_reactions_router(*, react_to_message: ReactToMessage, change_limit: RateLimit) -> APIRouter:
    """Reactions count against the caller's limit of message changes, as edits and deletions do."""
    router = APIRouter(tags=["messaging"])

    @router.put(
        _PATH,
        status_code=204,
        response_class=Response,
        dependencies=[rate_limited(change_limit)],
        summary="React to a message with an emoji: any participant",
        description="Idempotent: reacting again with the same emoji changes nothing and answers 204 again.",
        responses={
            **_ANSWERS,
            409: {
                "description": f"The message was deleted, it has reactions with {DISTINCT_EMOJI_MAX}"
                " other emoji already, or the conversation is closed"
            },
        },
    )
    async def react(
        conversation_id: UUID, message_id: UUID, emoji: EmojiSegment, principal: CurrentPrincipal
    ) -> None:
        await react_to_message(
            principal.user_id, conversation_id=conversation_id, message_id=message_id, emoji=emoji, added=True
        )

    @router.delete(
        _PATH,
        status_code=204,
        response_class=Response,
        dependencies=[rate_limited(change_limit)],
        summary="Take back the caller's reaction with an emoji",
        description="Idempotent: 204 also when the caller had no such reaction, or the message was deleted"
        " (which took its reactions with it).",
        responses={**_ANSWERS, 409: {"description": "The conversation is closed"}},
    )
    async def take_back(
        conversation_id: UUID, message_id: UUID, emoji: EmojiSegment, principal: CurrentPrincipal
    ) -> None:
        await react_to_message(
            principal.user_id,
            conversation_id=conversation_id,
            message_id=message_id,
            emoji=emoji,
            added=False,
        )

    return router
