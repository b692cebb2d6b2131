"""One of a message's earlier bodies, as an edit replaced it: what its edit history lists."""

from dataclasses import dataclass
from datetime import datetime

from contexts.messaging.domain.message_body import MessageBody


@dataclass(frozen=True)
class EarlierBody:
    body: MessageBody
    written_at: datetime
    """When this body was sent, or edited in."""
    replaced_at: datetime
    """When the next edit replaced it."""
