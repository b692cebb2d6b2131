from typing import Protocol
from uuid import UUID


class MessageRevisions(Protocol):
    """How far along its life each message is, as far as notifications was told.

    Messaging's events of one message normally arrive in order, but a redelivery or a replay can
    bring a `message_sent` after its `message_deleted`: news that a later change overtook (above
    all, a deletion) must not notify anyone. A revision grows with a message's life: sent, each
    edit, then its deletion, above all.
    """

    async def advance(self, message_id: UUID, revision: int) -> bool:
        """Record that the message has come as far as `revision`, unless it has come further;
        answers whether it had not (the telling is news, not overtaken). Until the unit of work
        ends, a concurrent one telling of the same message waits, then sees this one's answer."""
        ...
