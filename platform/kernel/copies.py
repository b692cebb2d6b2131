"""A copy one context keeps of what another tells it, and an event that needs more than it holds.

A consumer that keeps a copy (who takes part in each conversation, say) learns it from events
that come before, in the bus's order of their subject, the events that need it. So when the copy
lacks what an event needs, what is wrong is the copy, not the event: it has not caught up with
the log yet (the telling was dead-lettered ahead of it, or the copy is new and the log's history
has not been replayed into it). Dead-lettering the event would lose its place in its subject's
order, and skipping it would lose it; holding still loses nothing (ADR 25).
"""


class NotToldYetError(Exception):
    """An event needs what its consumer's copy has not been told. A consumer group waits it out
    as it waits out a server that is away (`infra.failures`, ADR 18): it holds still on the batch
    and says so, and the same event succeeds once the copy has been told."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what}: not told yet")
