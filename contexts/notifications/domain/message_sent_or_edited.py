from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class ThreadReply:
    """The thread a reply is in: whom it may notify besides those it mentions."""

    root_id: UUID
    root_sender_id: UUID
    """Who sent the root, who follows the thread from its start."""


@dataclass(frozen=True, kw_only=True)
class MessageSentOrEdited:
    """A message as notifications hears of it, sent or edited: everything its rules look at."""

    id: UUID
    conversation_id: UUID
    sender_id: UUID
    body: str
    attachment_names: tuple[str, ...] = ()
    """The filenames of the files sent with it, which a message of files alone is previewed by."""
    direct: bool
    """Whether the conversation is a direct one, between two people, rather than a group's."""
    mentions_everyone: bool
    """Whether it mentions everyone (`@all`), as messaging, which decides who may, tells it."""
    at: datetime
    """When it was sent or, for an edit, edited: what its notifications are dated."""
    revision: int
    """How far along its life the message was when told: a later edit has a higher one."""
    thread: ThreadReply | None = None
    """For a sent reply, the thread it is in."""
