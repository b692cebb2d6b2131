"""Every query the MongoDB read models answer, and the indexes that make each one an index scan.

The store runs these, and a test asks the server to explain each one, so what is measured is
what runs.
"""

from dataclasses import dataclass, field
from typing import Any

CONVERSATIONS = "conversations"
MESSAGES = "messages"
PINS = "pins"
THREADS = "threads"
REACTIONS = "reactions"
"""Each message's reactions, by message id (`_id`): apart from the message, as they have revisions of
their own and may be told before it."""

Document = dict[str, Any]


@dataclass(frozen=True)
class Index:
    keys: list[tuple[str, int]]
    name: str
    unique: bool = False


INDEXES: dict[str, list[Index]] = {
    CONVERSATIONS: [Index([("participant_ids", 1), ("activity", -1)], "by_participant_and_activity")],
    MESSAGES: [
        Index([("conversation_id", 1), ("seq", 1)], "timeline", unique=True),
        Index([("thread_id", 1), ("seq", 1)], "thread"),
    ],
    PINS: [Index([("conversation_id", 1), ("pinned_at", -1)], "newest_pins")],
    THREADS: [],
    REACTIONS: [],
}
"""`threads` and `reactions` are read by `_id` alone: their default index serves them."""


@dataclass(frozen=True)
class Query:
    collection: str
    """CONVERSATIONS, MESSAGES, THREADS, REACTIONS or PINS."""
    filter: Document
    sort: list[tuple[str, int]] = field(default_factory=list)


def conversations_of(user_id: str, active_until: int | None = None) -> Query:
    """A user's conversations, the most recently active first and then by id, from those last
    active at `active_until`. (A page starting after a conversation skips, as it reads them, the
    ones active at that same moment up to it: the filter stays on the index's fields, which is
    what lets the MongoDB-protocol server of the tests scan the index.)"""
    filter: Document = {"participant_ids": user_id}
    if active_until is not None:
        filter["activity"] = {"$lte": active_until}
    return Query(CONVERSATIONS, filter, [("activity", -1), ("_id", 1)])


def last_message(conversation_id: str) -> Query:
    return Query(MESSAGES, {"conversation_id": conversation_id}, [("seq", -1)])


def after_marker(conversation_id: str, read_seq: int) -> Query:
    """The messages a reader has not read yet, own and deleted ones included: the unread count
    skips those as it reads the (index-ordered) range, since a filter on fields outside the
    index would keep some servers from scanning the index at all."""
    return Query(MESSAGES, {"conversation_id": conversation_id, "seq": {"$gt": read_seq}})


def timeline(conversation_id: str, *, after: int, before: int | None, latest: bool) -> Query:
    seq: Document = {"$gt": after} if before is None else {"$gt": after, "$lt": before}
    return Query(MESSAGES, {"conversation_id": conversation_id, "seq": seq}, [("seq", -1 if latest else 1)])


def thread(root_id: str, *, after: int, before: int | None, latest: bool) -> Query:
    """A thread's root and replies: `thread_id` is the root's id on each (a root's is its own)."""
    seq: Document = {"$gt": after} if before is None else {"$gt": after, "$lt": before}
    return Query(MESSAGES, {"thread_id": root_id, "seq": seq}, [("seq", -1 if latest else 1)])


def pins(conversation_id: str) -> Query:
    """The conversation's pinned messages, the latest pinned first; an unpinned one keeps its
    document (with its revision) and a null `pinned_at`, which the range leaves out."""
    return Query(PINS, {"conversation_id": conversation_id, "pinned_at": {"$gte": 0}}, [("pinned_at", -1)])


def messages_by_id(message_ids: list[str]) -> Query:
    return Query(MESSAGES, {"_id": {"$in": message_ids}})


def reactions_of(message_ids: list[str]) -> Query:
    """By `_id`, the index every collection has."""
    return Query(REACTIONS, {"_id": {"$in": message_ids}})
