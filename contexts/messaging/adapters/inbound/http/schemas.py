"""The JSON of messaging's command routes. The limits are the domain's own constants, so OpenAPI
shows the rules the domain enforces; the domain checks them again, and what pydantic cannot
express (control characters, a body of only white space) only there."""

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from contexts.messaging.application.conversation_queries import ConversationPage, MessagePage
from contexts.messaging.application.conversation_view import ConversationView
from contexts.messaging.application.message_view import MessageView
from contexts.messaging.application.reaction_count import counted_from
from contexts.messaging.domain.attachment import ATTACHMENTS_PER_MESSAGE
from contexts.messaging.domain.client_message_id import (
    CLIENT_MESSAGE_ID_MAX_LENGTH,
    CLIENT_MESSAGE_ID_MIN_LENGTH,
)
from contexts.messaging.domain.conversation_kind import ConversationKind
from contexts.messaging.domain.message_body import BODY_MAX_LENGTH
from contexts.messaging.domain.thread_summary import RECENT_REPLIERS
from contexts.messaging.ports.read_model_store import LISTED_PARTICIPANTS
from contexts.messaging.ports.read_model_store import ConversationSummary as Summary

BodyField = Annotated[
    str,
    Field(
        max_length=BODY_MAX_LENGTH,
        description="Text, counted in Unicode code points; newlines and tabs are the only control"
        " characters allowed, and it must hold more than white space. Kept exactly as sent. Empty"
        ' ("") only in a message with attachments.',
    ),
]


class DirectConversationRequest(BaseModel):
    user_id: UUID = Field(description="The other user; not yourself.")


class NewMessage(BaseModel):
    client_message_id: str = Field(
        min_length=CLIENT_MESSAGE_ID_MIN_LENGTH,
        max_length=CLIENT_MESSAGE_ID_MAX_LENGTH,
        description="Chosen by the client, without control characters. Sending again with the same id"
        " answers the message sent the first time.",
    )
    body: BodyField
    reply_to: UUID | None = Field(
        default=None,
        description="A message of this conversation to reply to, in its thread: a reply to a reply"
        " joins the same thread. A missing message, or one of another conversation: 422; a deleted one: 409.",
    )
    attachment_ids: list[UUID] = Field(
        default_factory=list,
        max_length=ATTACHMENTS_PER_MESSAGE,
        json_schema_extra={"uniqueItems": True},
        description="Your uploads (`POST /api/v1/uploads`) to post with the message, in the order to show"
        " them, each once. One that is unknown, someone else's, attached to a message already, or"
        " discarded: 422.",
    )


class MessageEdit(BaseModel):
    body: BodyField


class ReadUpTo(BaseModel):
    seq: int = Field(
        ge=0, description="The `seq` of the latest message read; at most the latest message's own."
    )


class Conversation(BaseModel):
    id: UUID
    kind: ConversationKind
    title: str | None = Field(description="The group's name; null for a direct conversation.")
    participant_ids: list[UUID]
    created_at: datetime
    closed: bool = Field(
        description="A group's conversation closes when the group is deleted: its history stays,"
        " but it takes no more messages, edits or deletions."
    )

    @classmethod
    def of(cls, conversation: ConversationView) -> Self:
        return cls(
            id=conversation.id,
            kind=conversation.kind,
            title=conversation.title,
            participant_ids=conversation.participant_ids,
            created_at=conversation.created_at,
            closed=conversation.closed,
        )


class Attachment(BaseModel):
    id: UUID = Field(description="The upload's: `GET /api/v1/uploads/{id}` serves the file.")
    filename: str
    content_type: str = Field(description="Detected from the file's content, not taken from its uploader.")
    size: int = Field(description="In bytes.")
    width: int | None = Field(description="In pixels, for an image; null for any other file.")
    height: int | None


class ReactionCount(BaseModel):
    emoji: str = Field(description="One emoji grapheme.")
    count: int = Field(description="How many participants reacted with it.")
    me: bool = Field(description="Whether the caller did.")


