"""The integration events messaging publishes: its published language.

Consumers (realtime, notifications, the read models) must never need to call messaging back,
so each event carries whole objects as the public API shows them (`Conversation`, `Message`,
see docs/api): realtime forwards the object as it is.
Every event's subject (its ordering key) is the conversation id, so the events of one
conversation arrive in the order they happened; a message's `seq` orders its conversation too.

Who takes part is told only when it is news: `conversation_created` and `conversation_changed`
carry the conversation with its participants, and a consumer that needs them keeps its own copy.
The events of a message or a read marker name their conversation, not its audience, so what they
cost does not grow with the conversation (ADR 25): the bus's order brings the conversation's
participants to a consumer before any message of it.
"""

from dataclasses import dataclass

from typing_extensions import TypedDict  # typing's, on Python 3.11, has no JSON Schema (chat context-map)

from kernel.integration_event import EventPayload


class PublishedConversation(TypedDict):
    id: str
    kind: str
    """"direct" or "group"."""
    title: str | None
    """The group's name; None for a direct conversation."""
    participant_ids: list[str]
    created_at: str
    """RFC 3339, UTC."""
    closed: bool
    """A group conversation closes when its group is deleted: it keeps its history but takes no
    more messages, edits, deletions."""


class PublishedAttachment(TypedDict):
    """A file posted with a message; `GET /api/v1/uploads/{id}` serves it to the conversation's
    participants."""

    id: str
    filename: str
    content_type: str
    """Detected from the file's content."""
    size: int
    """In bytes."""
    width: int | None
    """In pixels, for an image; null for any other file."""
    height: int | None


class PublishedMessage(TypedDict):
    id: str
    conversation_id: str
    seq: int
    sender_id: str
    client_message_id: str
    body: str
    """Empty once deleted."""
    created_at: str
    """RFC 3339, UTC, as are the other times."""
    edited_at: str | None
    deleted: bool
    reply_to: str | None
    """The message this one replies to; null for a message that is not a reply. Data version 3 on."""
    thread_root_id: str | None
    """The root of the thread this reply is in (a reply to a reply joins its root); null for a
    message that is not a reply."""
    reply_count: int
    """A thread root's replies not deleted, as of this telling; `messaging.thread_updated` tells
    each later change."""
    last_reply_at: str | None
    recent_replier_ids: list[str]
    """The distinct senders of the latest replies, the most recent first, at most 3."""
    attachments: list[PublishedAttachment]
    """The files posted with it, in the order its sender gave them; empty once deleted. Data version 5
    on; a reader takes an earlier event's message for one without files, as every message was."""


class PublishedThread(TypedDict):
    """What a thread's root shows of its replies (the same fields as on its message)."""

    conversation_id: str
    root_id: str
    reply_count: int
    last_reply_at: str | None
    recent_replier_ids: list[str]


@dataclass(frozen=True, kw_only=True)
class ConversationCreated(EventPayload):
    """A direct conversation was opened, or a group's conversation was set up from groups' events."""

    TYPE = "messaging.conversation_created"

    conversation: PublishedConversation


@dataclass(frozen=True, kw_only=True)
class ConversationChanged(EventPayload):
    """A group conversation's title, participants or closing changed with its group."""

    TYPE = "messaging.conversation_changed"

    conversation: PublishedConversation
    """As it is after the change."""
    added_participant_ids: list[str]
    removed_participant_ids: list[str]
    """No longer in `conversation.participant_ids`; they lose sight of the conversation."""


@dataclass(frozen=True, kw_only=True)
class MessageChanged:
    """The fields every message event shares: the message after the change, and the kind of its
    conversation (`message.conversation_id` names the conversation).

    Data version 2 of the message events no longer carries `participant_ids`; version 1 did, and a
    reader ignores it. Data version 3 adds the thread fields to `message`, data version 5 of a
    message sent or edited its `attachments` (a deleted message's are always empty).
    """

    message: PublishedMessage
    conversation_kind: str
    """"direct" or "group"."""


@dataclass(frozen=True, kw_only=True)
class MessageWritten(MessageChanged):
    """The fields of a message sent or edited: what its body now says, as messaging reads it.

    Data version 4 adds `mentions_everyone`; a reader takes an earlier event for one that does not,
    since `@all` mentioned nobody in particular before.
    """

    mentions_everyone: bool = False
    """Whether it mentions everyone (`@all` in a group's conversation, written by one who may): every
    participant is to hear of it. Always false in a direct conversation, where `@all` is a word."""


@dataclass(frozen=True, kw_only=True)
class MessageSent(EventPayload, MessageWritten):
    TYPE = "messaging.message_sent"
    DATA_VERSION = 5

    thread_root_sender_id: str | None = None
    """Who sent the root of the thread a reply is in, who follows the thread from its start;
    null for a message that is not a reply."""


@dataclass(frozen=True, kw_only=True)
class MessageEdited(EventPayload, MessageWritten):
    TYPE = "messaging.message_edited"
    DATA_VERSION = 5


@dataclass(frozen=True, kw_only=True)
class MessageDeleted(EventPayload, MessageChanged):
    """`message` is the tombstone: `deleted` true, `body` empty."""

    TYPE = "messaging.message_deleted"
    DATA_VERSION = 3


@dataclass(frozen=True, kw_only=True)
class ConversationRead(EventPayload):
    """`user_id` has read every message of the conversation up to `seq`; a marker only moves forward.

    Data version 2 no longer carries `participant_ids`, as for the message events.
    """

    TYPE = "messaging.conversation_read"
    DATA_VERSION = 2

    conversation_id: str
    user_id: str
    seq: int


@dataclass(frozen=True, kw_only=True)
class MessagePinned(EventPayload):
    """A participant pinned a message of the conversation; pinning it again tells nothing."""

    TYPE = "messaging.message_pinned"

    conversation_id: str
    message_id: str
    pinned_by: str
    pinned_at: str
    """RFC 3339, UTC; also the event's time."""


@dataclass(frozen=True, kw_only=True)
class MessageUnpinned(EventPayload):
    """A pinned message was unpinned by a participant, or deleted (then after `message_deleted`)."""

    TYPE = "messaging.message_unpinned"

    conversation_id: str
    message_id: str


@dataclass(frozen=True, kw_only=True)
class ThreadUpdated(EventPayload):
    """A reply came to a thread, or one of its replies was deleted: its root's summary after it.

    Published with the reply's `message_sent` (or `message_deleted`), after it.
    """

    TYPE = "messaging.thread_updated"

    thread: PublishedThread
    version: int
    """How many times the summary changed: a consumer keeps the telling with the highest."""


class PublishedReaction(TypedDict):
    emoji: str
    """One emoji grapheme."""
    count: int
    user_ids: list[str]
    """Who reacted with it (`count` of them), so that a reader's view can tell whether they did."""


@dataclass(frozen=True, kw_only=True)
class MessageReactionsChanged(EventPayload):
    """`user_id` reacted to a message with `emoji` (`added`) or took that reaction back.

    `reactions` is the message's whole list after the change, ordered by each emoji's first use, so
    a consumer needs no earlier event; `reactions_revision` counts the message's reaction changes:
    of two tellings, the higher revision is the later. A deleted message loses its reactions with
    no event of this type: its `message_deleted` says so.
    """

    TYPE = "messaging.message_reactions_changed"

    conversation_id: str
    message_id: str
    user_id: str
    emoji: str
    added: bool
    reactions: list[PublishedReaction]
    reactions_revision: int
