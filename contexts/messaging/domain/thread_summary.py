"""What a thread's root shows of its replies: how many, when the latest came, and who wrote last.

It is kept on the root by the write side, under the locks that already order a thread's changes
(docs/adr/0029-threads-in-the-conversation-sequence.md), so realtime and notifications hear it in
the events of the change, and the read models keep the newest by its `version`.
"""

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID

RECENT_REPLIERS = 3
"""The repliers a root names: enough for the faces beside a thread, whatever its length."""


@dataclass(frozen=True, kw_only=True)
class ThreadSummary:
    reply_count: int = 0
    """The replies not deleted."""
    last_reply_at: datetime | None = None
    recent_replier_ids: tuple[UUID, ...] = ()
    """The distinct senders of the latest replies, the most recent first, at most RECENT_REPLIERS."""
    version: int = 0
    """How many times the summary changed: a later one has a higher version."""

    def with_reply(self, sender_id: UUID, at: datetime) -> Self:
        others = tuple(replier for replier in self.recent_replier_ids if replier != sender_id)
        return dataclasses.replace(
            self,
            reply_count=self.reply_count + 1,
            last_reply_at=at,
            recent_replier_ids=(sender_id, *others)[:RECENT_REPLIERS],
            version=self.version + 1,
        )

    def without_reply(self) -> Self:
        """A reply was deleted: it no longer counts. Who replied last, and when, still tell the
        thread's latest activity, as a deleted message's tombstone keeps its place."""
        return dataclasses.replace(self, reply_count=self.reply_count - 1, version=self.version + 1)


NO_REPLIES = ThreadSummary()
"""The summary of every message until someone replies to it."""
