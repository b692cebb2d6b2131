"""Keeping a copy of another context's aggregate by applying its changes, one version at a time.

A publisher that sends each change rather than the whole aggregate numbers its changes 1, 2, 3,
... per aggregate, and the bus hands a consumer one subject's events in order, holding still
rather than skipping one (ADR 18). A copy at version n therefore takes the change numbered n + 1;
a change it already took comes again only as a redelivery, and one further ahead means a change
went missing, which no guess can make up for.
"""


class VersionGapError(Exception):
    """A change skipped ahead of the copy it was meant for: something upstream lost or reordered
    one. The event is the event's own failure (ADR 18): it is dead-lettered, to be replayed once
    the missing change has been applied."""

    def __init__(self, what: str, held: int, told: int) -> None:
        super().__init__(f"{what} is at version {held}, and was told of version {told}: a change is missing")


def is_next(what: str, held: int, told: int) -> bool:
    """Whether the change numbered `told` is the one to apply to a copy at version `held`.

    False for a change the copy already took; raises VersionGapError for one that skips ahead.
    `what` names the copy in the error.
    """
    if told <= held:
        return False
    if told > held + 1:
        raise VersionGapError(what, held, told)
    return True