class Message(BaseModel):
    # Every answer has the thread fields; their defaults only read read-model documents stored
    # before threads were (docs/adr/0029-threads-in-the-conversation-sequence.md).
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    id: UUID
    conversation_id: UUID
    seq: int = Field(description="Its place in the conversation: 1, 2, 3, ... without gaps.")
    sender_id: UUID
    client_message_id: str
    body: str = Field(description="Empty once deleted.")
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    reply_to: UUID | None = Field(
        default=None, description="The message this one replies to; null for a message that is no reply."
    )
    thread_root_id: UUID | None = Field(
        default=None,
        description="The root of the thread this reply is in (a reply to a reply joins its root);"
        " null for a message that is no reply.",
    )
    reply_count: int = Field(default=0, description="A thread root's replies, not counting deleted ones.")
    last_reply_at: datetime | None = Field(default=None, description="When its thread's latest reply came.")
    recent_replier_ids: list[UUID] = Field(
        default_factory=list,
        description=f"The distinct senders of its thread's latest replies, the most recent first, at most"
        f" {RECENT_REPLIERS}.",
    )
    reactions: list[ReactionCount] = Field(
        default_factory=list,
        description="Ordered by each emoji's first use on the message; empty once deleted. A"
        " conversation list's `last_message` leaves it empty.",
    )
    attachments: list[Attachment] = Field(
        default_factory=list, description="The files posted with it, in the order sent; empty once deleted."
    )

    @classmethod
    def of(cls, message: MessageView, reader_id: UUID) -> Self:
        return cls(
            id=message.id,
            conversation_id=message.conversation_id,
            seq=message.seq,
            sender_id=message.sender_id,
            client_message_id=message.client_message_id,
            body=message.body,
            created_at=message.created_at,
            edited_at=message.edited_at,
            deleted=message.deleted,
            reply_to=message.reply_to,
            thread_root_id=message.thread_root_id,
            reply_count=message.thread.reply_count,
            last_reply_at=message.thread.last_reply_at,
            recent_replier_ids=list(message.thread.recent_replier_ids),
            reactions=[
                ReactionCount.model_validate(count, from_attributes=True)
                for count in counted_from(reader_id, message.reactions)
            ],
            attachments=[Attachment.model_validate(a, from_attributes=True) for a in message.attachments],
        )


class ConversationSummary(Conversation):
    participant_ids: list[UUID] = Field(
        description=f"The first {LISTED_PARTICIPANTS} participants: all of them when `participant_count`"
        " is not larger. The conversation itself (`GET /api/v1/conversations/{id}`) names them all."
    )
    participant_count: int
    last_message: Message | None = Field(
        description="The latest message (highest `seq`); null while there is none."
    )
    unread_count: int = Field(
        description="Messages after the caller's read marker, not counting their own nor deleted ones."
    )
    last_activity_at: datetime = Field(
        description="When the last message was sent, or else when the conversation began."
    )

    @classmethod
    def of_summary(cls, summary: Summary) -> Self:
        conversation, last = summary.conversation, summary.last_message
        return cls.model_validate(
            {
                **conversation,
                "last_message": last,
                "participant_count": summary.participant_count,
                "unread_count": summary.unread_count,
                "last_activity_at": (conversation if last is None else last)["created_at"],
            }
        )


class ConversationList(BaseModel):
    items: list[ConversationSummary] = Field(description="The most recently active first, then by id.")
    next_cursor: str | None = Field(
        description="Pass it as `cursor` for the next page; null on the last page. Opaque."
    )

    @classmethod
    def of(cls, page: ConversationPage) -> Self:
        return cls(
            items=[ConversationSummary.of_summary(summary) for summary in page.items],
            next_cursor=page.next_cursor,
        )


class MessageList(BaseModel):
    items: list[Message] = Field(description="In ascending `seq`.")
    has_more: bool = Field(
        description="Whether more messages lie beyond this page: earlier ones when paging back (no"
        " `after`), later ones when paging forward from `after`."
    )

    @classmethod
    def of(cls, page: MessagePage) -> Self:
        return cls.model_validate(
            {
                "items": [
                    {**message, "reactions": page.reactions.get(message["id"], [])} for message in page.items
                ],
                "has_more": page.has_more,
            },
            from_attributes=True,
        )
