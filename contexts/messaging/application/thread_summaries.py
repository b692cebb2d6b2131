"""A thread root's summary, shown on its message as the read models hold them apart.

A root's message and its summary change independently (an edit of the root, a reply to it), and
each keeps its own newest telling (the message by its revision, the summary by its version), so
the read models store them apart and a query shows each message with its thread's latest summary.
"""

from collections.abc import Iterable, Mapping

from contexts.messaging.contracts.events import PublishedMessage, PublishedThread


def with_summaries(
    messages: Iterable[PublishedMessage], threads: Mapping[str, PublishedThread]
) -> list[PublishedMessage]:
    """`messages`, each root among them with the summary of its thread in `threads`."""
    return [_with_summary(message, threads.get(message["id"])) for message in messages]


def _with_summary(message: PublishedMessage, thread: PublishedThread | None) -> PublishedMessage:
    if thread is None:
        return message
    return {
        **message,
        "reply_count": thread["reply_count"],
        "last_reply_at": thread["last_reply_at"],
        "recent_replier_ids": thread["recent_replier_ids"],
    }


def thread_of(message: PublishedMessage) -> str:
    """The root of the thread `message` is in: its own id when it is no reply (a thread of one)."""
    return message.get("thread_root_id") or message["id"]
